using GateKit.Reports;
using GateKit.Results;
using static GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Reports;

/// <summary>Evidence-pack runbook, "Operator Output Template": the sign-off lists the top findings, not all of them.</summary>
public sealed class SignoffDocumentTests
{
    private static RunResult WithFindings(int count) =>
        Run("r1", count == 0 ? Decision.Go : Decision.GoWithConditions, Gate("quality", count == 0 ? GateStatus.Pass : GateStatus.Warn,
            Enumerable.Range(1, count).Select(i => new Finding($"code_{i:00}", i % 2 == 0 ? Priority.P1 : Priority.P2, $"finding {i}")).ToList()));

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(1, 1, null)]
    [InlineData(5, 5, null)]
    [InlineData(6, 5, "1 more open finding(s) of 6")]
    [InlineData(40, 5, "35 more open finding(s) of 40")]
    public void The_sign_off_lists_at_most_the_five_top_findings_then_a_count(int findings, int listed, string? more)
    {
        var text = SignoffDocument.Render(WithFindings(findings), null, "../runs/r1");
        var rows = text.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| P[0-2] \| quality \|"));
        Assert.Equal(listed, rows);
        if (more is null) Assert.DoesNotContain("more open finding", text);
        else Assert.Contains(more, text);
        if (findings > 1) Assert.Contains("| P1 |", text); // worst first: the P1s (even findings) come before the P2s
    }

    [Fact]
    public void A_handoff_index_without_a_decision_is_pending_with_the_missing_record_as_an_open_item()
    {
        var index = HandoffPackage.Index(WithFindings(0), [], "../runs/r1", "../decisions/r1");
        Assert.Contains("Recommendation: **PENDING DECISION** (no decision recorded; the run itself is go)", index);
        Assert.Contains("## Open items\n\n- No decision record: `gatekit decide --run r1", index);
        Assert.DoesNotContain("**GO**", index);
    }
}
