using System.Globalization;
using CsCheck;
using GateKit.Gates.Quality;
using GateKit.History;
using GateKit.Results;
using GateKit.Runs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates;

/// <summary>
/// Numbers compare as the user wrote them (spec, quality gate: "a value equal to its threshold in decimal is
/// equal"): aggregates, relative changes, run comparisons, promotion rates and printed values, over generated decimals.
/// </summary>
public sealed class DecimalComparisonTests
{
    /// <summary>A decimal as a user writes one: up to 12 significant digits, 0 to 6 decimals, either sign.</summary>
    private static readonly Gen<decimal> UserDecimal =
        Gen.Select(Gen.Long[-999_999_999_999, 999_999_999_999], Gen.Int[0, 6], (mantissa, scale) => new decimal(mantissa) / Pow10(scale));

    private static readonly Gen<decimal> PositiveDecimal = UserDecimal.Where(d => d > 0);

    /// <summary>Up to 9 significant digits and 6 decimals: sums and differences keep at most 15 digits, which a double holds exactly.</summary>
    private static readonly Gen<decimal> ShortDecimal =
        Gen.Select(Gen.Long[-999_999_999, 999_999_999], Gen.Int[0, 6], (mantissa, scale) => new decimal(mantissa) / Pow10(scale));

    private static decimal Pow10(int n) => Enumerable.Repeat(10m, n).Aggregate(1m, (a, b) => a * b);

    private static string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static GateKit.Gates.GateOutcome Quality(TempFolder root, string conditions, string cases, IReadOnlyList<HistoryRecord>? history = null)
    {
        root.Write("data/cases.jsonl", cases);
        return new QualityGate().Evaluate(Configs.Context(Configs.Parse(Configs.Quality(conditions)), root.Path, history: history), CancellationToken.None);
    }

    private static string Condition(string aggregate, string op, string threshold, string? relativeTo = null) =>
        $$"""{ "id": "m", "report": "cases", "aggregate": "{{aggregate}}", "pointer": "/v", "op": "{{op}}", "threshold": {{threshold}}, "severity": "P0"{{(relativeTo is null ? "" : $", \"relativeTo\": \"{relativeTo}\"")}} }""";

    [Fact]
    public void Ten_scores_of_0_8_average_to_0_8_and_meet_at_least_0_8()
    {
        using var root = new TempFolder();
        var outcome = Quality(root, Condition("mean", ">=", "0.8"), string.Concat(Enumerable.Repeat("{\"v\":0.8}\n", 10)));
        Assert.Equal(0.8, outcome.Metrics["m"]);
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public void N_copies_of_a_value_average_to_exactly_that_value_and_meet_every_operator_at_it()
    {
        using var root = new TempFolder();
        Gen.Select(UserDecimal, Gen.Int[1, 40]).Sample((value, n) =>
        {
            var cases = string.Concat(Enumerable.Repeat($"{{\"v\":{Text(value)}}}\n", n));
            foreach (var (op, threshold) in new[] { (">=", Text(value)), ("<=", Text(value)), ("==", Text(value)), ("between", $"[{Text(value)}, {Text(value)}]") })
            {
                var outcome = Quality(root, Condition("mean", op, threshold), cases);
                Assert.Equal(Numbers.ToDouble(value), outcome.Metrics["m"]);
                Assert.Empty(outcome.Findings);
            }
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void A_mean_one_step_below_the_threshold_still_fails()
    {
        using var root = new TempFolder();
        var outcome = Quality(root, Condition("mean", ">=", "0.8"), "{\"v\":0.8}\n{\"v\":0.7999998}\n");
        Assert.StartsWith("m = 0.7999999; needs >= 0.8 (", Assert.Single(outcome.Findings).Message);
    }

    [Theory]
    [InlineData(1.0, 1.1, "<=", "10")]
    [InlineData(1.0, 0.9, ">=", "-10")]
    [InlineData(0.3, 0.33, "<=", "10")]
    [InlineData(200, 220, "<=", "10")]
    public void A_relative_change_equal_to_its_limit_passes(double before, double now, string op, string percent)
    {
        using var root = new TempFolder();
        var history = new[] { History(before) };
        var outcome = Quality(root, Condition("mean", op, percent, "previous"), $"{{\"v\":{now.ToString(CultureInfo.InvariantCulture)}}}\n", history);
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public void Every_relative_change_equal_to_its_limit_passes_and_one_beyond_fails()
    {
        using var root = new TempFolder();
        var percent = Gen.Select(Gen.Int[-9999, 9999], p => new decimal(p) / 100);
        var baseline = Gen.Select(Gen.Int[1, 999_999], Gen.Int[0, 3], (mantissa, scale) => new decimal(mantissa) / Pow10(scale));
        Gen.Select(baseline, percent).Sample((before, limit) =>
        {
            var now = before + before * limit / 100;
            var history = new[] { History(Numbers.ToDouble(before)) };
            var op = limit >= 0 ? "<=" : ">=";
            var outcome = Quality(root, Condition("mean", op, Text(limit), "previous"), $"{{\"v\":{Text(now)}}}\n", history);
            Assert.Empty(outcome.Findings);
            var beyond = limit >= 0 ? limit - 0.01m : limit + 0.01m;
            Assert.NotEmpty(Quality(root, Condition("mean", op, Text(beyond), "previous"), $"{{\"v\":{Text(now)}}}\n", history).Findings);
        }, iter: 60, threads: 1);
    }

    private static HistoryRecord History(double value) =>
        new(1, "run1", "2026-11-01T00:00:00.000Z", QualityGate.GateName, null, GateStatus.Pass, new Dictionary<string, double> { ["m"] = value });

    [Theory]
    [InlineData(1, 1.05, false)]
    [InlineData(1, 0.95, false)]
    [InlineData(100, 105, false)]
    [InlineData(0.2, 0.21, false)]
    [InlineData(1, 1.0500001, true)]
    public void Runs_compare_calls_a_change_equal_to_the_tolerance_within_it(double before, double after, bool changed)
    {
        var comparison = RunComparison.Of(Metric("a", before), Metric("b", after), 0.05);
        Assert.Equal(changed, Assert.Single(comparison.Metrics).Changed);
    }

    [Fact]
    public void Runs_compare_treats_every_change_equal_to_the_tolerance_alike_at_any_scale()
    {
        var tolerance = Gen.Select(Gen.Int[0, 100], t => new decimal(t) / 100);
        Gen.Select(PositiveDecimal, tolerance, Gen.Bool).Sample((before, t, up) =>
        {
            var after = up ? before + before * t : before - before * t;
            var comparison = RunComparison.Of(Metric("a", Numbers.ToDouble(before)), Metric("b", Numbers.ToDouble(after)), Numbers.ToDouble(t));
            Assert.False(Assert.Single(comparison.Metrics).Changed);
        });
    }

    private static RunResult Metric(string id, double value) =>
        Support.Runs.Run(id, Decision.Go, Support.Runs.Gate("quality", GateStatus.Pass, metrics: new Dictionary<string, double> { ["m"] = value }));

    [Fact]
    public void A_trend_delta_prints_without_float_noise()
    {
        using var root = new TempFolder();
        var outcome = Quality(root, Condition("mean", ">=", "0"), "{\"v\":0.8}\n", [History(0.778025)]);
        var delta = Assert.Single(outcome.Trends).Delta!.Value;
        Assert.Equal("0.021975", Numbers.Format(delta));
    }

    [Fact]
    public void Differences_means_and_ratios_of_decimals_print_as_the_decimal_they_are()
    {
        Gen.Select(ShortDecimal, ShortDecimal).Sample((a, b) =>
        {
            Assert.Equal((a - b).ToString("0.############################", CultureInfo.InvariantCulture),
                Numbers.Format(Numbers.Subtract(Numbers.ToDouble(a), Numbers.ToDouble(b))));
            Assert.Equal(0, Numbers.Compare(Numbers.Mean([a, b, a, b]), Numbers.ToDouble((a + b) / 2)));
        }, iter: 500);
    }

    /// <summary>Promotion runbook: ambiguity and failure rates at most 0.20; k of n attempts at exactly the limit passes.</summary>
    [Fact]
    public void A_rate_equal_to_its_limit_is_not_above_it()
    {
        Gen.Select(Gen.Int[1, 1000], Gen.Int[1, 50]).Sample((n, k) =>
        {
            var attempts = n * 100;
            var part = k * n;
            var limit = Numbers.ToDouble(new decimal(part) / attempts);
            Assert.Equal(0, Numbers.Compare(Numbers.Ratio(part, attempts), limit));
        });
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(-1e-300)]
    [InlineData(double.PositiveInfinity)]
    public void Values_outside_decimals_range_still_compare_as_doubles(double value)
    {
        Assert.Null(Numbers.Exact(value));
        Assert.Equal(0, Numbers.Compare(value, value));
        Assert.True(Numbers.Compare(value, 0) != 0);
    }
}
