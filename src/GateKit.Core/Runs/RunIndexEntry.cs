using GateKit.Results;

namespace GateKit.Runs;

/// <summary>
/// One line of .gatekit/index.jsonl: a run as it ended, with the exit code its decision gives and the
/// digests of the files written, so that a run folder edited afterwards is detected.
/// </summary>
public sealed record RunIndexEntry(
    int SchemaVersion,
    string RunId,
    string FinishedAt,
    Decision Decision,
    int ExitCode,
    string? Reason,
    IReadOnlyDictionary<string, string> Files);
