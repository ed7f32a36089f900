using GateKit.Decisions;
using GateKit.Results;
using static GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Decisions;

public sealed class DecisionPolicyTests
{
    private static readonly Finding OpenP0 = new("condition_violated", Priority.P0, "pass rate 0.8 < 0.9");
    private static readonly Finding WaivedP0 = OpenP0 with { Waiver = new WaiverMark("W", "o", "r", "CHG", "2027-01-01") };
    private static readonly Finding OpenP1 = new("condition_violated", Priority.P1, "latency");

    public static TheoryData<string, RunResult, string?> Cases => new()
    {
        { "clean go", Run("r", Decision.Go, Gate("quality", GateStatus.Pass)), null },
        { "conditions only", Run("r", Decision.GoWithConditions, Gate("quality", GateStatus.Warn, [OpenP1])), null },
        { "a failed gate", Run("r", Decision.NoGo, Gate("quality", GateStatus.Fail, [OpenP0])), "gate 'quality' is fail" },
        { "an errored gate", Run("r", Decision.NoGo, Gate("release", GateStatus.Error)), "gate 'release' is error" },
        { "an unresolved critical finding", Run("r", Decision.GoWithConditions, Gate("quality", GateStatus.Warn, [OpenP0])), "unresolved critical finding in 'quality'" },
        { "a waived critical finding", Run("r", Decision.Go, Gate("quality", GateStatus.Pass, [WaivedP0])), null },
        { "interrupted", Run("r", Decision.NoGo) with { Interrupted = true }, "interrupted" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Approval_is_refused_exactly_when_the_policy_says_reject(string name, RunResult run, string? reason)
    {
        var reasons = DecisionPolicy.ReasonsToReject(run, []);
        if (reason is null) Assert.True(reasons.Count == 0, $"{name}: {string.Join("; ", reasons)}");
        else Assert.Contains(reasons, r => r.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_different_outcome_from_the_same_pinned_inputs_is_inconsistent()
    {
        var run = Run("r1", Decision.Go, Gate("quality", GateStatus.Pass));
        var sameInputsOtherOutcome = Run("r2", Decision.GoWithConditions, Gate("quality", GateStatus.Warn, [OpenP1]));
        var otherInputs = Run("r3", Decision.GoWithConditions, Gate("quality", GateStatus.Warn, [OpenP1], inputSha: "b"));

        Assert.Contains(DecisionPolicy.ReasonsToReject(run, [sameInputsOtherOutcome]), r => r.Contains("inconsistent outcome", StringComparison.Ordinal) && r.Contains("r2", StringComparison.Ordinal));
        Assert.Empty(DecisionPolicy.ReasonsToReject(run, [otherInputs, run]));
    }
}
