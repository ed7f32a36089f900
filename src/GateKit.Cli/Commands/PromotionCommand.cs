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
        var now = new Option<string?>("--now") { Description = "Evaluate as of this ISO-8601 date-time with offset (reproducible evaluation)." };
        var skip = new Option<bool>("--skip-on-missing-evidence") { Description = "Missing evidence decides skipped instead of hold." };
        var failOnHold = new Option<bool>("--fail-on-hold") { Description = "Exit 1 when the decision is hold." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("evaluate", "Evaluate the promotion gate into a new run folder: promote, hold or skipped.")
        {
            config, output, now, skip, failOnHold, format,
        };
        command.SetAction(parse =>
        {
            TimeProvider clock = TimeProvider.System;
            if (parse.GetValue(now) is { } text)
            {
                if (!IsoTime.TryParse(text, out var at)) throw new UsageException($"--now '{text}' is not an ISO-8601 date-time with an offset");
                clock = new FixedClock(at);
            }
            var skipMissing = parse.GetValue(skip);
            var options = new RunOptions(parse.GetValue(config)!, [PromotionGate.GateName], null, [], null, parse.GetValue(output), false, CliApp.Tool)
            {
                AdjustConfig = c => skipMissing && c.Gates.Promotion is { } p
                    ? c with { Gates = c.Gates with { Promotion = p with { SkipOnMissingEvidence = true } } }
                    : c,
            };
            var run = RunPipeline.Execute(options, clock, interrupted);
            var gate = run.Result.Gates.SingleOrDefault(g => g.Name == PromotionGate.GateName);
            var decision = gate is null ? PromotionDecision.Hold : PromotionGate.DecisionOf(gate.Status);
            if (parse.GetValue(format) == "json") stdout.Write(File.ReadAllText(run.Stored.ResultPath));
            else
            {
                stdout.WriteLine($"{decision.ToString().ToUpperInvariant()}  run {run.Result.RunId}");
                if (gate is not null)
                {
                    var failed = PromotionGate.FailedSubGates(gate);
                    if (failed.Count > 0) stdout.WriteLine($"  failed gates: {string.Join(", ", failed)}");
                    if (gate.ReasonCodes.Count > 0) stdout.WriteLine($"  reasons: {string.Join(", ", gate.ReasonCodes)}");
                }
                stdout.WriteLine($"  result:  {run.Stored.ResultPath}");
                stdout.WriteLine($"  summary: {run.Stored.SummaryPath}");
            }
            if (run.Result.Interrupted) return ExitCodes.Interrupted;
            if (gate is null || gate.Status == GateStatus.Error) return ExitCodes.Runtime;
            return decision == PromotionDecision.Hold && parse.GetValue(failOnHold) ? ExitCodes.NoGo : ExitCodes.Go;
        });
        return command;
    }
}
