using System.Security.Cryptography;
using System.Text.Json;
using GateKit.History;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Runs;

/// <summary>A file of a run folder changed after the run.</summary>
public sealed record ModifiedFile(string Name, string Recorded, string? Now);

/// <summary>
/// The run index (.gatekit/index.jsonl): appended after each run folder is written, never rewritten.
/// It is what `runs list`, `runs failed` and the tamper check read. A line records the exit code the
/// process returns; when a host learns later that it returns another one (a GitHub publish that failed
/// after the run was recorded, a promotion hold), it appends the same entry again with that exit code
/// (<see cref="RecordExit"/>): one line, one write, and the newest line of a run wins when read.
/// </summary>
public sealed class RunIndex(string stateDirectory)
{
    public string FilePath { get; } = Path.Combine(Path.GetFullPath(stateDirectory), "index.jsonl");

    /// <param name="failOn">The --fail-on of the run, so that the entry's exit code is the one the process returns.</param>
    public static RunIndexEntry EntryFor(RunResult result, IReadOnlyList<RunFile> files, FailOn failOn)
    {
        var exit = ExitCodes.ForRun(result, failOn);
        var reason = result.Interrupted ? "interrupted"
            : result.Gates.FirstOrDefault(g => g.Status == GateStatus.Error) is { } crashed ? $"gate '{crashed.Name}' ended in error"
            : null;
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files) digests[file.Name] = Convert.ToHexStringLower(SHA256.HashData(file.Bytes));
        return new RunIndexEntry(1, result.RunId, result.FinishedAt, result.Decision, exit, reason, digests);
    }

    /// <summary>
    /// Queues a run refused before it ran because its config is invalid (exit 3), with the first problem as
    /// the reason, so that `runs failed` lists it beside crashed and interrupted runs.
    /// </summary>
    public RunIndexEntry RecordRefused(string configPath, DateTimeOffset now, IReadOnlyList<Config.ConfigError> errors)
    {
        var reason = $"invalid config: {errors[0]}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more problem(s))" : "");
        var digest = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"refused\n{configPath}\n{reason}\n{now.ToUnixTimeMilliseconds()}")));
        var entry = new RunIndexEntry(1, Engine.RunEvaluator.RunId(now, digest), UtcTime.Milliseconds(now), Decision.NoGo, ExitCodes.InvalidInput,
            reason, new SortedDictionary<string, string>(StringComparer.Ordinal)) { Config = configPath };
        Append(entry);
        return entry;
    }

    public void Append(RunIndexEntry entry) =>
        JsonLines.Append(FilePath, CanonicalJson.Serialize(entry, ResultJsonContext.Default.RunIndexEntry));

    /// <summary>
    /// Records the exit code the process finally returns for a run, with why it differs from the run's own,
    /// by appending the run's entry again; nothing is appended when the index already says so.
    /// </summary>
    /// <returns><paramref name="exitCode"/>, so that a host can return through it.</returns>
    public int RecordExit(string runId, int exitCode, string? reason)
    {
        if (Read().LastOrDefault(e => e.RunId == runId) is { } entry && (entry.ExitCode != exitCode || (reason is not null && entry.Reason != reason)))
            Append(entry with { ExitCode = exitCode, Reason = reason ?? entry.Reason });
        return exitCode;
    }

    /// <summary>The files of a run folder whose SHA-256 is no longer the one recorded at run time (null: the file is gone).</summary>
    public static IReadOnlyList<ModifiedFile> Modified(RunIndexEntry entry, string runFolder) =>
        entry.Files.Select(f => new ModifiedFile(f.Key, f.Value, Sha256OfFile(Path.Combine(runFolder, f.Key))))
            .Where(f => f.Now != f.Recorded).ToList();

    public static string? Sha256OfFile(string path) =>
        File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(Inputs.InputReader.ReadAll(path))) : null;

    /// <summary>
    /// Appends an entry for every whole run folder the index lacks: a run killed between its folder's
    /// rename and its index line is complete on disk, and would otherwise be missing from `runs list`
    /// and the failed queue. Returns the ids added. A folder whose result.json cannot be read is left out.
    /// </summary>
    public IReadOnlyList<string> AddMissing(RunStore store)
    {
        if (!Directory.Exists(store.RunsDirectory)) return [];
        var known = Read().Select(e => e.RunId).ToHashSet(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var folder in Directory.GetDirectories(store.RunsDirectory).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(folder);
            if (id.StartsWith('.') || known.Contains(id)) continue;
            var resultPath = Path.Combine(folder, RunStore.ResultFile);
            if (!File.Exists(resultPath)) continue;
            try
            {
                var result = RunCatalog.Parse(Inputs.InputReader.ReadAll(resultPath), resultPath);
                if (result.RunId != id) continue;
                var files = new[] { RunStore.ResultFile, RunStore.SummaryFile, RunStore.ReportFile }
                    .Where(name => File.Exists(Path.Combine(folder, name)))
                    .Select(name => new RunFile(name, Inputs.InputReader.ReadAll(Path.Combine(folder, name))))
                    .ToList();
                Append(EntryFor(result, files, FailOn.Fail)); // how the killed process would have exited is not recorded: the default rule
                added.Add(id);
            }
            catch (Exception e) when (e is Config.ConfigException or IOException or UnauthorizedAccessException) { }
        }
        return added;
    }

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
