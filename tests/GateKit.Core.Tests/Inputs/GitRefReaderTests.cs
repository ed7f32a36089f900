using GateKit.Inputs;
using GateKit.Results;
using GateKit.Tests.Support;
using static GateKit.Inputs.GitRefReader;

namespace GateKit.Tests.Inputs;

/// <summary>
/// The reader against real repositories: whenever it answers, the answer is what git prints
/// (rev-parse HEAD, rev-parse --abbrev-ref HEAD); the common cases are answered without git (the test
/// fails if the reader silently leaves everything to git); the rest is left to git, and GitProbe then
/// gives git's answer.
/// </summary>
public sealed class GitRefReaderTests
{
    private static readonly Func<string, string?> NoOverrides = _ => null;

    private static string Git(string directory, params string[] args)
    {
        var result = GateKit.Inputs.Git.Run(directory, args);
        Assert.NotNull(result);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)}: {result.Error}");
        return result.Output.Trim();
    }

    private static void Commit(string directory) =>
        Git(directory, "-c", "user.name=GateKit", "-c", "user.email=gatekit@example.com", "-c", "commit.gpgsign=false",
            "commit", "-q", "--allow-empty", "-m", "commit");

    /// <summary>A repository at temp/repo with one commit on main (or none).</summary>
    private static string Repository(TempFolder temp, bool commit = true, params string[] initOptions)
    {
        var root = temp.Combine("repo");
        Git(temp.Path, ["init", "-q", "-b", "main", .. initOptions, root]);
        if (commit) Commit(root);
        return root;
    }

    /// <summary>The reader's verdict (AskGit everywhere but Linux), its answer equal to git's, and GitProbe's too.</summary>
    private static Answer Check(string directory, Verdict expected)
    {
        var answer = Read(directory, NoOverrides);
        var git = GitProbe.FromGit(directory);
        Assert.Equal(OperatingSystem.IsLinux() ? expected : Verdict.AskGit, answer.Verdict);
        if (answer.Verdict == Verdict.Found) Assert.Equal(git, answer.Info);
        if (answer.Verdict == Verdict.None) Assert.Null(git);
        // GitProbe adds the working tree's state (git status) to the ref and commit, which is what is compared here.
        Assert.Equal(git, GitProbe.Read(directory) is { } probed ? probed with { Dirty = null, ChangedFiles = null } : null);
        return answer;
    }

    [Fact]
    public void A_commit_on_main_is_read_from_the_files()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        var answer = Check(root, Verdict.Found);
        if (OperatingSystem.IsLinux()) Assert.Equal(new GitInfo("main", Git(root, "rev-parse", "HEAD")), answer.Info);
    }

    [Fact]
    public void A_subfolder_is_read_from_the_repository_above()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Check(Directory.CreateDirectory(Path.Combine(root, "src", "deeper")).FullName, Verdict.Found);
        Check(Path.Combine(root, "src") + "/", Verdict.Found);
    }

    [Fact]
    public void A_branch_with_slashes_keeps_them()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Git(root, "checkout", "-q", "-b", "feature/x/y");
        Assert.Equal("feature/x/y", Check(root, Verdict.Found).Info?.Ref ?? "feature/x/y");
    }

    [Fact]
    public void Packed_refs_are_read_and_a_newer_loose_ref_wins()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Git(root, "pack-refs", "--all");
        Assert.False(File.Exists(Path.Combine(root, ".git", "refs", "heads", "main")));
        Check(root, Verdict.Found);
        Commit(root);
        Assert.True(File.Exists(Path.Combine(root, ".git", "refs", "heads", "main")));
        Check(root, Verdict.Found);
    }

    [Fact]
    public void A_detached_head_has_no_name()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Git(root, "checkout", "-q", "--detach");
        Assert.Null(Check(root, Verdict.Found).Info?.Ref);
    }

    [Fact]
    public void A_repository_without_a_commit_has_none()
    {
        using var temp = new TempFolder();
        Check(Repository(temp, commit: false), Verdict.None);
    }

    [Fact]
    public void Without_a_commit_a_file_named_HEAD_is_left_to_git()
    {
        // git rev-parse HEAD then prints "HEAD" (taken for a file name), and succeeds
        using var temp = new TempFolder();
        var root = Repository(temp, commit: false);
        File.WriteAllText(Path.Combine(root, "HEAD"), "");
        Check(root, Verdict.AskGit);
    }

    [Fact]
    public void A_linked_worktree_reads_its_own_head_and_the_shared_refs()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        var worktree = temp.Combine("worktree");
        Git(root, "worktree", "add", "-q", "-b", "other", worktree);
        Commit(worktree);
        Assert.Equal("other", Check(worktree, Verdict.Found).Info?.Ref ?? "other");
        Check(root, Verdict.Found);
    }

    [Fact]
    public void A_git_file_pointing_elsewhere_is_followed()
    {
        using var temp = new TempFolder();
        var root = Repository(temp, commit: true, "--separate-git-dir", temp.Combine("elsewhere.git"));
        Assert.True(File.Exists(Path.Combine(root, ".git")));
        Check(root, Verdict.Found);
        Check(Directory.CreateDirectory(Path.Combine(root, "sub")).FullName, Verdict.Found);
    }

    [Fact]
    public void A_relative_git_file_is_followed()
    {
        using var temp = new TempFolder();
        var root = Repository(temp, commit: true, "--separate-git-dir", temp.Combine("elsewhere.git"));
        File.WriteAllText(Path.Combine(root, ".git"), "gitdir: ../elsewhere.git\n");
        Check(root, Verdict.Found);
    }

    [Fact]
    public void A_symbolic_branch_is_named_by_the_branch_it_points_to()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Git(root, "symbolic-ref", "refs/heads/alias", "refs/heads/main");
        Git(root, "symbolic-ref", "HEAD", "refs/heads/alias");
        Assert.Equal("main", Check(root, Verdict.Found).Info?.Ref ?? "main");
    }

    [Fact]
    public void A_sha256_repository_has_64_character_ids()
    {
        using var temp = new TempFolder();
        var root = Repository(temp, commit: true, "--object-format=sha256");
        Assert.Equal(64, Check(root, Verdict.Found).Info?.Sha?.Length ?? 64);
    }

    [Theory]
    [InlineData("refs/tags/main", false)]
    [InlineData("refs/tags/main", true)]
    [InlineData("refs/main", false)]
    [InlineData("refs/remotes/main", false)]
    [InlineData("refs/remotes/main/HEAD", true)]
    [InlineData("refs/heads/HEAD", false)]
    [InlineData("refs/tags/HEAD", true)]
    public void A_name_shared_with_another_ref_is_left_to_git(string other, bool packed)
    {
        // git then prints a longer name (heads/main), or none when HEAD itself is ambiguous
        using var temp = new TempFolder();
        var root = Repository(temp);
        var path = Path.Combine(root, ".git", other);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Git(root, "rev-parse", "HEAD") + "\n");
        if (packed) Git(root, "pack-refs", "--all");
        Check(root, Verdict.AskGit);
        if (other == "refs/tags/main") Assert.Equal("heads/main", GitProbe.Read(root)?.Ref);
    }

    [Fact]
    public void A_folder_outside_any_repository_is_what_git_says()
    {
        using var temp = new TempFolder();
        var answer = Read(temp.Path, NoOverrides);
        var git = GitProbe.FromGit(temp.Path);
        if (answer.Verdict == Verdict.Found) Assert.Equal(git, answer.Info);
        if (answer.Verdict == Verdict.None) Assert.Null(git);
        Assert.Equal(git, GitProbe.Read(temp.Path));
    }

    [Theory]
    [InlineData("GIT_DIR")]
    [InlineData("GIT_WORK_TREE")]
    [InlineData("GIT_COMMON_DIR")]
    [InlineData("GIT_CEILING_DIRECTORIES")]
    [InlineData("GIT_DISCOVERY_ACROSS_FILESYSTEM")]
    [InlineData("GIT_OBJECT_DIRECTORY")]
    public void An_environment_override_is_left_to_git(string variable)
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Assert.Equal(Verdict.AskGit, Read(root, name => name == variable ? temp.Path : null).Verdict);
        Assert.Equal(Verdict.AskGit, Read(root, name => name == variable ? "" : null).Verdict);
    }

    [Fact]
    public void Inside_the_git_dir_is_left_to_git()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Check(Path.Combine(root, ".git"), Verdict.AskGit);
        Check(Path.Combine(root, ".git", "refs"), Verdict.AskGit);
    }

    [Theory]
    [InlineData("HEAD", "garbage\n")]
    [InlineData("HEAD", "ref: refs/heads/main")]
    [InlineData("HEAD", "ref:refs/heads/main\n")]
    [InlineData("HEAD", "ref: refs/heads/ma in\n")]
    [InlineData("HEAD", "ref: refs/remotes/origin/main\n")]
    [InlineData("HEAD", "")]
    [InlineData("refs/heads/main", "not-a-sha\n")]
    [InlineData("refs/heads/main", "0123456789ABCDEF0123456789abcdef01234567\n")]
    [InlineData("refs/heads/main", "0123456789abcdef0123456789abcdef01234567 trailing\n")]
    [InlineData("refs/heads/main", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n")]
    [InlineData("refs/heads/main", "0000000000000000000000000000000000000000\n")]
    [InlineData("refs/heads/main", "ref: refs/heads/main\n")]
    [InlineData("packed-refs", "0123456789abcdef0123456789abcdef01234567 refs/heads/other\ngarbage\n")]
    [InlineData("config", "[core]\n\trepositoryformatversion = 2\n")]
    [InlineData("config", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = true\n")]
    [InlineData("config", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\trefStorage = reftable\n")]
    public void Hostile_or_unusual_contents_are_left_to_git(string file, string content)
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        File.WriteAllText(Path.Combine(root, ".git", file), content);
        Check(root, Verdict.AskGit);
        Check(Directory.CreateDirectory(Path.Combine(root, "sub")).FullName, Verdict.AskGit);
    }

    [Fact]
    public void A_reftable_folder_is_left_to_git()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        Directory.CreateDirectory(Path.Combine(root, ".git", "reftable"));
        Check(root, Verdict.AskGit);
    }

    [Fact]
    public void A_linked_git_dir_or_folder_is_left_to_git()
    {
        using var temp = new TempFolder();
        var root = Repository(temp);
        var link = temp.Combine("link");
        Directory.CreateSymbolicLink(link, root);
        Check(link, Verdict.AskGit);
        Check(Path.Combine(link, ".git", ".."), Verdict.AskGit);
    }
}
