using System.Globalization;
using System.Text.Json;
using GateKit.Config;
using GateKit.Output;

namespace GateKit.Decisions;

/// <summary>
/// Decision records under the state folder: decisions/&lt;runId&gt;/001.json, 002.json… Each is
/// created once and never changed. Only one decision is current for a run: a new one must name the
/// current one in Supersedes, and two processes racing for the same slot cannot both win (the file is
/// linked into place only if no file has that name).
/// </summary>
public sealed class DecisionStore(string stateDirectory)
{
    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), "decisions");

    public IReadOnlyList<DecisionRecord> For(string runId)
    {
        var folder = Path.Combine(Directory, runId);
        if (!System.IO.Directory.Exists(folder)) return [];
        return System.IO.Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize(Inputs.InputReader.ReadAll(f), ResultJsonContext.Default.DecisionRecord)!)
            .ToList();
    }

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
        var folder = Path.Combine(Directory, record.RunId);
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, record.DecisionId[(record.DecisionId.LastIndexOf("-d", StringComparison.Ordinal) + 2)..] + ".json");
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temp, CanonicalJson.Serialize(record, ResultJsonContext.Default.DecisionRecord));
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.Open, FileAccess.ReadWrite)) RandomAccess.FlushToDisk(handle);
            // Without overwrite, the move fails if the slot is taken: exactly one racing decision wins.
            File.Move(temp, path, overwrite: false);
            AtomicFile.FlushDirectory(folder);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            throw new UsageException($"another decision ({record.DecisionId}) was recorded for run {record.RunId} at the same time; nothing was written");
        }
        return path;
    }
}
