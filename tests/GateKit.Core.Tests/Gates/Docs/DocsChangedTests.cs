using System.Diagnostics;
using GateKit.Config;
using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>--changed against real git repositories: changed files, and unchanged files that link to removed ones.</summary>
public sealed class DocsChangedTests : IDisposable
{
    private readonly TempFolder dir = new();

    public DocsChangedTests()
    {
        Git("init", "-q", "-b", "main");
        dir.Write("guide/setup.md", "# Setup\n\n## Install\n");
        dir.Write("guide/old/deep.md", "# Deep\n");
        dir.Write("index.md", "[setup](guide/setup.md#install) [deep](guide/old/deep.md)\n");
        dir.Write("faq.md", "[faq to setup](guide/setup.md) [never existed](nowhere.md)\n");
        dir.Write("notes.md", "[notes](faq.md)\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "base");
    }

    public void Dispose() => dir.Dispose();

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false" }.Concat(args)) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {err}");
    }

    private IReadOnlyList<GateKit.Results.Finding> Check() =>
        DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), GitChanges.Against(dir.Path, "main"), CancellationToken.None).Findings;

    [Fact]
    public void Nothing_changed_checks_nothing_even_with_old_debt()
    {
        Assert.Empty(Check());
        Assert.Equal(0, DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), GitChanges.Against(dir.Path, "main"), CancellationToken.None).Metrics["files_checked"]);
    }

    [Fact]
    public void A_rename_breaks_unchanged_files_and_says_which_rename()
    {
        Git("mv", "guide/setup.md", "guide/install.md");
        Git("commit", "-q", "-m", "rename");
        Git("checkout", "-q", "-b", "topic");
        var findings = DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), GitChanges.Against(dir.Path, "HEAD~1"), CancellationToken.None).Findings;
        Assert.Equal(["faq.md", "index.md"], findings.Select(f => f.Location!.File));
        Assert.All(findings, f => Assert.Contains("renamed guide/setup.md to guide/install.md", f.Message));
        // faq.md's old debt (nowhere.md) is not this change's: unchanged files report only links to removed files.
        Assert.DoesNotContain(findings, f => f.Subject == "nowhere.md");
    }

    [Fact]
    public void A_deletion_in_the_working_tree_is_named()
    {
        File.Delete(dir.Combine("faq.md"));
        var finding = Assert.Single(Check());
        Assert.Equal(("notes.md", DocsCodes.TargetMissing), (finding.Location!.File, finding.Code));
        Assert.Contains("this change deleted faq.md", finding.Message);
    }

    [Fact]
    public void A_renamed_folder_breaks_links_into_it()
    {
        Git("mv", "guide/old", "guide/new");
        var finding = Assert.Single(Check());
        Assert.Equal(("index.md", "guide/old/deep.md"), (finding.Location!.File, finding.Subject));
        Assert.Contains("renamed guide/old/deep.md to guide/new/deep.md", finding.Message);
    }

    [Fact]
    public void Changed_and_untracked_files_are_checked_in_full()
    {
        dir.Write("faq.md", "[faq to setup](guide/setup.md) [never existed](nowhere.md) [new](gone.md)\n");
        dir.Write("added.md", "[x](missing.md)\n");
        var findings = Check();
        Assert.Equal(["added.md:missing.md", "faq.md:nowhere.md", "faq.md:gone.md"], findings.Select(f => $"{f.Location!.File}:{f.Subject}"));
    }

    [Fact]
    public void An_unknown_base_is_a_usage_error()
    {
        var e = Assert.Throws<RequestException>(() => GitChanges.Against(dir.Path, "no-such-branch"));
        Assert.Contains("no-such-branch", e.Message);
    }

    [Fact]
    public void Outside_a_repository_is_a_usage_error()
    {
        using var plain = new TempFolder();
        Assert.Throws<RequestException>(() => GitChanges.Against(plain.Path, "main"));
    }
}
