using System.Text.Json;
using GateKit.MSBuild.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests;

/// <summary>The packed GateKit.Tool, installed with dotnet tool install from the local feed and run as users run it.</summary>
[Collection(PackagesCollection.Name)]
public sealed class ToolPackageTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_installed_tool_runs_the_quickstart_sample()
    {
        var tools = _temp.Combine("tools");
        feed.WriteNuGetConfig(_temp.Path);
        var install = Dotnet.Run(_temp.Path, feed.ChildEnvironment, "tool", "install", "--tool-path", tools, "--add-source", feed.Feed, "GateKit.Tool");
        Assert.True(install.ExitCode == 0, install.Output);

        var gatekit = Path.Combine(tools, "gatekit");
        var version = Dotnet.RunProgram(gatekit, _temp.Path, null, "--version");
        Assert.True(version.ExitCode == 0, version.Output);
        Assert.StartsWith(feed.Version + "+", version.StdOut.Trim()); // + the commit (SourceLink)

        var sample = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, _temp.Combine("quickstart"));
        var run = Dotnet.RunProgram(gatekit, sample, null, "run", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Output);
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal("go-with-conditions", result.GetProperty("decision").GetString());
        Assert.Equal(feed.Version, result.GetProperty("tool").GetProperty("version").GetString());

        var state = Path.Combine(sample, ".gatekit");
        var runId = File.ReadAllText(Path.Combine(state, "latest")).Trim();
        SchemaAssert.ValidResult(File.ReadAllBytes(Path.Combine(state, "runs", runId, "result.json")));

        var noGo = Dotnet.RunProgram(gatekit, sample, null, "run", "--profile", "prod");
        Assert.True(noGo.ExitCode == 1, noGo.Output);
    }

    [Theory]
    [InlineData("GateKit.Tool")]
    [InlineData("GateKit.MSBuild")]
    public void Packages_carry_readme_license_and_repository_metadata(string id)
    {
        var package = feed.PackagePath(id);
        var nuspec = PackedFeed.ReadEntry(package, $"{id}.nuspec");
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("<readme>README.md</readme>", nuspec);
        Assert.Matches("<repository type=\"git\"[^>]* commit=\"[0-9a-f]{40}\"", nuspec);
        Assert.Contains("README.md", PackedFeed.Entries(package));
    }

    [Fact]
    public void The_MSBuild_package_holds_the_task_with_its_dependencies_and_no_library()
    {
        var entries = PackedFeed.Entries(feed.PackagePath("GateKit.MSBuild"));
        Assert.Contains("tasks/net10.0/GateKit.MSBuild.dll", entries);
        Assert.Contains("tasks/net10.0/GateKit.Core.dll", entries);
        Assert.Contains("tasks/net10.0/JsonSchema.Net.dll", entries);
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains($"{folder}/GateKit.MSBuild.props", entries);
            Assert.Contains($"{folder}/GateKit.MSBuild.targets", entries);
        }
        // MSBuild's own assemblies come from the running MSBuild; a copy here would clash with them.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.Contains("Microsoft.Build", StringComparison.Ordinal));
        Assert.DoesNotContain("<dependency", PackedFeed.ReadEntry(feed.PackagePath("GateKit.MSBuild"), "GateKit.MSBuild.nuspec"));
    }

    /// <summary>
    /// The task runs in the MSBuild of whichever SDK builds: the package carries it precompiled
    /// (ReadyToRun) for each platform, all its assemblies, beside the IL-only copy any other platform loads.
    /// </summary>
    [Fact]
    public void The_MSBuild_package_holds_the_task_precompiled_ReadyToRun_for_each_platform()
    {
        Assert.All(PackedFeed.TaskReadyToRunRuntimeIdentifiers, HoldsTheTaskReadyToRunFor);
    }

    private void HoldsTheTaskReadyToRunFor(string rid)
    {
        var package = feed.PackagePath("GateKit.MSBuild");
        var precompiled = ReadyToRunImages.AssertAllFor(package, $"tasks/net10.0/{rid}/", rid);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
            Assert.Equal(ReadyToRunImages.Assemblies(zip, "tasks/net10.0/").Select(e => e.Name).Order(), precompiled.Order());
        Assert.Contains($"tasks/net10.0/{rid}/GateKit.MSBuild.deps.json", PackedFeed.Entries(package));
        ReadyToRunImages.AssertAllILOnly(package, "tasks/net10.0/");
    }
}
