using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// What a reader made of all the shards of one report entry, merged: the metrics by name (units in the
/// names: <c>_s</c> seconds, <c>_ns</c> nanoseconds, <c>_bytes</c>; ratios in [0, 1]), the findings it
/// located (failed tests, analyzer results, unreadable or malformed shards), and the digest of every
/// shard it read. A metric that cannot be computed (no executed test for a pass rate) is absent, with a
/// finding saying why.
/// </summary>
public sealed record StandardReading(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<InputDigest> Inputs);
