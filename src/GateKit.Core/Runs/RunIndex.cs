using System.Security.Cryptography;
using System.Text.Json;
using GateKit.History;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Runs;

/// <summary>A file of a run folder changed after the run.</summary>
public sealed record ModifiedFile(string Name, string Recorded, string? Now);

/// <summary>
/// The run index (.gatekit/index.jsonl): appended after each run folder is written, one line per
/// run, never rewritten. It is what `runs list`, `runs failed` and the tamper check read.
/// </summary>
public sealed class RunIndex(string stateDirectory)
{
    public string FilePath { get; } = Path.Combine(Path.GetFullPath(stateDirectory), "index.jsonl");

    public static RunIndexEntry EntryFor(RunResult result, IReadOnlyList<RunFile> files)
    {
        var exit = ExitCodes.ForRun(result, FailOn.Fail);
        var reason = result.Interrupted ? "interrupted"
            : result.Gates.FirstOrDefault(g => g.Status == GateStatus.Error) is { } crashed ? $"gate '{crashed.Name}' ended in error"
            : null;
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files) digests[file.Name] = Convert.ToHexStringLower(SHA256.HashData(file.Bytes));
        return new RunIndexEntry(1, result.RunId, result.FinishedAt, result.Decision, exit, reason, digests);
    }

    public void Append(RunIndexEntry entry) =>
        JsonLines.Append(FilePath, CanonicalJson.Serialize(entry, ResultJsonContext.Default.RunIndexEntry));

    /// <summary>The files of a run folder whose SHA-256 is no longer the one recorded at run time (null: the file is gone).</summary>
    public static IReadOnlyList<ModifiedFile> Modified(RunIndexEntry entry, string runFolder) =>
        entry.Files.Select(f => new ModifiedFile(f.Key, f.Value, Sha256OfFile(Path.Combine(runFolder, f.Key))))
            .Where(f => f.Now != f.Recorded).ToList();

    public static string? Sha256OfFile(string path) =>
        File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(Inputs.InputReader.ReadAll(path))) : null;

    /// <summary>Every readable entry, oldest first; the newest entry wins for a run recorded twice.</summary>
    public IReadOnlyList<RunIndexEntry> Read()
    {
        var entries = new List<RunIndexEntry>();
        foreach (var line in JsonLines.Read(FilePath))
        {
            try
            {
                if (JsonSerializer.Deserialize(line, ResultJsonContext.Default.RunIndexEntry) is { } entry) entries.Add(entry);
            }
            catch (JsonException) { }
        }
        return entries.GroupBy(e => e.RunId).Select(g => g.Last()).OrderBy(e => e.RunId, StringComparer.Ordinal).ToList();
    }
}
