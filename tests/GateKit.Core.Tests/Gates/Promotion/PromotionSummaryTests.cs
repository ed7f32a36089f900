using GateKit.Output;
using GateKit.Tests.Support;
using Markdig.Extensions.Tables;
using static GateKit.Tests.Support.PromotionFixture;

namespace GateKit.Tests.Gates.Promotion;

/// <summary>The summary answers "why hold?" on its own: the decision, the window, and each sub-gate's numbers.</summary>
public sealed class PromotionSummaryTests
{
    [Fact]
    public void A_hold_shows_the_failed_sub_gate_and_the_numbers_it_decided_on()
    {
        using var f = new PromotionFixture();
        // The last 20 runs fail 2 of their 5 attempts each: a failure rate of 0.4, above 0.2.
        f.Handoff.AddRange(Enumerable.Range(0, 20).Select(i => Execution(Now.AddHours(-20 + i), 5, 0, 2)));

        var doc = MarkdownTree.Parse(MarkdownSummary.Render(f.Run(), new SummaryOptions()));

        var facts = MarkdownTree.Text(MarkdownTree.After<Markdig.Syntax.ParagraphBlock>(doc, "Promotion")!);
        Assert.Contains("Decision hold", facts);
        Assert.Contains("Failed sub-gates reliability", facts);
        Assert.Contains($"Window 7 days, {Iso(Now.AddDays(-7))} → {Iso(Now)}", facts);

        var rows = MarkdownTree.Rows(MarkdownTree.After<Table>(doc, "Promotion")!);
        Assert.Equal(["Sub-gate", "Result", "Evidence"], rows[0]);
        Assert.Equal(["governance", "reliability", "backlog", "safety", "drills"], rows.Skip(1).Select(r => r[0]));
        var reliability = rows.Single(r => r[0] == "reliability");
        Assert.Contains("fail", reliability[1]);
        Assert.Contains("runs 20", reliability[2]);
        Assert.Contains("attempted 100", reliability[2]);
        Assert.Contains("failed 40", reliability[2]);
        Assert.Contains("failure_rate 0.4", reliability[2]);
        Assert.All(rows.Skip(1).Where(r => r[0] != "reliability"), r => Assert.Contains("pass", r[1]));
        Assert.Contains("review_by " + Iso(DateTimeOffset.Parse("2026-12-31T00:00:00Z")), rows.Single(r => r[0] == "governance")[2]);
    }

    [Fact]
    public void A_run_without_the_promotion_gate_has_no_promotion_section()
    {
        var run = GateKit.Tests.Support.Runs.Run("r1", GateKit.Results.Decision.Go, GateKit.Tests.Support.Runs.Gate("release", GateKit.Results.GateStatus.Pass));
        var doc = MarkdownTree.Parse(MarkdownSummary.Render(run, new SummaryOptions()));
        Assert.DoesNotContain(MarkdownTree.Headings(doc), h => MarkdownTree.Text(h) == "Promotion");
    }
}
