using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// What a reader made of all the shards of one report entry, merged: the metrics by name (units in the
/// names: <c>_s</c> seconds, <c>_ns</c> nanoseconds, <c>_bytes</c>; ratios in [0, 1]), the problems it
/// found in the input (unreadable, malformed or empty shards: P0 findings), the items that explain the
/// metrics (failed tests, analyzer results) and the digest of every shard it read. A metric that cannot be
/// computed (no executed test for a pass rate) is absent, with a finding saying why.
/// </summary>
/// <param name="CountPrefixes">Metric name prefixes whose metrics are counts of what was listed (<c>sarif.rule.</c>):
/// such a metric absent from <paramref name="Metrics"/> is 0, not missing.</param>
/// <param name="Unlisted">Per metric, how many items behind it were counted but not kept in <paramref name="Items"/> (a reader that
/// streams a large report keeps a bounded number per metric); null when every item is kept.</param>
public sealed record StandardReading(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ReportedItem> Items,
    IReadOnlyList<InputDigest> Inputs,
    IReadOnlyList<string>? CountPrefixes = null,
    IReadOnlyDictionary<string, int>? Unlisted = null)
{
    /// <summary>The value of <paramref name="metric"/>, 0 for an unlisted count, or null when the reading has none.</summary>
    public double? ValueOf(string metric) =>
        Metrics.TryGetValue(metric, out var value) ? value
        : CountPrefixes?.Any(p => metric.StartsWith(p, StringComparison.Ordinal)) == true ? 0
        : null;
}
