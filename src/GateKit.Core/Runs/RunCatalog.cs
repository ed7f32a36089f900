using System.Text.Json;
using GateKit.Config;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Runs;

/// <summary>The runs recorded in a state folder, read back: by id, or "latest".</summary>
public sealed class RunCatalog(string stateDirectory)
{
    public RunStore Store { get; } = new(stateDirectory);
    public RunIndex Index { get; } = new(stateDirectory);

    /// <summary>The run id a user named ("latest" is the newest run); a usage error when there is no such run.</summary>
    public string Resolve(string runId)
    {
        var id = runId == "latest" ? Store.Latest() ?? throw new UsageException($"no run recorded yet in {Store.StateDirectory}") : runId;
        if (id.IndexOfAny(['/', '\\']) >= 0 || id.StartsWith('.') || !Directory.Exists(Store.FolderOf(id)))
            throw new UsageException($"no run '{runId}' in {Store.RunsDirectory}");
        return id;
    }

    /// <summary>
    /// The run as it was recorded: refused (<see cref="RunModifiedException"/>) when any file of its folder no
    /// longer has the SHA-256 the run index recorded at run time, or when the run is not in the index.
    /// Everything that acts on a run's verdict (decide, signoff, handoff) reads it through here.
    /// </summary>
    public RunResult LoadVerified(string runId)
    {
        var id = Resolve(runId);
        var entry = Index.Read().LastOrDefault(e => e.RunId == id)
            ?? throw new RunModifiedException(id, [], $"it is not in the run index {Index.FilePath}, so its files have no recorded digests");
        var modified = RunIndex.Modified(entry, Store.FolderOf(id));
        if (modified.Count > 0) throw new RunModifiedException(id, modified);
        return Load(id);
    }

    public RunResult Load(string runId)
    {
        var path = Path.Combine(Store.FolderOf(Resolve(runId)), RunStore.ResultFile);
        if (!File.Exists(path)) throw new UsageException($"run '{runId}' has no {RunStore.ResultFile}");
        byte[] bytes;
        // A result.json that is not a regular file, a link loop or beyond the limit is a malformed run folder, like bad content: invalid input (exit 3).
        try { bytes = Inputs.InputReader.ReadAll(path); }
        catch (IOException e) when (e is not FileNotFoundException) { throw new ConfigException(new ConfigError(path, "$", e.Message)); }
        return Parse(bytes, path);
    }

    /// <summary>A result.json read back; a malformed one is invalid input (exit 3).</summary>
    public static RunResult Parse(byte[] bytes, string displayName) =>
        Json.StoredJson.Parse(bytes, displayName, ResultJsonContext.Default.RunResult, "a GateKit run result");
}
