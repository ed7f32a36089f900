using System.Globalization;
using System.Text.Json;
using GateKit.Config;
using GateKit.Output;

namespace GateKit.Decisions;

/// <summary>
/// Decision records under the state folder: decisions/&lt;runId&gt;/001.json, 002.json… Each is
/// created once and never changed. Only one decision is current for a run: a new one must name the
/// current one in Supersedes, and two processes racing for the same slot cannot both win
/// (<see cref="AtomicFile.TryCreate"/>).
/// </summary>
public sealed class DecisionStore(string stateDirectory)
{
    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), "decisions");

    public IReadOnlyList<DecisionRecord> For(string runId)
    {
        var folder = Path.Combine(Directory, runId);
        if (!System.IO.Directory.Exists(folder)) return [];
        return System.IO.Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Read).ToList();
    }

    /// <summary>A decision record read back; a malformed one is invalid input (exit 3), named with its position.</summary>
    private static DecisionRecord Read(string path) =>
        Json.StoredJson.Parse(Inputs.InputReader.ReadAll(path), path, ResultJsonContext.Default.DecisionRecord, "a GateKit decision record");

    /// <summary>The next slot's id, after checking that the supersession names the current decision.</summary>
    public string NextId(string runId, string? supersedes)
    {
        var existing = For(runId);
        var current = existing.Count > 0 ? existing[^1] : null;
        if (current is null && supersedes is not null)
            throw new RequestException(RequestText.Of($"run {runId} has no decision yet: there is nothing for {RequestInput.Supersedes} {supersedes} to supersede"));
        if (current is not null && supersedes is null)
            throw new RequestException(RequestText.Of($"run {runId} already has decision {current.DecisionId} ({current.Verdict.Name()} by {current.By}); a new decision must name it: {RequestInput.Supersedes} {current.DecisionId}"));
        if (current is not null && supersedes != current.DecisionId)
            throw new RequestException(RequestText.Of($"{RequestInput.Supersedes} {supersedes}: the current decision on run {runId} is {current.DecisionId}"));
        return $"{runId}-d{(existing.Count + 1).ToString("000", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Writes the record into its slot; refused when another decision took the slot first.</summary>
    public string Save(DecisionRecord record)
    {
        var slot = record.DecisionId[(record.DecisionId.LastIndexOf("-d", StringComparison.Ordinal) + 2)..];
        var path = Path.Combine(Directory, record.RunId, slot + ".json");
        if (!AtomicFile.TryCreate(path, CanonicalJson.Serialize(record, ResultJsonContext.Default.DecisionRecord)))
            throw new UsageException($"another decision ({record.DecisionId}) was recorded for run {record.RunId} at the same time; nothing was written");
        return path;
    }
}
