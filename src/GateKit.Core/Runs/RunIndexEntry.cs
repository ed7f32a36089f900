using System.Text.Json.Serialization;
using GateKit.Results;

namespace GateKit.Runs;

/// <summary>
/// One line of .gatekit/index.jsonl: a run as it ended, with the exit code the process returned and the
/// digests of the files written, so that a run folder edited afterwards is detected. A run refused before
/// it ran (an invalid config, exit 3) has no files and names the <see cref="Config"/> it was refused for.
/// </summary>
public sealed record RunIndexEntry(
    int SchemaVersion,
    string RunId,
    string FinishedAt,
    Decision Decision,
    int ExitCode,
    string? Reason,
    IReadOnlyDictionary<string, string> Files)
{
    /// <summary>The config path as given, for a run refused before it ran (nothing else to reprocess it from).</summary>
    public string? Config { get; init; }

    /// <summary>True for a run that never got a run folder: refused before it ran.</summary>
    [JsonIgnore]
    public bool Refused => Files.Count == 0 && ExitCode == ExitCodes.InvalidInput;

    /// <summary>The failed-run queue: runs that ended in error (4), were interrupted (5) or were refused for invalid input (3).</summary>
    [JsonIgnore]
    public bool Failed => ExitCode is ExitCodes.Runtime or ExitCodes.Interrupted or ExitCodes.InvalidInput;

    /// <summary>The command that processes the run again: a rerun of the same pinned inputs, or the refused run's config once fixed.</summary>
    [JsonIgnore]
    public string ReprocessCommand => Refused ? $"gatekit run --config {Config ?? GateKit.Config.ConfigLoader.DefaultFileName}" : $"gatekit runs rerun {RunId}";
}
