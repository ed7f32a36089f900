using GateKit.Config;
using GateKit.History;
using GateKit.Inputs;
using GateKit.Output;
using GateKit.Results;
using GateKit.Runs;
using System.Security.Cryptography;
using System.Text;

namespace GateKit.Engine;

/// <summary>What a host asks for when it runs the gates; every host maps its own inputs onto this.</summary>
public sealed record RunOptions(
    string ConfigPath,
    IReadOnlyList<string> Gates,
    string? Profile,
    IReadOnlyList<string> Sets,
    string? Tag,
    string? StateDirectory,
    bool Deterministic,
    ToolInfo Tool)
{
    /// <summary>
    /// Seconds since the epoch used as "now" by --deterministic (SOURCE_DATE_EPOCH). When unset, a
    /// deterministic run reads the clock to the day (UTC midnight): waivers still expire, and runs on
    /// the same day give the same bytes.
    /// </summary>
    public long? DeterministicEpoch { get; init; }

    /// <summary>Called before each gate is evaluated (progress output; fault injection in tests).</summary>
    public Action<string, CancellationToken>? OnGateStarting { get; init; }

    /// <summary>Told when the run's write reaches each <see cref="WritePoint"/>; only a test host sets it (kill-recovery tests).</summary>
    public Action<WritePoint>? OnWritePoint { get; init; }

    /// <summary>Digests the run must match (run --pin, runs rerun); a mismatch refuses the run before anything is written.</summary>
    public RunPin? Pin { get; init; }

    /// <summary>Which decision makes the run exit 1: the run index records the exit code the process returns.</summary>
    public FailOn FailOn { get; init; } = FailOn.Fail;

    /// <summary>Applies command-line switches that override the loaded config (e.g. --skip-on-missing-evidence).</summary>
    public Func<GateKitConfig, GateKitConfig>? AdjustConfig { get; init; }

    /// <summary>Who runs the evaluation (a host's "by"); recorded by the gates that record it (promotion); null when not given.</summary>
    public string? By { get; init; }

    /// <summary>The git ref new-code metrics compare with when a condition names no <c>changed.base</c> (run --base, or the PR's target on GitHub).</summary>
    public string? BaseRef { get; init; }
}

/// <summary>The run as recorded: its result, where it was written, and history lines that could not be read.</summary>
/// <param name="ResultJson">The bytes of result.json as written (canonical UTF-8 JSON), so that a host prints them without reading the file back.</param>
public sealed record RunOutput(RunResult Result, StoredRun Stored, int SkippedHistoryLines, string StateDirectory, byte[] ResultJson)
{
    /// <summary>
    /// Records in the run index the exit code the process returns when it is not the run's own (GitHub
    /// publishing failed: 4; a promotion hold without --fail-on-hold: 0), with the reason; returns it.
    /// </summary>
    public int RecordExit(int exitCode, string? reason) => new RunIndex(StateDirectory).RecordExit(Result.RunId, exitCode, reason);
}

/// <summary>
/// One run from config to files, shared by every host: load the config, read history, evaluate,
/// write result.json, summary.md and report.html into a new run folder, then append the run index
/// and the history.
/// </summary>
public static class RunPipeline
{
    public static RunOutput Execute(RunOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The branch and commit (from .git, or from git itself in unusual repositories) are read while the config is loaded.
        var root = Path.GetDirectoryName(ConfigLoader.FullPathOf(options.ConfigPath))!;
        var git = Task.Run(() => Directory.Exists(root) ? GitProbe.Read(root) : null, CancellationToken.None);
        // The first SHA-256 loads and initialises OpenSSL (about 2 ms): done on another core while this one
        // parses the config, whose digest is the first the run takes.
        _ = Task.Run(() => SHA256.HashData(ReadOnlySpan<byte>.Empty), CancellationToken.None);
        var config = LoadOrQueue(options, root, clock);
        options.Pin?.CheckConfig(config.Digest);
        if (options.AdjustConfig is { } adjust) config = config with { Config = adjust(config.Config) };
        var gates = RunEvaluator.SelectGates(config.Config, options.Gates);
        var store = new RunStore(options.StateDirectory ?? RunStore.DefaultStateDirectory(config.RootDirectory));
        var history = new HistoryStore(store.StateDirectory);
        var reads = gates.Select(history.Read).ToList();
        if (options.Deterministic)
            clock = new FixedClock(options.DeterministicEpoch is { } epoch
                ? DateTimeOffset.FromUnixTimeSeconds(epoch)
                : new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero));

        var prepared = new PreparedRun(options, config, gates, clock, git.GetAwaiter().GetResult(), reads.SelectMany(r => r.Records).ToList(), store.StateDirectory);
        var result = RunEvaluator.Evaluate(prepared, cancellationToken);
        if (!result.Interrupted) options.Pin?.CheckInputs(result);

        var linkBase = Path.GetRelativePath(store.FolderOf(result.RunId), config.RootDirectory).Replace('\\', '/');
        // The queue depends on the state folder, not on the inputs: a deterministic run leaves it out to keep its bytes.
        var failedRuns = options.Deterministic ? null : FailedRunQueue.Of(new RunIndex(store.StateDirectory).Read());
        var resultJson = CanonicalJson.Serialize(result, ResultJsonContext.Default.RunResult);
        // Like the queue, the previous run is a fact of the state folder: a deterministic report leaves its link out.
        var previousRun = options.Deterministic ? null : store.Latest() is { } latest && latest != result.RunId ? latest : null;
        RunFile[] files =
        [
            new(RunStore.ResultFile, resultJson),
            new(RunStore.SummaryFile, Encoding.UTF8.GetBytes(MarkdownSummary.Render(result, new SummaryOptions(InputLinkBase: linkBase, FailedRuns: failedRuns)))),
            new(RunStore.ReportFile, Encoding.UTF8.GetBytes(HtmlReport.Render(result, new HtmlReportOptions(linkBase, previousRun, failedRuns)))),
        ];
        var stored = store.Write(result, files, options.OnWritePoint);
        options.OnWritePoint?.Invoke(WritePoint.StoredBeforeIndex);
        if (!stored.AlreadyRecorded) new RunIndex(store.StateDirectory).Append(RunIndex.EntryFor(result, files, options.FailOn));

        // History follows the run folder: a crash in between loses a history line, never a run.
        if (!result.Interrupted && !stored.AlreadyRecorded)
            // A first run of tests.new_failed has no metric yet, but its failed tests are what the next run compares with.
            foreach (var gate in result.Gates.Where(g => g.Status != GateStatus.Error && (g.Metrics.Count > 0 || g.FailedTests is not null)))
                history.Append(new HistoryRecord(1, result.RunId, result.FinishedAt, gate.Name, result.Profile, gate.Status, gate.Metrics) { FailedTests = gate.FailedTests });
        return new RunOutput(result, stored, reads.Sum(r => r.SkippedLines), store.StateDirectory, resultJson);
    }

    /// <summary>The config; an invalid one refuses the run (exit 3) and is queued in the run index with its reason.</summary>
    private static LoadedConfig LoadOrQueue(RunOptions options, string root, TimeProvider clock)
    {
        try
        {
            return ConfigLoader.Load(options.ConfigPath);
        }
        catch (ConfigException e) when (e.Errors.Count > 0)
        {
            var state = options.StateDirectory ?? RunStore.DefaultStateDirectory(root);
            try { new RunIndex(state).RecordRefused(options.ConfigPath, clock.GetUtcNow(), e.Errors); }
            catch (Exception queueFailure) when (queueFailure is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }
}
