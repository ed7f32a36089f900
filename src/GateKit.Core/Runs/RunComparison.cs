using GateKit.Decisions;
using GateKit.Results;

namespace GateKit.Runs;

/// <summary>One metric in two runs; <see cref="Changed"/> when it moved more than the tolerance.</summary>
public sealed record MetricDelta(string Gate, string Metric, double? Before, double? After, double? RelativeChange, bool Changed);

/// <summary>
/// Two runs side by side: metric deltas, what keeps them from being repetitions (<see cref="DecisionPolicy.Differences"/>),
/// and whether repetitions gave different outcomes.
/// </summary>
public sealed record RunComparison(string Before, string After, IReadOnlyList<MetricDelta> Metrics, IReadOnlyList<string> Differences, bool Inconsistent)
{
    /// <summary>Same config, inputs, gates, profile, overrides and tag.</summary>
    public bool Repetition => Differences.Count == 0;

    public const double DefaultTolerance = 0.05;

    public bool WithinTolerance => Metrics.All(m => !m.Changed);

    /// <param name="tolerance">Relative change allowed, 0.05 = ±5%.</param>
    public static RunComparison Of(RunResult before, RunResult after, double tolerance = DefaultTolerance)
    {
        var a = MetricsOf(before);
        var b = MetricsOf(after);
        var deltas = a.Keys.Union(b.Keys).Order().Select(key =>
        {
            double? x = a.TryGetValue(key, out var va) ? va : null, y = b.TryGetValue(key, out var vb) ? vb : null;
            // In decimal (Numbers): 1 → 1.05 is a change of exactly 5%, within a 5% tolerance like 100 → 105.
            double? change = x is { } p && y is { } q ? Numbers.RelativeChange(p, q) : null;
            var changed = change is null || Numbers.Compare(Math.Abs(change.Value), tolerance) > 0;
            return new MetricDelta(key.Gate, key.Metric, x, y, change, changed);
        }).ToList();
        var differences = DecisionPolicy.Differences(before, after);
        return new RunComparison(before.RunId, after.RunId, deltas, differences, differences.Count == 0 && !DecisionPolicy.SameOutcome(before, after));
    }

    private static Dictionary<(string Gate, string Metric), double> MetricsOf(RunResult r) =>
        r.Gates.SelectMany(g => g.Metrics.Select(m => (Key: (g.Name, m.Key), m.Value))).ToDictionary(x => x.Key, x => x.Value);
}
