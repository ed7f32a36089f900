using GateKit.MSBuild.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests;

/// <summary>The issue's hostile inputs for the MSBuild host, each a real dotnet build.</summary>
[Collection(PackagesCollection.Name)]
public sealed class HostileInputTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_config_path_with_spaces_and_unicode_works()
    {
        var ws = new SampleWorkspace(feed, _temp.Combine("gate kit ✓ ünïcødé/config folder"));
        var config = Path.Combine(ws.Root, "gatekit.json");
        var project = Path.Combine(_temp.Combine("projekt mit ß & spaces"), "app");
        GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.SampleProject, project);
        feed.WriteNuGetConfig(Path.GetDirectoryName(project)!);

        var build = Dotnet.Run(project, feed.ChildEnvironment, "build", Path.Combine(project, "Sample.csproj"), "-tl:off", "-nodeReuse:false",
            "-p:UseSharedCompilation=false", $"-p:GateKitPackageVersion={feed.Version}", "-p:GateKitEnabled=true", $"-p:GateKitConfig={config}");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("GateKit: go-with-conditions", build.StdOut);
        Assert.Contains($"{Path.Combine(ws.Root, "data", "cases.jsonl")} : gatekit warning condition_violated", build.StdOut);
        var run = Assert.Single(ws.Runs());
        SchemaAssert.ValidResult(File.ReadAllBytes(Path.Combine(run, "result.json")));
    }

    [Fact]
    public void A_missing_config_with_GateKitEnabled_is_a_clear_error_with_its_code()
    {
        var ws = new SampleWorkspace(feed, _temp.Combine("ws"));
        File.Delete(Path.Combine(ws.Root, "gatekit.json"));

        var build = ws.Build(ws.Project(), "-p:GateKitEnabled=true");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"error GATEKIT002: config file not found: {Path.Combine(ws.Root, "app", "gatekit.json")}", build.StdOut);
        Assert.DoesNotContain("Exception", build.Output);
        Assert.DoesNotContain("   at ", build.Output);
    }

    [Fact]
    public void Two_projects_built_in_parallel_share_one_config()
    {
        var ws = new SampleWorkspace(feed, _temp.Combine("ws"), "one", "two");
        var solution = Path.Combine(ws.Root, "both.slnx");
        File.WriteAllText(solution, """
            <Solution>
              <Project Path="one/one.csproj" />
              <Project Path="two/two.csproj" />
            </Solution>
            """);

        var build = ws.Build(solution, "-m:2", "-p:GateKitEnabled=true");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal(2, build.StdOut.Split('\n').Count(l => l.Contains("GateKit: go-with-conditions")));
        Assert.Equal(2, ws.Runs().Count);
        var history = File.ReadAllLines(Path.Combine(ws.StateFolder, "history", "quality.jsonl"));
        Assert.Equal(2, history.Length);
        foreach (var line in history) SchemaAssert.ValidHistoryLine(line);
    }

    [Fact]
    public void A_read_only_output_folder_is_a_clear_error_with_its_code()
    {
        var ws = new SampleWorkspace(feed, _temp.Combine("ws"));
        var state = Directory.CreateDirectory(Path.Combine(ws.Root, "read-only-state")).FullName;
        using var readOnly = ReadOnlyFolder.Make(state);

        var build = ws.Build(ws.Project(), "-p:GateKitEnabled=true", $"-p:GateKitOutputPath={state}");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GATEKIT004: cannot read or write the GateKit state", build.StdOut);
        Assert.DoesNotContain("   at ", build.Output);
        Assert.Empty(Directory.GetFileSystemEntries(state));
    }
}
