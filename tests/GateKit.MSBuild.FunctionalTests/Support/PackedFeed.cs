using System.IO.Compression;
using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests.Support;

/// <summary>
/// GateKit.Tool and GateKit.MSBuild packed once for all the package tests into a temp folder feed,
/// with an isolated NuGet packages folder (so a package cached by an earlier run is never used).
/// The projects were built with this test assembly (same configuration and artifacts folder), so
/// they are packed without building again.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private readonly TempFolder _temp = new();

    public PackedFeed()
    {
        Feed = Directory.CreateDirectory(_temp.Combine("feed")).FullName;
        PackagesFolder = Directory.CreateDirectory(_temp.Combine("nuget-packages")).FullName;

        // <artifacts>/bin/GateKit.MSBuild.FunctionalTests/<configuration>/ is where this assembly runs from.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Name;
        var artifacts = output.Parent!.Parent!.Parent!.FullName;
        // The task is packed ReadyToRun for two platforms of the five it ships for (the property comes in
        // as an environment variable): this host's, which the real builds load, and one of another OS and
        // architecture. Each RID costs about 20 s of crossgen2 CPU and goes through the same target;
        // every build of the project restores all five.
        var environment = new Dictionary<string, string> { ["GateKitTaskReadyToRunRuntimeIdentifiers"] = string.Join(';', TaskReadyToRunRuntimeIdentifiers) };
        foreach (var project in new[] { "src/GateKit.Cli/GateKit.Cli.csproj", "src/GateKit.MSBuild/GateKit.MSBuild.csproj" })
        {
            // Longer than a plain dotnet command may take: crossgen2 compiles the task for each RID.
            var pack = Dotnet.RunProgram(TimeSpan.FromMinutes(15), "dotnet", RepositoryRoot, environment, "pack", Path.Combine(RepositoryRoot, project), "--no-build", "-c", configuration,
                "--artifacts-path", artifacts, "-o", Feed, "-nodeReuse:false", "-tl:off");
            if (pack.ExitCode != 0) throw new InvalidOperationException($"dotnet pack {project} failed:{Environment.NewLine}{pack.Output}");
        }
        Version = Path.GetFileNameWithoutExtension(Directory.GetFiles(Feed, "GateKit.MSBuild.*.nupkg").Single())["GateKit.MSBuild.".Length..];
    }

    /// <summary>The platforms the task is packed ReadyToRun for here (linux-x64 first: the host of these tests).</summary>
    public static readonly string[] TaskReadyToRunRuntimeIdentifiers = ["linux-x64", "osx-arm64"];

    public string Feed { get; }

    public string PackagesFolder { get; }

    public string Version { get; }

    public static string RepositoryRoot => SchemaAssert.RepositoryRoot;

    public static string Quickstart => Path.Combine(RepositoryRoot, "samples", "quickstart");

    public static string SampleProject => Path.Combine(RepositoryRoot, "tests", "GateKit.MSBuild.FunctionalTests", "Sample");

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Environment for child dotnet processes: the isolated packages folder.</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder };

    /// <summary>A nuget.config whose only source is the feed, so that nothing is fetched from elsewhere.</summary>
    public void WriteNuGetConfig(string folder) => WriteNuGetConfig(folder, Feed);

    /// <summary>A nuget.config in <paramref name="folder"/> whose only source is <paramref name="feed"/>.</summary>
    public static void WriteNuGetConfig(string folder, string feed) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="gatekit-local" value="{feed}" />
          </packageSources>
        </configuration>
        """);

    public static string ReadEntry(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader((zip.GetEntry(entry) ?? throw new InvalidOperationException($"{entry} not in {package}")).Open());
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public void Dispose() => _temp.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedFeed>
{
    // One pack for every test class that uses the packages; their tests run one after another, which
    // also keeps the 2-core machine from running several MSBuilds at once.
    public const string Name = "packages";
}
