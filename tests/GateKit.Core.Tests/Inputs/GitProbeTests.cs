using GateKit.Inputs;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Inputs;

/// <summary>The branch and commit a run records, as git answers them, in real repositories of each shape.</summary>
public sealed class GitProbeTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static string Git(string directory, params string[] args)
    {
        var result = GateKit.Inputs.Git.Run(directory, args);
        Assert.NotNull(result);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)}: {result.Error}");
        return result.Output.Trim();
    }

    // The repositories here have no changes beside their commits: the probe reports a clean working tree.
    private static GitInfo Clean(string? name, string sha) => new(name, sha) { Dirty = false, ChangedFiles = 0 };

    private static void Commit(string directory) =>
        Git(directory, "-c", "user.name=GateKit", "-c", "user.email=gatekit@example.com", "-c", "commit.gpgsign=false",
            "commit", "-q", "--allow-empty", "-m", "commit");

    private string Repository(bool commit = true, params string[] initOptions)
    {
        var root = temp.Combine("repo");
        Git(temp.Path, ["init", "-q", "-b", "main", .. initOptions, root]);
        if (commit) Commit(root);
        return root;
    }

    [Fact]
    public void A_commit_on_main_is_the_branch_and_its_commit_from_any_subfolder()
    {
        var root = Repository();
        var expected = Clean("main", Git(root, "rev-parse", "HEAD"));

        Assert.Equal(expected, GitProbe.Read(root));
        Assert.Equal(expected, GitProbe.Read(Directory.CreateDirectory(Path.Combine(root, "src", "deeper")).FullName));
    }

    [Fact]
    public void A_branch_with_slashes_keeps_them()
    {
        var root = Repository();
        Git(root, "checkout", "-q", "-b", "feature/x/y");
        Assert.Equal("feature/x/y", GitProbe.Read(root)?.Ref);
    }

    [Fact]
    public void A_detached_head_has_a_commit_and_no_name()
    {
        var root = Repository();
        Git(root, "checkout", "-q", "--detach");
        Assert.Equal(Clean(null, Git(root, "rev-parse", "HEAD")), GitProbe.Read(root));
    }

    [Fact]
    public void A_name_shared_with_a_tag_is_told_apart_as_git_does()
    {
        var root = Repository();
        Git(root, "tag", "main");
        Assert.Equal("heads/main", GitProbe.Read(root)?.Ref);
    }

    [Fact]
    public void A_repository_without_a_commit_and_a_folder_outside_any_have_none()
    {
        Assert.Null(GitProbe.Read(Repository(commit: false)));
        // The temp folder is outside any repository unless the machine's temp path is inside one.
        var outside = Directory.CreateDirectory(temp.Combine("plain")).FullName;
        if (GateKit.Inputs.Git.Run(outside, "rev-parse", "--git-dir") is { ExitCode: not 0 }) Assert.Null(GitProbe.Read(outside));
    }

    [Fact]
    public void A_linked_worktree_has_its_own_branch()
    {
        var root = Repository();
        var linked = temp.Combine("linked");
        Git(root, "worktree", "add", "-q", "-b", "other", linked);
        Commit(linked);
        Assert.Equal(Clean("other", Git(linked, "rev-parse", "HEAD")), GitProbe.Read(linked));
        Assert.Equal("main", GitProbe.Read(root)?.Ref);
    }

    [Fact]
    public void A_sha256_repository_has_64_character_ids()
    {
        var root = Repository(true, "--object-format=sha256");
        Assert.Equal(64, GitProbe.Read(root)?.Sha?.Length);
    }
}
