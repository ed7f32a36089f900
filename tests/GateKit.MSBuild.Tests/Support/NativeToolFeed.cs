using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests.Support;

/// <summary>
/// GateKit.Tool packed as the RID-specific tool (pointer package, Native AOT linux-x64 package,
/// framework-dependent any package) with <c>-p:GateKitNativeTool=true</c>, once for the tests that use
/// it, into a temp feed, from a Release build in its own artifacts folder (the Native AOT compile is
/// a minute or two). Installs clang and zlib1g-dev with apt-get first where they are missing.
/// </summary>
public sealed class NativeToolFeed : IDisposable
{
    private readonly TempFolder _temp = new();

    public NativeToolFeed()
    {
        NativeToolchain.Ensure();
        Feed = Directory.CreateDirectory(_temp.Combine("feed")).FullName;
        PackagesFolder = Directory.CreateDirectory(_temp.Combine("nuget-packages")).FullName;
        var project = Path.Combine(PackedFeed.RepositoryRoot, "src", "GateKit.Cli", "GateKit.Cli.csproj");
        var pack = Dotnet.RunProgram(TimeSpan.FromMinutes(15), "dotnet", PackedFeed.RepositoryRoot, null,
            "pack", project, "-c", "Release", "-p:GateKitNativeTool=true", "--artifacts-path", _temp.Combine("artifacts"), "-o", Feed,
            "-nodeReuse:false", "-tl:off", "-p:UseSharedCompilation=false");
        if (pack.ExitCode != 0) throw new InvalidOperationException($"dotnet pack -p:GateKitNativeTool=true failed:{Environment.NewLine}{pack.Output}");
        PackOutput = pack.Output;
        Version = Path.GetFileNameWithoutExtension(Directory.GetFiles(Feed, "GateKit.Tool.any.*.nupkg").Single())["GateKit.Tool.any.".Length..];
    }

    public string Feed { get; }

    public string PackagesFolder { get; }

    public string Version { get; }

    /// <summary>What dotnet pack printed (the Native AOT compiler's warnings among it).</summary>
    public string PackOutput { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Environment for child dotnet processes: the isolated packages folder.</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder };

    /// <summary>Installs GateKit.Tool from this feed only into <paramref name="toolPath"/>; extra arguments go to dotnet tool install.</summary>
    public ProcessResult Install(string workingDirectory, string toolPath, params string[] args)
    {
        PackedFeed.WriteNuGetConfig(workingDirectory, Feed);
        return Dotnet.Run(workingDirectory, ChildEnvironment, ["tool", "install", "--tool-path", toolPath, "--add-source", Feed, "GateKit.Tool", .. args]);
    }

    public void Dispose() => _temp.Dispose();
}

/// <summary>Native AOT links with clang and zlib: installed with apt-get where missing, as .ci/run does.</summary>
public static class NativeToolchain
{
    public static void Ensure()
    {
        if (Present()) return;
        if (!OnPath("apt-get"))
            throw new InvalidOperationException("Native AOT needs clang and zlib1g-dev, which are missing, and there is no apt-get to install them");
        var install = Dotnet.RunProgram(TimeSpan.FromMinutes(10), "sh", "/", new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" },
            "-c", "apt-get update -qq && apt-get install -y -qq clang zlib1g-dev");
        if (install.ExitCode != 0 || !Present())
            throw new InvalidOperationException($"installing clang and zlib1g-dev failed (exit {install.ExitCode}):{Environment.NewLine}{install.Output}");
    }

    private static bool Present() => OnPath("clang") && File.Exists("/usr/include/zlib.h");

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
