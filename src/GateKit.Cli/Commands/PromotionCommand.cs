using System.CommandLine;
using GateKit.Config;
using GateKit.Engine;
using GateKit.Gates.Promotion;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>gatekit promotion evaluate | apply: the promotion decision, and audited changes to the rollout posture.</summary>
internal static class PromotionCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted) =>
        new("promotion", "May the rollout expand? Evaluate the promotion gate, or apply a rollout change.")
        {
            Evaluate(stdout, stderr, interrupted),
            PromotionApplyCommand.Create(stdout, stderr),
        };

    private static Command Evaluate(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Out();
        var now = new Option<string?>("--now") { Description = "Evaluate as of this ISO-8601 date-time with offset (reproducible evaluation); evidence dated after it is excluded." };
        var skip = SkipOnMissingEvidence();
        var failOnHold = FailOnHold();
        var by = new Option<string?>("--by") { Description = "Who runs the evaluation: recorded in result.json (promotion.evaluatedBy)." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("evaluate", "Evaluate the promotion gate into a new run folder: promote, hold or skipped.")
        {
            config, output, now, skip, failOnHold, by, format,
        };
        command.SetAction(parse =>
        {
            TimeProvider clock = TimeProvider.System;
            if (parse.GetValue(now) is { } text)
            {
                if (!IsoTime.TryParse(text, out var at)) throw new UsageException($"--now '{text}' is not an ISO-8601 date-time with an offset");
                clock = new FixedClock(at);
            }
            var evaluatedBy = parse.GetValue(by);
            if (evaluatedBy is not null && string.IsNullOrWhiteSpace(evaluatedBy)) throw new UsageException("--by must not be empty");
            var options = new RunOptions(parse.GetValue(config)!, [PromotionGate.GateName], null, [], null, parse.GetValue(output), false, CliApp.Tool)
            {
                AdjustConfig = Adjust(parse.GetValue(skip), parse.GetValue(failOnHold)),
                By = evaluatedBy,
            };
            var run = RunPipeline.Execute(options, clock, interrupted);
            // One verdict, one exit code: the run's, as result.json, summary.md and the run index record it.
            var exit = ExitCodes.ForRun(run.Result, FailOn.Fail);
            if (parse.GetValue(format) == "json") stdout.Write(System.Text.Encoding.UTF8.GetString(run.ResultJson));
            else WriteText(stdout, run, exit);
            return exit;
        });
        return command;
    }

    /// <summary>--skip-on-missing-evidence, shared by promotion evaluate and run.</summary>
    public static Option<bool> SkipOnMissingEvidence() =>
        new("--skip-on-missing-evidence") { Description = "Missing evidence decides skipped instead of hold, when nothing that was evaluated failed." };

    /// <summary>--fail-on-hold, shared by promotion evaluate and run.</summary>
    public static Option<bool> FailOnHold() =>
        new("--fail-on-hold") { Description = "A promotion hold is no-go and exits 1 (without it, a hold is a condition and exits 0)." };

    /// <summary>Applies the promotion switches given on the command line over the config's own; null when none is given.</summary>
    public static Func<GateKitConfig, GateKitConfig>? Adjust(bool skipOnMissingEvidence, bool failOnHold) =>
        !skipOnMissingEvidence && !failOnHold ? null
        : c => c.Gates.Promotion is { } p
            ? c with
            {
                Gates = c.Gates.With(PromotionGate.GateName, p with
                {
                    SkipOnMissingEvidence = p.SkipOnMissingEvidence || skipOnMissingEvidence,
                    FailOnHold = p.FailOnHold || failOnHold,
                }),
            }
            : c;

    private static void WriteText(TextWriter o, RunOutput run, int exit)
    {
        var gate = run.Result.Gates.SingleOrDefault(g => g.Name == PromotionGate.GateName);
        var verdict = gate?.Promotion;
        var label = verdict?.Decision.Name().ToUpperInvariant() ?? $"ERROR ({gate?.Status.Name() ?? "not evaluated"})";
        o.WriteLine($"{label}  run {run.Result.RunId}");
        o.WriteLine($"  decision: {run.Result.Decision.Name()}, exit {exit}{(verdict?.Decision == PromotionDecision.Hold && !verdict.FailOnHold ? " (--fail-on-hold makes a hold exit 1)" : "")}");
        if (verdict is not null)
        {
            if (verdict.FailedGates.Count > 0) o.WriteLine($"  failed gates: {string.Join(", ", verdict.FailedGates)}");
            if (verdict.MissingEvidence.Count > 0) o.WriteLine($"  missing evidence: {string.Join(", ", verdict.MissingEvidence)}");
            if (verdict.ReasonCodes.Count > 0) o.WriteLine($"  reasons: {string.Join(", ", verdict.ReasonCodes)}");
            if (gate!.Metrics.TryGetValue("excluded_after_evaluation", out var excluded) && excluded > 0)
                o.WriteLine($"  excluded: {excluded} piece(s) of evidence dated after {verdict.EvaluatedAt}");
        }
        else if (gate is not null && gate.ReasonCodes.Count > 0) o.WriteLine($"  reasons: {string.Join(", ", gate.ReasonCodes)}");
        o.WriteLine($"  result:  {run.Stored.ResultPath}");
        o.WriteLine($"  summary: {run.Stored.SummaryPath}");
    }
}
