using System.Diagnostics;
using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

/// <summary>
/// Kind: paths are relative to the repository, not to the config. Wherever the run root sits in the
/// workspace, annotations (API and fallback) name the file from the repository root, and the links that
/// GitHub pages show are absolute URLs to the file at the commit.
/// </summary>
public sealed class GitHubLayoutTests : IDisposable
{
    private readonly PublishBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Theory]
    [InlineData("", "docs/guide.md", "docs/guide.md")]
    [InlineData("services/api", "docs/guide.md", "services/api/docs/guide.md")]
    [InlineData("services/api", "docs\\guide.md", "services/api/docs/guide.md")]
    [InlineData("services/api", "../shared/a.cs", "services/shared/a.cs")]
    [InlineData("services/api", "./x/../y.md", "services/api/y.md")]
    [InlineData("a b/ü", "d e/f#g.md", "a b/ü/d e/f#g.md")]
    [InlineData("services/api", "../../../outside.md", "../../../outside.md")]
    public void A_finding_path_is_rebased_onto_the_workspace(string root, string path, string expected)
    {
        var layout = new GitHubLayout(_bench.Temp.Path, Path.Combine(_bench.Temp.Path, root));
        Assert.Equal(expected, layout.InWorkspace(path));
        Assert.Equal(Path.Combine(_bench.Temp.Path, "x.md"), Path.Combine(_bench.Temp.Path, layout.InWorkspace(Path.Combine(_bench.Temp.Path, "x.md"))));
    }

    [Theory]
    [InlineData("", "https://github.example/octo/repo/blob/SHA/")]
    [InlineData("services/api", "https://github.example/octo/repo/blob/SHA/services/api/")]
    [InlineData("a b/ü", "https://github.example/octo/repo/blob/SHA/a%20b/%C3%BC/")]
    public void Links_are_absolute_at_the_commit(string root, string expected)
    {
        var layout = new GitHubLayout(_bench.Temp.Path, Path.Combine(_bench.Temp.Path, root));
        Assert.Equal(expected, layout.LinkBase("https://github.example/octo/repo/", "SHA"));
        Assert.Null(layout.LinkBase(null, "SHA"));
    }

    [Fact]
    public void Without_GITHUB_WORKSPACE_the_git_top_level_is_the_workspace()
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["init", "-q", _bench.Temp.Path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        git.WaitForExit();
        Directory.CreateDirectory(_bench.Temp.Combine("services/api"));
        var layout = GitHubLayout.For(_bench.Temp.Combine("services/api"), _bench.Context() with { Workspace = null });
        Assert.Equal("services/api", layout.RootInWorkspace);
    }

    [Fact]
    public async Task A_config_in_a_subfolder_gives_repository_paths_in_checks_fallback_comment_and_step_summary()
    {
        var root = _bench.Temp.Combine("services/api");
        var result = Sample.Run(Decision.NoGo, Sample.Gate("docs", GateStatus.Fail, Sample.At("docs_link", Priority.P0, "broken link", "docs/guide.md", 3, 5)))
            with { Config = new InputDigest("gatekit.json", new string('b', 64), 120) };

        await _bench.Report(result, PublishBench.Options(comment: true), root: root);
        var annotation = _bench.Server.Requests.First(r => r.Path.EndsWith("/check-runs", StringComparison.Ordinal)).Json!["output"]!["annotations"]![0]!;
        Assert.Equal("services/api/docs/guide.md", annotation["path"]!.GetValue<string>());

        // The fallback (no token) names the same path.
        await _bench.Report(result, context: _bench.Context() with { Token = null }, root: root);
        Assert.StartsWith("::error file=services/api/docs/guide.md,line=3,col=5,", _bench.WorkflowAnnotations.Single());

        const string link = "(https://github.example/octo/repo/blob/" + PublishBench.Head + "/services/api/gatekit.json)";
        Assert.Contains(link, _bench.Server.Comments.Single().Body);
        Assert.Contains(link, _bench.StepSummary);
        Assert.Contains(link, _bench.Server.Requests.First(r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal)).Json!["output"]!["summary"]!.GetValue<string>());
        Assert.DoesNotContain("](../", _bench.StepSummary + _bench.Server.Comments.Single().Body);
    }
}
