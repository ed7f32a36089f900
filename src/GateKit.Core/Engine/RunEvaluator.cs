using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GateKit.Config;
using GateKit.Gates;
using GateKit.Gates.Release;
using GateKit.Inputs;
using GateKit.Results;
using GateKit.Thresholds;

namespace GateKit.Engine;

/// <summary>Run-level reason codes.</summary>
public static class RunCodes
{
    public const string NothingEvaluated = "nothing_evaluated";
    public const string Interrupted = "interrupted";
    public const string GateCrashed = "gate_crashed";

    /// <summary>What each code means and how to fix it; these are about the run, not a gate's findings, so no waiver covers them.</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        new(NothingEvaluated, "run", "P0 (decision no-go)", "The run selected no gate (an empty config, or --gate filters that match nothing): nothing was evaluated, which is never a pass.", "Configure at least one gate, or correct --gate.", Waivable: false),
        new(Interrupted, "run", "P0 (decision no-go, exit 5)", "The run was cancelled (Ctrl+C, SIGTERM) before every gate finished; the result records what finished.", "Run again to completion.", Waivable: false),
        new(GateCrashed, "run", "P0 (gate status error)", "A gate stopped with an unexpected error; the message names the exception.", "Report it with the message; it is a GateKit bug or an environment fault (disk, permissions).", Waivable: false),
    ];
}

/// <summary>
/// Evaluates the selected gates of a config into one <see cref="RunResult"/>: thresholds resolved
/// once, waivers applied to every gate, statuses derived from findings, the decision from statuses.
/// A gate that throws becomes status error; cancellation ends the run with what was evaluated,
/// marked interrupted.
/// </summary>
public static class RunEvaluator
{
    public const int ResultSchemaVersion = 1;

    /// <summary>The gates to run: the selection (validated), or every configured gate.</summary>
    public static IReadOnlyList<string> SelectGates(GateKitConfig config, IReadOnlyList<string> requested)
    {
        var configured = GateCatalog.Configured(config.Gates);
        if (requested.Count == 0) return configured;
        foreach (var name in requested)
        {
            if (!GateCatalog.Names.Contains(name))
                throw new UsageException($"unknown gate '{name}'; known gates: {string.Join(", ", GateCatalog.Names)}");
            if (!configured.Contains(name))
                throw new UsageException($"gate '{name}' is not configured in the config's gates section");
        }
        return configured.Where(requested.Contains).ToList();
    }

    public static RunResult Evaluate(PreparedRun run, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var config = run.Config.Config;
        var thresholds = ThresholdResolver.Resolve(config, request.Profile, request.Sets);
        var started = run.Clock.GetUtcNow();
        var files = new FileRoot(run.Config.RootDirectory);
        var context = new GateContext(config, files, started, thresholds, run.Tag, run.History) { By = request.By, StateDirectory = run.StateDirectory, BaseRef = request.BaseRef };

        var results = new List<GateResult>();
        var interrupted = false;
        foreach (var name in run.Gates)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                request.OnGateStarting?.Invoke(name, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = GateCatalog.Create(name).Evaluate(context, cancellationToken);
                results.Add(Finish(name, outcome, config.Waivers ?? [], started));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
            catch (Exception e) when (e is not UsageException and not ConfigException)
            {
                results.Add(Crashed(name, e));
            }
        }

        var (decision, reasons, conditions) = Decide(results, interrupted);
        var finished = request.Deterministic ? started : run.Clock.GetUtcNow();
        var runId = RunId(started, Digest(run, results));
        if (!request.Deterministic) runId += ProcessUnique();
        return new RunResult(ResultSchemaVersion, request.Tool, runId, UtcTime.Milliseconds(started), UtcTime.Milliseconds(finished), run.Git,
            thresholds.Profile, run.Tag, request.Deterministic, interrupted, decision, reasons, conditions, results, run.Config.Digest)
        {
            Overrides = request.Sets,
            SelectedGates = run.Gates,
        };
    }

    private static GateResult Finish(string name, GateOutcome outcome, IReadOnlyList<WaiverConfig> waivers, DateTimeOffset now)
    {
        var findings = WaiverApplier.Apply(name, outcome.Findings, waivers, now);
        var verdict = outcome.Verdict?.Invoke(findings);
        var status = verdict?.Status ?? outcome.ExplicitStatus ?? outcome.Rules.StatusOf(findings);
        var metrics = new SortedDictionary<string, double>(
            outcome.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value), StringComparer.Ordinal);
        return new GateResult(name, status, ReasonCodes(findings), findings, metrics, outcome.Thresholds, outcome.Inputs, outcome.Trends) { Promotion = verdict, FailedTests = outcome.FailedTests };
    }

    private static GateResult Crashed(string name, Exception e) =>
        new(name, GateStatus.Error, [RunCodes.GateCrashed],
            [new Finding(RunCodes.GateCrashed, Priority.P0, $"gate '{name}' stopped with {e.GetType().Name}: {e.Message}")],
            new SortedDictionary<string, double>(), [], [], []);

    /// <summary>Codes of the unwaived findings, worst priority first, each once.</summary>
    private static IReadOnlyList<string> ReasonCodes(IEnumerable<Finding> findings) =>
        findings.Where(f => !f.IsWaived).OrderBy(f => f.Priority).Select(f => f.Code).Distinct().ToList();

    internal static (Decision, IReadOnlyList<string>, IReadOnlyList<RunCondition>) Decide(IReadOnlyList<GateResult> gates, bool interrupted)
    {
        // A gate skipped by policy (promotion's skip mode) decided nothing: never a pass, so a condition.
        var conditions = gates.Where(g => g.Status is GateStatus.Warn or GateStatus.Partial or GateStatus.Skipped)
            .Select(g => new RunCondition(g.Name, g.Status, g.ReasonCodes)).ToList();
        var blocking = gates.Where(g => g.Status is GateStatus.Fail or GateStatus.Error).ToList();
        var reasons = new List<string>();
        if (interrupted) reasons.Add(RunCodes.Interrupted);
        // A run that evaluated nothing is never go (spec: zero gates, zero cases, zero files); a gate skipped by
        // policy is a condition above, so such a run is at most go-with-conditions.
        if (gates.Count == 0) reasons.Add(RunCodes.NothingEvaluated);
        reasons.AddRange(blocking.SelectMany(g => g.ReasonCodes));

        if (reasons.Count > 0) return (Decision.NoGo, reasons.Distinct().ToList(), conditions);
        if (conditions.Count > 0) return (Decision.GoWithConditions, conditions.SelectMany(c => c.ReasonCodes).Distinct().ToList(), conditions);
        return (Decision.Go, [], conditions);
    }

    /// <summary>The digest a run is named by: config, selection, thresholds' inputs and every input read.</summary>
    private static string Digest(PreparedRun run, IReadOnlyList<GateResult> results)
    {
        var text = new StringBuilder()
            .Append("tool=").Append(run.Request.Tool.Version).Append('\n')
            .Append("config=").Append(run.Config.Digest.Sha256).Append('\n')
            .Append("gates=").AppendJoin(',', results.Select(r => r.Name)).Append('\n')
            .Append("profile=").Append(run.Request.Profile).Append('\n')
            .Append("tag=").Append(run.Tag).Append('\n')
            .Append("sets=").AppendJoin('\u001f', run.Request.Sets).Append('\n')
            .Append("git=").Append(run.Git?.Sha).Append('\n')
            .Append("history=").Append(run.History.Count > 0 ? run.History[^1].RunId : "").Append('\n');
        foreach (var input in results.SelectMany(r => r.Inputs).OrderBy(i => i.Path, StringComparer.Ordinal))
            text.Append(input.Path).Append('=').Append(input.Sha256).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Sortable: UTC time to the millisecond, then a short digest of the inputs.</summary>
    public static string RunId(DateTimeOffset started, string digest) =>
        started.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + digest[..8];

    private static int runsInProcess;

    /// <summary>
    /// What makes a run id that is not deterministic unique: the process id and, after the first, the
    /// number of the run in this process. Two runs of the same inputs can start in the same millisecond
    /// (8 parallel runs into one state folder did), and the id names the run folder; a deterministic run
    /// keeps the bare id, because the same inputs are meant to name the same folder.
    /// </summary>
    private static string ProcessUnique()
    {
        var n = Interlocked.Increment(ref runsInProcess);
        return $"-p{Environment.ProcessId}" + (n > 1 ? $".{n}" : "");
    }

}
