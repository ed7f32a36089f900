using System.CommandLine;
using System.Text.Json;
using GateKit.Config;
using GateKit.Gates.Promotion;
using GateKit.Rollout;

namespace GateKit.Cli.Commands;

/// <summary>gatekit promotion apply: an audited, locked, idempotent change to the rollout posture.</summary>
internal static class PromotionApplyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Out();
        var intent = new Option<string>("--intent") { Description = "expand, resume or rollback.", Required = true }.AcceptOnlyFromAmong("expand", "resume", "rollback");
        var by = new Option<string>("--by") { Description = "Who applies the change.", Required = true };
        var approvalRef = new Option<string>("--approval-ref") { Description = "The approval or change ticket.", Required = true };
        var rationale = new Option<string>("--rationale") { Description = "Why.", Required = true };
        var reviewBy = new Option<string>("--review-by") { Description = "ISO-8601 review deadline with offset, in the future.", Required = true };
        var step = new Option<int>("--expand-step") { Description = "Canary percentage points added by expand.", DefaultValueFactory = _ => 25 };
        var key = new Option<string?>("--idempotency-key") { Description = "Replaying a key returns the earlier record and changes nothing." };
        var approver = new Option<string?>("--approver") { Description = "Who is accountable for the decision (required for expand and resume)." };
        var rollbackOwner = new Option<string?>("--rollback-owner") { Description = "Who rolls the change back if it goes wrong (required for expand)." };
        var run = new Option<string?>("--run") { Description = "The promotion run the apply rests on; refused unless it is the newest (default: the newest)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check everything apply would, print the ledger entry it would append, exit as apply would, write nothing." };
        var command = new Command("apply", "Change the rollout posture (expand, resume, rollback) with an audited ledger record.")
        {
            config, output, intent, by, approvalRef, rationale, reviewBy, step, key, approver, rollbackOwner, run, dryRun,
        };
        command.SetAction(parse =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            if (loaded.Config.Gates.Promotion is null) throw new UsageException("the config has no gates.promotion section");
            var stateDirectory = parse.GetValue(output) ?? Output.RunStore.DefaultStateDirectory(loaded.RootDirectory);
            var request = new ApplyRequest(
                Enum.Parse<RolloutIntent>(parse.GetValue(intent)!, ignoreCase: true),
                parse.GetValue(by)!, parse.GetValue(approvalRef)!, parse.GetValue(rationale)!, parse.GetValue(reviewBy)!,
                parse.GetValue(step), parse.GetValue(key), TimeProvider.System.GetUtcNow())
            {
                Approver = parse.GetValue(approver),
                RollbackOwner = parse.GetValue(rollbackOwner),
                RunId = parse.GetValue(run),
                DryRun = parse.GetValue(dryRun),
            };
            var outcome = new RolloutApplier(stateDirectory, loaded).Apply(request);
            var prefix = request.DryRun ? "gatekit: dry run: " : "gatekit: ";
            if (outcome.Status == ApplyStatus.Refused)
            {
                stderr.WriteLine($"{prefix}refused: {outcome.Reason}");
                return ExitCodes.NoGo;
            }
            if (outcome.Status == ApplyStatus.Replayed)
                stderr.WriteLine($"{prefix}idempotency key already used by {outcome.Record!.ApplyId}: replayed, nothing changed");
            if (outcome.Status == ApplyStatus.WouldApply)
                stderr.WriteLine($"{prefix}would append ledger entry {outcome.Record!.Sequence} ({outcome.Record.ApplyId}): {Posture(outcome.Record.Before)} -> {Posture(outcome.Record.After)}; nothing written");
            stdout.WriteLine(JsonSerializer.Serialize(outcome.Record!, RolloutJson.Record));
            return ExitCodes.Go;
        });
        return command;
    }

    private static string Posture(RolloutPosture p) => $"canary {p.CanaryPercent}%, {(p.Paused ? "paused" : "running")}";
}
