namespace GateKit.Results;

public sealed record ToolInfo(string Name, string Version);

public sealed record GitInfo(string? Ref, string? Sha)
{
    /// <summary>
    /// Whether tracked files differed from the commit when the run started (git status, untracked files
    /// not counted); null when it could not be told (git not installed).
    /// </summary>
    public bool? Dirty { get; init; }

    /// <summary>How many tracked files differed from the commit (staged or not); null when unknown.</summary>
    public int? ChangedFiles { get; init; }
}

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
    InputDigest Config)
{
    /// <summary>The --set threshold overrides of the run, as given (KEY=VALUE), in order; part of what makes two runs repetitions.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The gates the run set out to evaluate, in order; an interrupted run lists fewer under <see cref="Gates"/>.</summary>
    public IReadOnlyList<string> SelectedGates { get; init; } = [];
}
