using GateKit.Results;

namespace GateKit.Output;

/// <summary>Where a run was written, and whether an identical deterministic run was already there.</summary>
public sealed record StoredRun(string Folder, string ResultPath, string SummaryPath, bool AlreadyRecorded);

/// <summary>
/// The state folder (default .gatekit): runs/&lt;runId&gt;/ with result.json and summary.md, and
/// the file "latest" naming the newest run. A run folder appears whole or not at all (it is built
/// in a staging folder and renamed) and is never overwritten.
/// </summary>
public sealed class RunStore(string stateDirectory)
{
    public const string ResultFile = "result.json";
    public const string SummaryFile = "summary.md";

    public string StateDirectory { get; } = Path.GetFullPath(stateDirectory);
    public string RunsDirectory => Path.Combine(StateDirectory, "runs");
    public string LatestFile => Path.Combine(StateDirectory, "latest");

    public StoredRun Write(RunResult result, byte[] resultJson, string summary)
    {
        var folder = Path.Combine(RunsDirectory, result.RunId);
        var summaryBytes = System.Text.Encoding.UTF8.GetBytes(summary);
        if (Directory.Exists(folder)) return Existing(result, folder, resultJson, summaryBytes);

        var staging = Path.Combine(RunsDirectory, $".staging-{result.RunId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            AtomicFile.Write(Path.Combine(staging, ResultFile), resultJson);
            AtomicFile.Write(Path.Combine(staging, SummaryFile), summaryBytes);
            // Directory.Move refuses an existing target: two runs can never share a folder.
            Directory.Move(staging, folder);
            AtomicFile.FlushDirectory(RunsDirectory);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(staging, recursive: true);
            return Existing(result, folder, resultJson, summaryBytes);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        AtomicFile.Write(LatestFile, System.Text.Encoding.UTF8.GetBytes(result.RunId + "\n"));
        return new StoredRun(folder, Path.Combine(folder, ResultFile), Path.Combine(folder, SummaryFile), false);
    }

    /// <summary>The newest run's id, from the latest file.</summary>
    public string? Latest() => File.Exists(LatestFile) ? File.ReadAllText(LatestFile).Trim() is { Length: > 0 } id ? id : null : null;

    /// <summary>
    /// A deterministic run of the same inputs names the same folder: identical content is the same
    /// run recorded again (nothing to write); different content is refused, never overwritten.
    /// </summary>
    private StoredRun Existing(RunResult result, string folder, byte[] resultJson, byte[] summary)
    {
        var resultPath = Path.Combine(folder, ResultFile);
        var summaryPath = Path.Combine(folder, SummaryFile);
        var identical = File.Exists(resultPath) && File.Exists(summaryPath)
            && File.ReadAllBytes(resultPath).AsSpan().SequenceEqual(resultJson)
            && File.ReadAllBytes(summaryPath).AsSpan().SequenceEqual(summary);
        if (!identical) throw new IOException($"run folder {folder} already exists with other content; runs are never overwritten");
        AtomicFile.Write(LatestFile, System.Text.Encoding.UTF8.GetBytes(result.RunId + "\n"));
        return new StoredRun(folder, resultPath, summaryPath, true);
    }
}
