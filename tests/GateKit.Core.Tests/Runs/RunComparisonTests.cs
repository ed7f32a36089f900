using GateKit.Results;
using GateKit.Runs;
using static GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Runs;

public sealed class RunComparisonTests
{
    private static RunResult With(string id, double value, GateStatus status = GateStatus.Pass, string inputSha = "a") =>
        Run(id, status == GateStatus.Pass ? Decision.Go : Decision.GoWithConditions,
            Gate("quality", status, metrics: new Dictionary<string, double> { ["m"] = value }, inputSha: inputSha));

    [Theory]
    [InlineData(100, 104.9, 0.05, false)]
    [InlineData(100, 95.1, 0.05, false)]
    [InlineData(100, 105.1, 0.05, true)]
    [InlineData(100, 94, 0.05, true)]
    [InlineData(100, 120, 0.25, false)]
    [InlineData(0, 0, 0.05, false)]
    [InlineData(0, 1, 0.05, true)]
    public void Metrics_change_beyond_the_tolerance(double before, double after, double tolerance, bool changed)
    {
        var comparison = RunComparison.Of(With("a", before), With("b", after), tolerance);
        Assert.Equal(changed, Assert.Single(comparison.Metrics).Changed);
        Assert.Equal(!changed, comparison.WithinTolerance);
    }

    [Fact]
    public void Same_pinned_inputs_with_another_outcome_is_flagged()
    {
        Assert.True(RunComparison.Of(With("a", 1), With("b", 1, GateStatus.Warn)).Inconsistent);
        Assert.False(RunComparison.Of(With("a", 1), With("b", 1, GateStatus.Warn, inputSha: "b")).Inconsistent);
        Assert.False(RunComparison.Of(With("a", 1), With("b", 1)).Inconsistent);
    }

    [Fact]
    public void A_metric_in_only_one_run_is_a_change()
    {
        var before = With("a", 1);
        var after = Run("b", Decision.Go, Gate("quality", GateStatus.Pass, metrics: new Dictionary<string, double> { ["n"] = 1 }));
        Assert.All(RunComparison.Of(before, after).Metrics, m => Assert.True(m.Changed));
    }

    [Fact]
    public void A_pin_reports_every_differing_input()
    {
        var pin = RunPin.From(With("a", 1), "run a");
        var e = Assert.Throws<PinMismatchException>(() => pin.CheckInputs(With("b", 1, inputSha: "b")));
        var difference = Assert.Single(e.Differences);
        Assert.Equal(("data/in.json", new string('a', 64), new string('b', 64)), (difference.Path, difference.Pinned, difference.Actual));
        pin.CheckInputs(With("c", 2)); // same digests: accepted
        Assert.Throws<PinMismatchException>(() => pin.CheckConfig(GateKit.Tests.Support.Runs.Config with { Sha256 = new string('d', 64) }));
    }
}
