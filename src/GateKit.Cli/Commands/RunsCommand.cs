using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GateKit.Output;
using GateKit.Decisions;
using GateKit.Engine;
using GateKit.Results;
using GateKit.Runs;

namespace GateKit.Cli.Commands;

/// <summary>gatekit runs list|show|compare|failed|rerun: the run history of a state folder.</summary>
internal static class RunsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted) =>
        new("runs", "Inspect, compare and re-run recorded runs.")
        {
            List(stdout, stderr, failedOnly: false),
            List(stdout, stderr, failedOnly: true),
            Show(stdout),
            Compare(stdout),
            Rerun(stdout, stderr, interrupted),
        };

    private static (Option<string> Config, Option<string?> State) StateOptions(Command command)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.Out();
        command.Options.Add(config);
        command.Options.Add(state);
        return (config, state);
    }

    private static Command List(TextWriter stdout, TextWriter stderr, bool failedOnly)
    {
        var format = CommonOptions.Format("text", "json");
        var command = new Command(failedOnly ? "failed" : "list",
            failedOnly
                ? "The failed-run queue: runs that ended in error (4), were interrupted (5) or were refused for an invalid config (3), with the reason and the command that processes each again."
                : "Every recorded run, oldest first; a run whose folder is gone is marked missing.") { format };
        var (config, state) = StateOptions(command);
        command.SetAction(parse =>
        {
            var catalog = new RunCatalog(CommonOptions.StateDirectory(parse, config, state));
            var decisions = new DecisionStore(catalog.Store.StateDirectory);
            foreach (var id in catalog.Index.AddMissing(catalog.Store))
                stderr.WriteLine($"gatekit: run {id} was not in the index (its run was stopped before recording it); indexed now");
            var entries = catalog.Index.Read().Where(e => !failedOnly || e.Failed).ToList();
            var rows = entries.Select(e => (Entry: e, Folder: FolderState(catalog, e), Current: decisions.For(e.RunId) is { Count: > 0 } d ? d[^1] : null)).ToList();
            if (parse.GetValue(format) == "json")
            {
                var array = new JsonArray();
                foreach (var (e, folder, current) in rows)
                    array.Add((JsonNode)new JsonObject
                    {
                        ["runId"] = e.RunId,
                        ["finishedAt"] = e.FinishedAt,
                        ["decision"] = e.Decision.Name(),
                        ["exitCode"] = e.ExitCode,
                        ["reason"] = e.Reason,
                        ["folder"] = folder,
                        ["verdict"] = current?.Verdict.Name(),
                        ["override"] = current?.Override,
                        ["reprocess"] = failedOnly ? e.ReprocessCommand : null,
                    });
                stdout.Write(Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonSerializer.SerializeToElement(array, ResultJsonContext.Default.JsonNode))));
                stdout.WriteLine();
                return ExitCodes.Go;
            }
            if (rows.Count == 0)
                stdout.WriteLine(failedOnly ? $"the failed-run queue is empty: no run in {catalog.Store.StateDirectory} failed" : $"no run recorded yet in {catalog.Store.StateDirectory}");
            foreach (var (e, folder, current) in rows)
            {
                var decided = current is null ? "" : $"  {current.Verdict.Name()}{(current.Override ? " OVERRIDE" : "")} by {current.By}";
                var missing = folder == "present" ? "" : folder == "refused" ? "  [refused: no run folder]" : "  [MISSING: run folder gone]";
                stdout.WriteLine($"{e.RunId}  {e.Decision.Name(),-18}  exit {e.ExitCode}{(e.Reason is null ? "" : $"  ({e.Reason})")}{decided}{missing}");
                if (failedOnly) stdout.WriteLine($"    reprocess: {e.ReprocessCommand}");
            }
            return ExitCodes.Go;
        });
        return command;
    }

    /// <summary>"present", "missing" (the run folder is gone) or "refused" (the run never had one).</summary>
    private static string FolderState(RunCatalog catalog, RunIndexEntry e) =>
        e.Refused ? "refused" : Directory.Exists(catalog.Store.FolderOf(e.RunId)) ? "present" : "missing";

    private static Command Show(TextWriter stdout)
    {
        var id = new Argument<string>("run") { Description = "The run id (or \"latest\")." };
        var command = new Command("show", "Show a run, its decisions, and whether its files still have the digests recorded when it ran.") { id };
        var (config, state) = StateOptions(command);
        command.SetAction(parse =>
        {
            var catalog = new RunCatalog(CommonOptions.StateDirectory(parse, config, state));
            var runId = catalog.Resolve(parse.GetValue(id)!);
            var run = catalog.Load(runId);
            stdout.WriteLine($"run {run.RunId}: {run.Decision.Name()}{(run.Interrupted ? " (interrupted)" : "")}  profile {run.Profile ?? "-"}  tag {run.Tag ?? "-"}  git {run.Git?.Sha ?? "-"}");
            foreach (var g in run.Gates) stdout.WriteLine($"  {g.Name,-10} {g.Status.Name(),-8} {string.Join(", ", g.ReasonCodes)}".TrimEnd());
            foreach (var d in new DecisionStore(catalog.Store.StateDirectory).For(run.RunId))
                stdout.WriteLine($"  decision {d.DecisionId}: {(d.Override ? "OVERRIDE " : "")}{d.Verdict.Name()} by {d.By}: {d.Rationale}");

            var entry = catalog.Index.Read().LastOrDefault(e => e.RunId == run.RunId);
            if (entry is null)
            {
                stdout.WriteLine("  integrity: not in the run index; cannot be verified");
                return ExitCodes.NoGo;
            }
            var modified = RunIndex.Modified(entry, catalog.Store.FolderOf(runId));
            foreach (var f in modified)
                stdout.WriteLine($"  MODIFIED after the run: {f.Name}: sha256 now {f.Now ?? "(missing)"}, recorded {f.Recorded}");
            if (modified.Count == 0) stdout.WriteLine($"  integrity: {entry.Files.Count} files match the digests recorded at run time");
            return modified.Count == 0 ? ExitCodes.Go : ExitCodes.NoGo;
        });
        return command;
    }

    private static Command Compare(TextWriter stdout)
    {
        var before = new Argument<string>("before") { Description = "The earlier run id." };
        var after = new Argument<string>("after") { Description = "The later run id (or \"latest\")." };
        var tolerance = new Option<double>("--tolerance") { Description = "Relative change allowed per metric (0.05 = ±5%).", DefaultValueFactory = _ => RunComparison.DefaultTolerance };
        var command = new Command("compare", "Metric deltas between two runs, and whether the same pinned inputs gave different outcomes.") { before, after, tolerance };
        var (config, state) = StateOptions(command);
        command.SetAction(parse =>
        {
            var allowed = parse.GetValue(tolerance);
            if (!(allowed >= 0) || double.IsInfinity(allowed)) throw new Config.UsageException("--tolerance must be a non-negative number");
            var catalog = new RunCatalog(CommonOptions.StateDirectory(parse, config, state));
            var comparison = RunComparison.Of(catalog.Load(parse.GetValue(before)!), catalog.Load(parse.GetValue(after)!), allowed);
            stdout.WriteLine($"{comparison.Before} → {comparison.After} (tolerance ±{allowed.ToString("0.##%", CultureInfo.InvariantCulture)})");
            foreach (var m in comparison.Metrics)
            {
                var change = m.RelativeChange is { } c ? (double.IsInfinity(c) ? "from 0" : c.ToString("+0.##%;-0.##%;0%", CultureInfo.InvariantCulture)) : "only in one run";
                stdout.WriteLine($"  {(m.Changed ? "CHANGED" : "ok"),-7} {m.Gate}.{m.Metric}: {N(m.Before)} → {N(m.After)} ({change})");
            }
            if (comparison.Inconsistent) stdout.WriteLine("  INCONSISTENT: repeated runs (same config, inputs, gates, profile, overrides and tag) gave a different outcome");
            else if (comparison.Repetition) stdout.WriteLine("  repeated runs: same config, inputs, gates, profile, overrides and tag");
            else
            {
                stdout.WriteLine("  not repetitions of each other; they differ in:");
                foreach (var difference in comparison.Differences) stdout.WriteLine($"    {difference}");
            }
            return comparison.WithinTolerance && !comparison.Inconsistent ? ExitCodes.Go : ExitCodes.NoGo;
        });
        return command;
    }

    private static Command Rerun(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var id = new Argument<string>("run") { Description = "The run to evaluate again (or \"latest\")." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("rerun", "Evaluate the same pinned config and inputs again, into a new run; refused if any digest changed.") { id, format };
        var (config, state) = StateOptions(command);
        command.SetAction(parse =>
        {
            var stateDirectory = CommonOptions.StateDirectory(parse, config, state);
            var run = new RunCatalog(stateDirectory).Load(parse.GetValue(id)!);
            // The same gates (all it set out to evaluate, for an interrupted run), profile, tag and overrides: a repetition of it.
            var selected = run.SelectedGates.Count > 0 ? run.SelectedGates : run.Gates.Select(g => g.Name).ToList();
            var options = new RunOptions(parse.GetValue(config)!, selected, run.Profile, run.Overrides, run.Tag,
                stateDirectory, run.Deterministic, CliApp.Tool)
            {
                Pin = RunPin.From(run, $"run {run.RunId}"),
                OnGateStarting = FaultInjection.BeforeGate,
                OnWritePoint = FaultInjection.AtWritePoint,
                // The promotion switches the original was judged under are recorded in its verdict.
                AdjustConfig = run.Gates.FirstOrDefault(g => g.Promotion is not null)?.Promotion is { } p
                    ? PromotionCommand.Adjust(p.SkipOnMissingEvidence, p.FailOnHold) : null,
            };
            return RunCommand.Execute(options, parse.GetValue(format)!, stdout, stderr, interrupted).Exit;
        });
        return command;
    }

    private static string N(double? d) => d is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "—";

}
