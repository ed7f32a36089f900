using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>
/// Targets that exist on disk but not in the repository: in a real git work tree, a link to a file git ignores and
/// does not track is target_ignored (GitHub would show a 404); a force-added ignored file is tracked and fine.
/// Outside git nothing changes.
/// </summary>
public sealed class DocsGitIgnoredTests : IDisposable
{
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<string, string> Cases => new()
    {
        { "[a](build/out.md)", "target_ignored" },
        { "[a](build/)", "target_ignored" },
        { "[a](build/deep/page.md#x)", "target_ignored" },
        { "[a](secret.log)", "target_ignored" },
        { "![a](docs/img/local.png)", "target_ignored" },
        { "[a](forced.log)", "" },
        { "[a](kept.md)", "" },
        { "[a](untracked.md)", "" }, // not ignored, only not committed yet: it will be in the change
        { "[a](docs/img/ok.png)", "" },
        { "[a](nope.md)", "target_missing" },
        { "<a href=\"build/out.md\">a</a>", "target_ignored" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ignored_untracked_targets_are_findings_in_a_git_work_tree(string markdown, string expected)
    {
        Tree(markdown);
        Git("init", "-q");
        Git("add", "-A");
        Git("add", "-f", "forced.log");
        Git("commit", "-q", "-m", "base");
        dir.Write("untracked.md", "# U\n");
        Assert.Equal(expected, Codes());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outside_git_nothing_is_ignored(string markdown, string expected)
    {
        Tree(markdown);
        dir.Write("untracked.md", "# U\n");
        Assert.Equal(expected == DocsCodes.TargetIgnored ? "" : expected, Codes());
    }

    private void Tree(string markdown)
    {
        dir.Write(".gitignore", "build/\n*.log\ndocs/img/local.png\n");
        dir.Write("build/out.md", "# Out\n");
        dir.Write("build/deep/page.md", "# X\n");
        dir.Write("secret.log", "x\n");
        dir.Write("forced.log", "x\n");
        dir.Write("kept.md", "# Kept\n");
        dir.Write("docs/img/local.png", "png");
        dir.Write("docs/img/ok.png", "png");
        dir.Write("README.md", markdown + "\n");
    }

    private string Codes()
    {
        var report = DocsChecker.Check(new DocsConfig { Include = ["README.md"] }, new FileRoot(dir.Path), null, CancellationToken.None);
        return string.Join(",", report.Findings.Select(f => f.Code));
    }

    private void Git(params string[] args)
    {
        var result = GateKit.Inputs.Git.Run(dir.Path, ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", .. args]);
        Assert.True(result is { ExitCode: 0 }, result?.Error ?? "git is not installed");
    }
}
