using System.Text.Json.Serialization;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>What the promotion gate decided: its status read as the rollout's answer.</summary>
public enum PromotionDecision
{
    [JsonStringEnumMemberName("promote")] Promote,
    [JsonStringEnumMemberName("hold")] Hold,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>
/// The promotion gate (spec: "promotion — may this rollout expand?"): governance, reliability,
/// backlog, safety and drills, in that priority order; every failure holds. Findings and reason codes
/// come out in sub-gate order, so the first reason is the first thing to fix. The status is the
/// <see cref="PromotionVerdict"/>'s, recorded with it in result.json.
/// </summary>
public sealed class PromotionGate : IGate
{
    public const string GateName = "promotion";

    public string Name => GateName;

    public GateOutcome Evaluate(GateContext context, CancellationToken cancellationToken)
    {
        var config = context.Config.Gates.Promotion
            ?? throw new InvalidOperationException("promotion gate: gates.promotion is not configured");
        var e = new PromotionEvaluation(context.Files, context.Now, config);
        e.Metrics["window_days"] = config.WindowDays;
        e.Metrics["window_start_epoch_s"] = PromotionEvaluation.Epoch(e.WindowStart);
        e.Metrics["evaluated_at_epoch_s"] = PromotionEvaluation.Epoch(e.Now);

        GovernanceCheck.Evaluate(e);
        cancellationToken.ThrowIfCancellationRequested();
        ReliabilityCheck.Evaluate(e, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        BacklogCheck.Evaluate(e, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        SafetyCheck.Evaluate(e);
        DrillsCheck.Evaluate(e);
        e.ReportExcluded();

        foreach (var sub in PromotionSubGates.InOrder)
            e.Metrics[$"{sub}_gate_failed"] = e.Findings.Any(f => f.Subject == sub && f.Priority == Priority.P0) ? 1 : 0;
        return new GateOutcome(e.Findings, e.Metrics, e.Thresholds, e.SortedInputs(), [], StatusRules.Default)
        {
            Verdict = findings => PromotionVerdict.Of(findings, config, e.Now, context.By),
        };
    }
}
