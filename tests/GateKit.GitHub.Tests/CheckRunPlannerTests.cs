using System.Text;
using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

public sealed class CheckRunPlannerTests
{
    [Theory]
    [InlineData(GateStatus.Pass, FailOn.Fail, "success")]
    [InlineData(GateStatus.Skipped, FailOn.Fail, "neutral")]
    [InlineData(GateStatus.Warn, FailOn.Fail, "neutral")]
    [InlineData(GateStatus.Warn, FailOn.Warn, "failure")]
    [InlineData(GateStatus.Partial, FailOn.Fail, "neutral")]
    [InlineData(GateStatus.Partial, FailOn.Warn, "failure")]
    [InlineData(GateStatus.Fail, FailOn.Fail, "failure")]
    [InlineData(GateStatus.Error, FailOn.Fail, "failure")]
    public void Gate_status_maps_onto_a_conclusion(GateStatus status, FailOn failOn, string conclusion)
    {
        var gate = Sample.Gate("g", status);
        Assert.Equal(conclusion, CheckConclusions.For(gate, Sample.Run(Decision.Go, Sample.Gate("other", GateStatus.Pass), gate), failOn));
    }

    [Theory]
    [InlineData(Decision.Go, FailOn.Fail, "success")]
    [InlineData(Decision.GoWithConditions, FailOn.Fail, "neutral")]
    [InlineData(Decision.GoWithConditions, FailOn.Warn, "failure")]
    [InlineData(Decision.NoGo, FailOn.Fail, "failure")]
    public void The_run_decision_maps_onto_a_conclusion(Decision decision, FailOn failOn, string conclusion) =>
        Assert.Equal(conclusion, CheckConclusions.For(Sample.Run(decision), failOn));

    [Fact]
    public void One_check_per_gate_or_one_per_run()
    {
        var result = Sample.Run(Decision.NoGo,
            Sample.Gate("release", GateStatus.Pass),
            Sample.Gate("quality", GateStatus.Fail, Sample.At("metric_failed", Priority.P0, "too slow", "data/cases.jsonl", 3)));

        var perGate = CheckRunPlanner.Plan(result, CheckMode.PerGate, new CheckIdentity("gatekit", null, "test", null), FailOn.Fail, "in summary.md");
        Assert.Equal(["gatekit / release (test)", "gatekit / quality (test)"], perGate.Select(d => d.Name));
        Assert.Equal(["success", "failure"], perGate.Select(d => d.Conclusion));
        Assert.Equal("quality: fail — 1 finding", perGate[1].Title);
        Assert.DoesNotContain("release", perGate[1].Summary.Split("### Findings")[1]);

        var perRun = Assert.Single(CheckRunPlanner.Plan(result, CheckMode.PerRun, new CheckIdentity("gatekit", null, "test", null), FailOn.Fail, "in summary.md"));
        Assert.Equal(("gatekit (test)", "failure", "NO-GO — release pass, quality fail"), (perRun.Name, perRun.Conclusion, perRun.Title));
        var a = Assert.Single(perRun.Annotations);
        Assert.Equal(new AnnotationDraft("data/cases.jsonl", 3, 3, null, null, "failure", "quality: metric_failed (P0)", "too slow"), a);
    }

    [Fact]
    public void Ten_thousand_findings_give_200_batches_and_capped_texts()
    {
        var result = Sample.Run(Decision.NoGo, Sample.Many("quality", 10_000));
        var draft = Assert.Single(CheckRunPlanner.Plan(result, CheckMode.PerGate, new CheckIdentity("gatekit", null, null, null), FailOn.Fail, "in summary.md"));

        Assert.Equal(10_000, draft.Annotations.Count);
        var batches = draft.Batches();
        Assert.Equal(200, batches.Count);
        Assert.All(batches, b => Assert.Equal(50, b.Count));
        Assert.True(Encoding.UTF8.GetByteCount(draft.Summary) <= GitHubLimits.CheckOutputBytes);
        Assert.NotNull(draft.Text);
        Assert.True(Encoding.UTF8.GetByteCount(draft.Text) <= GitHubLimits.CheckOutputBytes);
        Assert.Contains("The full summary is in summary\\.md.", draft.Text);
        Assert.Contains("9950 more findings", draft.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_without_a_file_is_not_an_annotation_and_a_waived_one_is_a_notice()
    {
        var waived = Sample.At("c", Priority.P0, "m", "a.cs", 2, 7) with { Waiver = new WaiverMark("w", "o", "r", null, "2027-01-01") };
        var result = Sample.Run(Decision.Go, Sample.Gate("quality", GateStatus.Pass, new Finding("x", Priority.P1, "no file"), waived));
        var draft = Assert.Single(CheckRunPlanner.Plan(result, CheckMode.PerGate, new CheckIdentity("gatekit", null, null, null), FailOn.Fail, "x"));
        var a = Assert.Single(draft.Annotations);
        Assert.Equal(("notice", 7, 7), (a.Level, a.StartColumn, a.EndColumn));
        Assert.Null(draft.Text);
    }
}
