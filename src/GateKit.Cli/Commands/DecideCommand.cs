using System.CommandLine;
using GateKit.Config;
using GateKit.Decisions;
using GateKit.Output;
using GateKit.Runs;

namespace GateKit.Cli.Commands;

/// <summary>gatekit decide: record an operator's approve/reject decision on a run, as the decision policy allows.</summary>
internal static class DecideCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.Out();
        var run = new Option<string>("--run") { Description = "The run id (or \"latest\").", Required = true };
        var approve = new Option<bool>("--approve") { Description = "Approve the run." };
        var reject = new Option<bool>("--reject") { Description = "Reject the run." };
        var by = new Option<string>("--by") { Description = "Who decides.", Required = true };
        var rationale = new Option<string>("--rationale") { Description = "Why: the user-visible outcome, stated plainly.", Required = true };
        var approvalRef = new Option<string?>("--approval-ref") { Description = "Change or approval reference (required with --override)." };
        var overridePolicy = new Option<bool>("--override") { Description = "Approve although the decision policy says reject; recorded and shown as an override." };
        var supersedes = new Option<string?>("--supersedes") { Description = "The decision this one replaces (required when the run already has one)." };
        var command = new Command("decide", "Record an approve or reject decision on a run; the run's own files are never modified.")
        {
            config, state, run, approve, reject, by, rationale, approvalRef, overridePolicy, supersedes,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(approve) == parse.GetValue(reject)) throw new UsageException("choose exactly one of --approve and --reject");
            var who = parse.GetValue(by)!.Trim();
            var why = parse.GetValue(rationale)!.Trim();
            if (who.Length == 0) throw new UsageException("--by must name who decides");
            if (why.Length == 0) throw new UsageException("--rationale must not be empty: a decision without its reason is not auditable");
            var reference = parse.GetValue(approvalRef) is { } r && r.Trim().Length > 0 ? r.Trim() : null;
            var isOverride = parse.GetValue(overridePolicy);
            if (isOverride && (reference is null || parse.GetValue(reject)))
                throw new UsageException("--override approves against the policy and needs --approve and --approval-ref");

            var catalog = new RunCatalog(CommonOptions.StateDirectory(parse, config, state));
            var result = catalog.LoadVerified(parse.GetValue(run)!);
            var verdict = parse.GetValue(approve) ? Verdict.Approve : Verdict.Reject;
            var reasons = verdict == Verdict.Approve ? DecisionPolicy.ReasonsToReject(result, OtherRuns(catalog, result)) : [];
            if (reasons.Count > 0 && !isOverride)
            {
                stderr.WriteLine($"gatekit: approval of run {result.RunId} refused by the decision policy:");
                foreach (var reason in reasons) stderr.WriteLine($"  - {reason}");
                stderr.WriteLine("  (to approve anyway, add --override with --approval-ref; it is recorded and shown as an override)");
                return ExitCodes.NoGo;
            }

            var store = new DecisionStore(catalog.Store.StateDirectory);
            var id = store.NextId(result.RunId, parse.GetValue(supersedes));
            var record = new DecisionRecord(1, id, result.RunId, verdict, who, why, reference, reasons.Count > 0, reasons,
                parse.GetValue(supersedes), UtcTime.Milliseconds(TimeProvider.System.GetUtcNow()),
                RunIndex.Sha256OfFile(Path.Combine(catalog.Store.FolderOf(result.RunId), RunStore.ResultFile))!);
            var path = store.Save(record);
            stdout.WriteLine($"{(record.Override ? "OVERRIDE: " : "")}{verdict.Name()} recorded as {id}: {path}");
            return ExitCodes.Go;
        });
        return command;
    }

    /// <summary>Other recorded runs of the same config, for the consistency rule.</summary>
    private static IEnumerable<Results.RunResult> OtherRuns(RunCatalog catalog, Results.RunResult run)
    {
        foreach (var entry in catalog.Index.Read().Where(e => e.RunId != run.RunId))
        {
            Results.RunResult? other = null;
            try { other = catalog.Load(entry.RunId); }
            catch (Exception e) when (e is UsageException or ConfigException) { }
            if (other is not null && other.Config.Sha256 == run.Config.Sha256) yield return other;
        }
    }
}
