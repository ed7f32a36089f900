namespace GateKit.MSBuild.Tests.Support;

/// <summary>
/// A copy of the quickstart sample (gatekit.json at its root) with consumer projects of
/// GateKit.MSBuild beside it, restoring only from the locally packed feed.
/// </summary>
public sealed class SampleWorkspace
{
    private readonly PackedFeed _feed;

    public SampleWorkspace(PackedFeed feed, string root, params string[] projects)
    {
        _feed = feed;
        Root = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, root);
        // Each project named after its folder: a solution refuses two projects of one name.
        foreach (var project in projects.Length == 0 ? ["app"] : projects)
            File.Move(Path.Combine(GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.SampleProject, Path.Combine(Root, project)), "Sample.csproj"), Project(project));
        feed.WriteNuGetConfig(Root);
    }

    public string Root { get; }

    public string StateFolder => Path.Combine(Root, ".gatekit");

    public string Project(string name = "app") => Path.Combine(Root, name, name + ".csproj");

    /// <summary>The run folders written so far under the state folder.</summary>
    public IReadOnlyList<string> Runs(string? state = null)
    {
        var runs = Path.Combine(state ?? StateFolder, "runs");
        return Directory.Exists(runs) ? Directory.GetDirectories(runs).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList() : [];
    }

    /// <summary>dotnet build of <paramref name="target"/> (a project or solution), with the package version and <paramref name="args"/>.</summary>
    public ProcessResult Build(string target, params string[] args) =>
        Dotnet.Run(Root, _feed.ChildEnvironment,
        [
            "build", target, "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false",
            $"-p:GateKitPackageVersion={_feed.Version}", .. args,
        ]);
}
