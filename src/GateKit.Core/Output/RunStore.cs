using GateKit.Results;

namespace GateKit.Output;

/// <summary>Where a run was written, and whether an identical deterministic run was already there.</summary>
public sealed record StoredRun(string Folder, string ResultPath, string SummaryPath, bool AlreadyRecorded);

/// <summary>One file of a run folder.</summary>
public sealed record RunFile(string Name, byte[] Bytes);

/// <summary>
/// The state folder (default .gatekit): runs/&lt;runId&gt;/ with result.json, summary.md and
/// report.html, and the file "latest" naming the newest run. A run folder appears whole or not at
/// all (it is built in a staging folder and renamed) and is never overwritten.
/// </summary>
public sealed class RunStore(string stateDirectory)
{
    public const string ResultFile = "result.json";
    public const string SummaryFile = "summary.md";
    public const string ReportFile = "report.html";

    /// <summary>The state folder when none is named: .gatekit beside the config.</summary>
    public static string DefaultStateDirectory(string configFolder) => Path.Combine(configFolder, ".gatekit");

    public string StateDirectory { get; } = Path.GetFullPath(stateDirectory);
    public string RunsDirectory => Path.Combine(StateDirectory, "runs");
    public string LatestFile => Path.Combine(StateDirectory, "latest");

    public string FolderOf(string runId) => Path.Combine(RunsDirectory, runId);

    /// <param name="onWritePoint">Told when the write reaches a <see cref="WritePoint"/> (kill-recovery tests); null in shipped hosts.</param>
    public StoredRun Write(RunResult result, IReadOnlyList<RunFile> files, Action<WritePoint>? onWritePoint = null)
    {
        var folder = FolderOf(result.RunId);
        if (Directory.Exists(folder)) return Existing(result, folder, files);

        RefuseFileOnPath(RunsDirectory);
        Leftovers.Clean(RunsDirectory, DateTimeOffset.UtcNow);
        Leftovers.Clean(StateDirectory, DateTimeOffset.UtcNow);
        var staging = Path.Combine(RunsDirectory, Leftovers.Name($"staging-{result.RunId}", Leftovers.StagingSuffix));
        Directory.CreateDirectory(staging);
        try
        {
            StagedFiles.Write(staging, files);
            onWritePoint?.Invoke(WritePoint.StagedBeforeRename);
            // Directory.Move refuses an existing target: two runs can never share a folder.
            Directory.Move(staging, folder);
            AtomicFile.FlushDirectory(RunsDirectory);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(staging, recursive: true);
            return Existing(result, folder, files);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        MoveLatest(result.RunId);
        return Stored(folder, false);
    }

    /// <summary>A file where the state folder (or a folder above it) should be: said in GateKit's words, naming it.</summary>
    private static void RefuseFileOnPath(string folder)
    {
        for (var at = folder; !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
            if (File.Exists(at)) throw new IOException($"cannot write the run folder under {folder}: {at} is a file, not a folder");
    }


    /// <summary>Length of the start time that begins every run id (yyyyMMddTHHmmssfffZ).</summary>
    private const int StartLength = 19;

    /// <summary>
    /// Points "latest" at <paramref name="runId"/> unless it already names a run that started later:
    /// a run that finishes last may have started first, and "latest" only moves forward. Parallel
    /// runs take turns under a lock, so the check and the write are one step.
    /// </summary>
    private void MoveLatest(string runId)
    {
        using var turn = Rollout.StateLock.Acquire(LatestFile + ".lock", TimeSpan.FromSeconds(30));
        if (Latest() is { } current && string.CompareOrdinal(Start(current), Start(runId)) > 0) return;
        AtomicFile.Write(LatestFile, System.Text.Encoding.UTF8.GetBytes(runId + "\n"));
    }

    private static string Start(string runId) => runId.Length > StartLength ? runId[..StartLength] : runId;

    /// <summary>The newest run's id, from the latest file.</summary>
    public string? Latest() => File.Exists(LatestFile) ? System.Text.Encoding.UTF8.GetString(Inputs.InputReader.ReadAll(LatestFile, 4096)).Trim() is { Length: > 0 } id ? id : null : null;

    /// <summary>
    /// A deterministic run of the same inputs names the same folder: identical content is the same
    /// run recorded again (nothing to write); different content is refused, never overwritten.
    /// </summary>
    private StoredRun Existing(RunResult result, string folder, IReadOnlyList<RunFile> files)
    {
        var identical = files.All(f => File.Exists(Path.Combine(folder, f.Name))
            && Inputs.InputReader.ReadAll(Path.Combine(folder, f.Name)).AsSpan().SequenceEqual(f.Bytes));
        if (!identical) throw new IOException($"run folder {folder} already exists with other content; runs are never overwritten");
        MoveLatest(result.RunId);
        return Stored(folder, true);
    }

    private static StoredRun Stored(string folder, bool already) =>
        new(folder, Path.Combine(folder, ResultFile), Path.Combine(folder, SummaryFile), already);
}
