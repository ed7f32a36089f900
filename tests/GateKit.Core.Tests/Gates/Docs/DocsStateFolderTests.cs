using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>GateKit's own state is never documentation: .gatekit folders at any depth, and the run's state folder wherever --out puts it.</summary>
public sealed class DocsStateFolderTests
{
    [Theory]
    [InlineData(".gatekit/runs/r1/summary.md")]
    [InlineData("samples/quickstart/.gatekit/runs/r1/summary.md")]
    [InlineData("a/b/c/.gatekit/latest/summary.md")]
    [InlineData("state/runs/r1/summary.md")]
    [InlineData("ci-out/nested/summary.md")]
    public void State_folders_are_not_read(string path)
    {
        using var dir = new TempFolder();
        dir.Write("README.md", "# Top\n");
        dir.Write(path, "[broken](nope.md)\n");
        var stateDirectory = path.StartsWith("state/", StringComparison.Ordinal) ? dir.Combine("state")
            : path.StartsWith("ci-out/", StringComparison.Ordinal) ? dir.Combine("ci-out") : null;
        var report = DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), null, CancellationToken.None, stateDirectory);
        Assert.Empty(report.Findings);
        Assert.Equal(["README.md"], report.Inputs.Select(i => i.Path));
    }

    [Theory]
    [InlineData("gatekit/notes.md")]
    [InlineData("docs/.gatekitx/notes.md")]
    [InlineData("stateful/notes.md")]
    public void Folders_that_only_look_alike_are_read(string path)
    {
        using var dir = new TempFolder();
        dir.Write(path, "[broken](nope.md)\n");
        var report = DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), null, CancellationToken.None, dir.Combine("state"));
        Assert.Equal([DocsCodes.TargetMissing], report.Findings.Select(f => f.Code));
    }

    [Fact]
    public void A_link_into_a_state_folder_still_resolves()
    {
        using var dir = new TempFolder();
        dir.Write("README.md", "[latest](.gatekit/latest/summary.md)\n");
        dir.Write(".gatekit/latest/summary.md", "[broken](nope.md)\n");
        Assert.Empty(DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), null, CancellationToken.None).Findings);
    }
}
