namespace GateKit.Results;

public sealed record ToolInfo(string Name, string Version);

public sealed record GitInfo(string? Ref, string? Sha);

/// <summary>A gate that did not pass cleanly but does not stop the run: listed under go-with-conditions.</summary>
public sealed record RunCondition(string Gate, GateStatus Status, IReadOnlyList<string> ReasonCodes);

/// <summary>The run result written to result.json (schema: schemas/result.schema.json).</summary>
public sealed record RunResult(
    int SchemaVersion,
    ToolInfo Tool,
    string RunId,
    string StartedAt,
    string FinishedAt,
    GitInfo? Git,
    string? Profile,
    string? Tag,
    bool Deterministic,
    bool Interrupted,
    Decision Decision,
    IReadOnlyList<string> ReasonCodes,
    IReadOnlyList<RunCondition> Conditions,
    IReadOnlyList<GateResult> Gates,
    InputDigest Config);
