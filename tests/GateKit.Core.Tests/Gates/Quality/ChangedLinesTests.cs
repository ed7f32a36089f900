using CsCheck;
using GateKit.Config;
using GateKit.Gates.Quality.NewCode;
using GateKit.Gates.Quality.Standard;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// Changed lines from real git diffs: generated edits against their ground truth (property), the hunk shapes
/// (table), renames, binary and deleted files, hostile names, untracked files, and bad bases.
/// </summary>
public sealed class ChangedLinesTests
{
    /// <summary>Names git quotes or that look like diff syntax, so parsing them is part of every sample.</summary>
    private static readonly string[] Names =
        ["a.cs", "dir/b c.cs", "ü/é.cs", "q\"uote.cs", "tab\tname.cs", "back\\slash.cs", "+++ plus.cs", "@@ at.cs", "new\nline.cs"];

    /// <summary>One file's edit: per original line 0 keep, 1 delete, 2 replace, 3 keep then insert; and the trailing newlines.</summary>
    private sealed record FileEdit(int[] Ops, bool OriginalEol, bool NewEol);

    private static readonly Gen<FileEdit> EditGen =
        Gen.Select(Gen.Int[0, 3].Array[0, 25], Gen.Bool, Gen.Bool, (ops, a, b) => new FileEdit(ops, a, b));

    [Fact]
    public void Generated_edits_give_exactly_the_added_and_changed_lines()
    {
        EditGen.Array[1, Names.Length].Sample(edits =>
        {
            using var repo = new GitRepository();
            var expected = new Dictionary<string, HashSet<int>>();
            for (var f = 0; f < edits.Length; f++)
            {
                var name = $"f{f}-{Names[f]}";
                var (original, changed, added) = Apply(edits[f], f);
                repo.Write(name, original);
                if (added.Count > 0) expected[name] = added;
                // Moved over the original after the base commit below.
                File.WriteAllText(repo.Folder.Combine(name + ".next"), changed);
            }
            repo.Commit("base");
            for (var f = 0; f < edits.Length; f++)
            {
                var name = repo.Folder.Combine($"f{f}-{Names[f]}");
                File.Move(name + ".next", name, overwrite: true);
            }
            var actual = GitChangedLines.Since(repo.Path, "main").LinesByPath
                .Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value.Order().ToArray());
            var wanted = expected.ToDictionary(p => p.Key, p => p.Value.Order().ToArray());
            Assert.Equal(wanted.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (file, lines) in wanted) Assert.Equal(lines, actual[file]);
        }, iter: 6, threads: 1);
    }

    /// <summary>The original and edited texts and the 1-based lines of the edit that are new (unique content, or a newline change).</summary>
    private static (string Original, string Changed, HashSet<int> Added) Apply(FileEdit edit, int file)
    {
        var original = edit.Ops.Select((_, i) => $"line {i} of {file}").ToList();
        var result = new List<(string Text, bool New)>();
        for (var i = 0; i < edit.Ops.Length; i++)
        {
            switch (edit.Ops[i])
            {
                case 0: result.Add((original[i], false)); break;
                case 1: break;
                case 2: result.Add(($"replaced {i} of {file}", true)); break;
                default:
                    result.Add((original[i], false));
                    result.Add(($"+++ inserted after {i}", true));
                    break;
            }
        }
        var added = new HashSet<int>();
        for (var i = 0; i < result.Count; i++) if (result[i].New) added.Add(i + 1);
        // A kept line whose end of line changed (it was the original's last line without a newline, or became the
        // edit's last line without one) is a changed line to git.
        var lastOriginal = original.Count - 1;
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i].New) continue;
            var index = original.IndexOf(result[i].Text);
            var hadEol = index != lastOriginal || edit.OriginalEol;
            var hasEol = i != result.Count - 1 || edit.NewEol;
            if (hadEol != hasEol) added.Add(i + 1);
        }
        return (Text(original, edit.OriginalEol), Text(result.Select(r => r.Text).ToList(), edit.NewEol), added);
    }

    private static string Text(List<string> lines, bool eol) => lines.Count == 0 ? "" : string.Join("\n", lines) + (eol ? "\n" : "");

    public static TheoryData<string, string, int[]> Hunks => new()
    {
        { "@@ -0,0 +1,3 @@\n+a\n+b\n+c\n", "x.cs", [1, 2, 3] },
        { "@@ -5 +5 @@\n-a\n+b\n", "x.cs", [5] },
        { "@@ -5,2 +4,0 @@\n-a\n-b\n", "x.cs", [] },
        { "@@ -1,0 +2 @@ class X\n++++ b/evil.cs\n", "x.cs", [2] },
        { "@@ -3 +3,2 @@\n-old\n\\ No newline at end of file\n+new\n+@@ -1 +1 @@\n\\ No newline at end of file\n", "x.cs", [3, 4] },
        { "@@ -1,2 +1,2 @@\n-a\n-b\n+c\n+d\n@@ -10 +10,0 @@\n-e\n@@ -20,0 +19,2 @@\n+f\n+g\n", "x.cs", [1, 2, 19, 20] },
    };

    [Theory, MemberData(nameof(Hunks))]
    public void Hunk_bodies_are_consumed_by_their_counts(string hunks, string file, int[] lines)
    {
        var diff = $"diff --git a/{file} b/{file}\nindex 1..2 100644\n--- a/{file}\n+++ b/{file}\n{hunks}";
        var parsed = UnifiedDiffParser.Parse(new StringReader(diff));
        Assert.Equal(lines, parsed.GetValueOrDefault(file)?.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1)) ?? []);
        Assert.DoesNotContain("evil.cs", parsed.Keys);
    }

    [Theory]
    [InlineData("@@ -1 +x @@\n")]
    [InlineData("@@ -1 +1\n")]
    [InlineData("@@ -1,2 +1,2 @@\n-a\n+b\n")]
    [InlineData("@@ -1 +1 @@\nplain\n")]
    public void A_malformed_hunk_is_an_error_not_a_guess(string hunks) =>
        Assert.Throws<FormatException>(() => UnifiedDiffParser.Parse(new StringReader($"diff --git a/x b/x\n--- a/x\n+++ b/x\n{hunks}")));

    [Fact]
    public void A_renamed_file_counts_only_its_edited_lines_and_deleted_and_binary_files_none()
    {
        using var repo = new GitRepository();
        var body = string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i}\n"));
        repo.Write("old/Name.cs", body);
        repo.Write("gone.cs", "x\n");
        repo.Write("image.bin", "\0\u0001\u0002");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "topic");
        Directory.CreateDirectory(repo.Folder.Combine("new"));
        repo.Git("mv", "old/Name.cs", "new/Name.cs");
        File.WriteAllText(repo.Folder.Combine("new/Name.cs"), body.Replace("line 7\n", "line seven\n"));
        repo.Git("rm", "-q", "gone.cs");
        File.WriteAllBytes(repo.Folder.Combine("image.bin"), [0, 9, 9, 9]);
        repo.Write("added.bin", "\0\0");
        repo.Commit("topic");
        repo.Write("untracked.cs", "a\nb");

        var changed = GitChangedLines.Since(repo.Path, "main").LinesByPath;
        Assert.Equal(["new/Name.cs", "untracked.cs"], changed.Where(c => c.Value.Count > 0).Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal([7], changed["new/Name.cs"]);
        Assert.Equal([1, 2], changed["untracked.cs"].Order());
    }

    [Fact]
    public void The_base_is_the_merge_base_so_commits_on_the_target_since_the_branch_are_not_the_branchs()
    {
        using var repo = new GitRepository();
        repo.Write("a.cs", "1\n2\n3\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "topic");
        repo.Write("a.cs", "1\ntwo\n3\n");
        repo.Commit("topic");
        repo.Git("checkout", "-q", "main");
        repo.Write("b.cs", "main only\n");
        repo.Commit("main moves on");
        repo.Git("checkout", "-q", "topic");

        var changed = GitChangedLines.Since(repo.Path, "main").LinesByPath;
        Assert.Equal(["a.cs"], changed.Keys);
        Assert.Equal([2], changed["a.cs"]);
    }

    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("origin/main")]
    [InlineData("HEAD~5")]
    [InlineData("--output=/tmp/x")]
    public void A_bad_base_is_a_usage_error_naming_the_ref(string baseRef)
    {
        using var repo = new GitRepository();
        repo.Write("a.cs", "1\n");
        repo.Commit("base");
        var e = Assert.Throws<UsageException>(() => GitChangedLines.Since(repo.Path, baseRef));
        Assert.Contains($"'{baseRef}'", e.Message);
        // Refused when the diff is started, before a report is read while it runs.
        Assert.Equal(e.Message, Assert.Throws<UsageException>(() => { _ = GitChangedLines.Start(repo.Path, baseRef); }).Message);
    }

    [Fact]
    public void A_reader_waits_for_the_diff_started_beside_it_and_gets_its_failure_as_thrown()
    {
        var lines = new ChangedLines(new Dictionary<string, IReadOnlySet<int>> { ["a.cs"] = new HashSet<int> { 2 } });
        var pending = new TaskCompletionSource<ChangedLines>();
        var context = ReadContext.WhileChanging("cov", 1, pending.Task, null);
        pending.SetResult(lines);
        Assert.Same(lines, (context with { ReportId = "other" }).Changed);
        var failed = ReadContext.WhileChanging("cov", 1, Task.FromException<ChangedLines>(new IOException("git diff failed")), null);
        Assert.Equal("git diff failed", Assert.Throws<IOException>(() => failed.Changed).Message);
        Assert.Null(ReadContext.WhileChanging("cov", 1, null, null).Changed);
        Assert.Same(lines, new ReadContext("cov", 1, lines).Changed);
    }

    [Fact]
    public void Outside_a_work_tree_is_a_usage_error()
    {
        using var folder = new TempFolder();
        Assert.Throws<UsageException>(() => GitChangedLines.Since(folder.Path, "main"));
    }

    [Theory]
    [InlineData("pull_request", "main", "origin/main")]
    [InlineData("pull_request_target", "release/1.x", "origin/release/1.x")]
    [InlineData("push", "main", null)]
    [InlineData("pull_request", "", null)]
    [InlineData(null, null, null)]
    public void The_default_base_is_the_pull_requests_target(string? eventName, string? baseRef, string? expected)
    {
        var environment = new Dictionary<string, string?> { ["GITHUB_EVENT_NAME"] = eventName, ["GITHUB_BASE_REF"] = baseRef };
        Assert.Equal(expected, GitChangedLines.DefaultBase(n => environment.GetValueOrDefault(n)));
    }
}
