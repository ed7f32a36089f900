using CsCheck;
using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

/// <summary>
/// Kind: trimming keeps the table. Whatever the size of the findings' messages and paths, the check
/// summary, the check text and the PR comment show the rows that fit, never the header alone; and a
/// trimmed document or a step summary with no room left gets a whole note or nothing.
/// </summary>
public sealed class TableTrimmingTests : IDisposable
{
    private readonly PublishBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private static int Rows(string markdown) => markdown.Split('\n').Count(l => l.StartsWith("| 🔴", StringComparison.Ordinal) || l.StartsWith("| 🟠", StringComparison.Ordinal));

    private static RunResult WithMessages(IReadOnlyList<int> lengths, char fill) => Sample.Run(Decision.NoGo, Sample.Gate("quality", GateStatus.Fail,
        lengths.Select((n, i) => Sample.At("metric_failed", Priority.P0, i + " " + new string(fill, n), $"src/{new string('d', n % 3000)}/file{i}.cs", i + 1)).ToArray()));

    [Fact]
    public void One_150_KB_message_among_600_findings_leaves_the_rows_in_summary_text_and_comment()
    {
        var result = WithMessages([150_000, .. Enumerable.Repeat(40, 599)], 'x');
        var draft = Assert.Single(CheckRunPlanner.Plan(result, CheckMode.PerGate, new CheckIdentity("gatekit", null, null, null), FailOn.Fail, "in summary.md"));
        var comment = GitHubPublisher.CommentBody(GitHubMarkdown.Sections(result, null), new CheckIdentity("gatekit", null, null, null), "in summary.md");

        Assert.Equal(50, Rows(draft.Summary));
        Assert.True(Rows(draft.Text!) > 100, $"{Rows(draft.Text!)} rows in the check text");
        Assert.Equal(50, Rows(comment));
        Assert.Contains("x…", draft.Summary);
    }

    [Fact]
    public void Whatever_the_sizes_the_tables_show_the_rows_that_fit() =>
        Gen.Select(Gen.Int[0, 200_000].Array[1, 80], Gen.Char["x&<|`\\é😀"]).Sample(p =>
        {
            var (lengths, fill) = p;
            var result = WithMessages(lengths, fill);
            var draft = CheckRunPlanner.Plan(result, CheckMode.PerRun, new CheckIdentity("gatekit", null, null, null), FailOn.Fail, "in summary.md").Single();
            var comment = GitHubPublisher.CommentBody(GitHubMarkdown.Sections(result, null), new CheckIdentity("gatekit", null, null, null), "in summary.md");
            var fits = Math.Min(lengths.Length, 10);
            return Rows(draft.Summary) >= fits && Rows(comment) >= fits && (draft.Text is null || Rows(draft.Text) >= fits)
                && GitHubLimits.Utf8Bytes(draft.Summary) <= GitHubLimits.CheckOutputBytes && comment.Length <= GitHubLimits.CommentChars;
        }, iter: 40, threads: 1);

    [Fact]
    public void A_trimmed_document_ends_with_the_whole_note_or_is_empty_at_every_budget()
    {
        var markdown = Summaries.Of("## ❌ NO-GO\n\n", ("Findings", string.Concat(Enumerable.Range(0, 50).Select(i => $"| row {i} | x |\n"))));
        for (var budget = 0; budget < 600; budget++)
        {
            var trimmed = MarkdownTrimmer.Trim(markdown, budget, "in s.md");
            Assert.True(GitHubLimits.Utf8Bytes(trimmed) <= budget);
            Assert.True(trimmed.Length == 0 || trimmed.EndsWith("The full summary is in s\\.md.\n", StringComparison.Ordinal), $"budget {budget}: '{trimmed}'");
        }
    }

    [Fact]
    public void A_step_summary_with_almost_no_room_gets_whole_notes_or_nothing()
    {
        var path = _bench.Temp.Combine("step-summary.md");
        var summary = Summaries.Of("## ❌ NO-GO\n\n", ("Findings", "| row | x |\n"));
        for (var room = 0; room < 700; room += 7)
        {
            File.WriteAllText(path, new string('x', GitHubLimits.StepSummaryBytes - 1 - room));
            GitHubReporter.AppendStepSummary(path, summary, "in s.md", ["publishing failed (HTTP 502)"]);
            var added = File.ReadAllText(path)[(GitHubLimits.StepSummaryBytes - 1 - room)..];
            Assert.True(new FileInfo(path).Length <= GitHubLimits.StepSummaryBytes - 1);
            Assert.True(added.Length == 0 || added.Contains("> ⚠️ GateKit: publishing failed \\(HTTP 502\\).\n", StringComparison.Ordinal), $"room {room}: '{added}'");
            if (added.Contains("[!NOTE]", StringComparison.Ordinal)) Assert.EndsWith("The full summary is in s\\.md.\n", added);
        }
    }
}
