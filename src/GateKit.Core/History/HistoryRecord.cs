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
    IReadOnlyDictionary<string, double> Metrics);
