namespace GateKit.Results;

/// <summary>
/// A threshold as it was applied, and where its value came from. With <see cref="RelativeTo"/>
/// ("previous run", "median of last 5 runs") the value is a percentage change against that baseline.
/// </summary>
public sealed record ThresholdUse(string Key, string Op, double Value, double? Max, string Source, Priority Priority, string? RelativeTo = null);

/// <summary>The SHA-256 of an input file as it was read, path relative to the run root.</summary>
public sealed record InputDigest(string Path, string Sha256, long Size);

/// <summary>A metric over the recorded history: the last values (oldest first, current last) and the delta to the previous run.</summary>
public sealed record Trend(string Metric, IReadOnlyList<double> Values, double? Previous, double? Delta);

/// <summary>What one gate decided, with everything it used to decide it.</summary>
public sealed record GateResult(
    string Name,
    GateStatus Status,
    IReadOnlyList<string> ReasonCodes,
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ThresholdUse> Thresholds,
    IReadOnlyList<InputDigest> Inputs,
    IReadOnlyList<Trend> Trends)
{
    /// <summary>The promotion gate's verdict (promote, hold, skipped; failed sub-gates; reason codes); null for other gates.</summary>
    public Gates.Promotion.PromotionVerdict? Promotion { get; init; }
    /// <summary>The quality gate's failed tests per test report id, for reports a <c>tests.new_failed</c> condition reads; null otherwise.</summary>
    public IReadOnlyDictionary<string, FailedTestsRecord>? FailedTests { get; init; }
}
