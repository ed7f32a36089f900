using CsCheck;
using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

/// <summary>
/// Kind: a failed check means a failed check. Over every combination of gate statuses and both
/// --fail-on values, in both modes, a check fails exactly when the run exits non-zero for it.
/// </summary>
public sealed class CheckConclusionRuleTests
{
    private static readonly GateStatus[] Statuses = Enum.GetValues<GateStatus>();

    /// <summary>The run decision as the engine takes it (spec: fail and error block, warn and partial are conditions, nothing evaluated is no-go).</summary>
    private static Decision DecisionOf(IReadOnlyList<GateStatus> statuses) =>
        statuses.Any(s => s is GateStatus.Fail or GateStatus.Error) || statuses.All(s => s == GateStatus.Skipped) ? Decision.NoGo
        : statuses.Any(s => s is GateStatus.Warn or GateStatus.Partial) ? Decision.GoWithConditions
        : Decision.Go;

    [Fact]
    public void Per_gate_and_per_run_checks_fail_exactly_when_the_exit_code_does() =>
        Gen.Select(Gen.Int[0, Statuses.Length - 1].Array[1, 6], Gen.Bool).Sample(p =>
        {
            var (indexes, warn) = p;
            var statuses = indexes.Select(i => Statuses[i]).ToList();
            var failOn = warn ? FailOn.Warn : FailOn.Fail;
            var result = Sample.Run(DecisionOf(statuses), statuses.Select((s, i) => Sample.Gate("g" + i, s)).ToArray());
            var exitFails = ExitCodes.ForRun(result, failOn) != ExitCodes.Go;
            var identity = new CheckIdentity("gatekit", "ci", "test", null);
            var perGate = CheckRunPlanner.Plan(result, CheckMode.PerGate, identity, failOn, "x");
            var perRun = Assert.Single(CheckRunPlanner.Plan(result, CheckMode.PerRun, identity, failOn, "x"));
            return perGate.Any(d => d.Conclusion == CheckConclusions.Failure) == exitFails
                && (perRun.Conclusion == CheckConclusions.Failure) == exitFails;
        }, iter: 5_000);

    [Fact]
    public void An_interrupted_run_is_cancelled() =>
        Assert.Equal("cancelled", CheckConclusions.For(Sample.Run(Decision.NoGo, Sample.Gate("q", GateStatus.Pass)) with { Interrupted = true }, FailOn.Fail));
}
