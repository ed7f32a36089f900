using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests.Support;

/// <summary>
/// GateKit.Tool packed as the RID-specific tool (pointer package, Native AOT linux-x64 package, the
/// framework-dependent ReadyToRun packages of <see cref="ReadyToRunRuntimeIdentifiers"/>, IL-only any
/// package) with <c>-p:GateKitNativeTool=true</c>, once for the tests that use it, into a temp feed,
/// from a Release build in its own artifacts folder (the Native AOT compile is a minute or two). Fails
/// first, naming them, where clang or zlib1g-dev is missing.
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
            "pack", project, "-c", "Release", "-p:GateKitNativeTool=true",
            $"-p:GateKitReadyToRunRuntimeIdentifiers={string.Join("%3B", ReadyToRunRuntimeIdentifiers)}", "--artifacts-path", _temp.Combine("artifacts"), "-o", Feed,
            "-nodeReuse:false", "-tl:off", "-p:UseSharedCompilation=false");
        if (pack.ExitCode != 0) throw new InvalidOperationException($"dotnet pack -p:GateKitNativeTool=true failed:{Environment.NewLine}{pack.Output}");
        PackOutput = pack.Output;
        Version = Path.GetFileNameWithoutExtension(Directory.GetFiles(Feed, "GateKit.Tool.any.*.nupkg").Single())["GateKit.Tool.any.".Length..];
    }

    /// <summary>
    /// The ReadyToRun platforms packed here: one of the four the package ships for (GateKit.Cli.csproj),
    /// of another OS and architecture than this host, since each costs a restore, a compile and about
    /// 16 s of crossgen2 CPU; every RID goes through the same target (its default list is checked by
    /// evaluation in <c>ToolPackageRuntimesTests</c>).
    /// </summary>
    public static readonly string[] ReadyToRunRuntimeIdentifiers = ["osx-arm64"];

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

/// <summary>Native AOT links with clang and zlib (Debian's clang and zlib1g-dev; <c>bash .ci/run</c> installs them). A test never installs them itself.</summary>
public static class NativeToolchain
{
    public static void Ensure()
    {
        if (!Present())
            throw new InvalidOperationException("the Native AOT tool package tests need clang and zlib.h (Debian's clang and zlib1g-dev), which are missing: bash .ci/run installs them");
    }

    private static bool Present() => OnPath("clang") && File.Exists("/usr/include/zlib.h");

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
