using GateKit.Results;

namespace GateKit.History;

/// <summary>One line of .gatekit/history/&lt;gate&gt;.jsonl (schema: schemas/history.schema.json).</summary>
public sealed record HistoryRecord(
    int SchemaVersion,
    string RunId,
    string Timestamp,
    string Gate,
    string? Profile,
    GateStatus Status,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The gate's failed tests per test report id (<see cref="GateResult.FailedTests"/>), which the next run's <c>tests.new_failed</c> compares with.</summary>
    public IReadOnlyDictionary<string, FailedTestsRecord>? FailedTests { get; init; }
}
