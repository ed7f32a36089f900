using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>
/// The promotion gate's verdict as result.json carries it (<c>gates[].promotion</c>), so that a pipeline reads
/// the decision without parsing text: <see cref="Decision"/>, the failed sub-gates and their reason codes in
/// priority order (governance, reliability, backlog, safety, drills), the sub-gates whose evidence is missing,
/// when and by whom it was evaluated, and the two switches it was judged under.
/// </summary>
/// <param name="ReasonCodes">Codes of the unwaived P0 findings, in sub-gate order, each once; empty on promote.</param>
/// <param name="MissingEvidence">Sub-gates whose evidence file does not exist, in sub-gate order.</param>
/// <param name="EvaluatedAt">The evaluation time (ISO-8601 UTC): evidence dated after it was excluded.</param>
/// <param name="EvaluatedBy">Who ran the evaluation (<c>promotion evaluate --by</c>), when given.</param>
public sealed record PromotionVerdict(
    PromotionDecision Decision,
    IReadOnlyList<string> FailedGates,
    IReadOnlyList<string> ReasonCodes,
    IReadOnlyList<string> MissingEvidence,
    string EvaluatedAt,
    string? EvaluatedBy,
    bool FailOnHold,
    bool SkipOnMissingEvidence)
{
    /// <summary>The codes that mean "this sub-gate's evidence file does not exist".</summary>
    public static IReadOnlySet<string> MissingEvidenceCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PromotionCodes.GovernanceEvidenceMissing, PromotionCodes.ReliabilityEvidenceMissing, PromotionCodes.BacklogEvidenceMissing,
        PromotionCodes.SafetyEvidenceMissing, PromotionCodes.DrillsEvidenceMissing,
    };

    /// <summary>
    /// The verdict over the findings as waivers left them. Runbook ("Promotion CI Workflow", decision semantics):
    /// promote when every sub-gate passes; skipped only when skip mode is on, evidence is missing, and nothing that
    /// was evaluated failed; hold otherwise — a failing sub-gate is never hidden by a skip.
    /// </summary>
    public static PromotionVerdict Of(IReadOnlyList<Finding> findings, PromotionConfig config, DateTimeOffset evaluatedAt, string? evaluatedBy)
    {
        var blocking = findings.Where(f => f.Priority == Priority.P0 && !f.IsWaived).ToList();
        var missing = InOrder(blocking.Where(f => MissingEvidenceCodes.Contains(f.Code)));
        var failing = blocking.Any(f => !MissingEvidenceCodes.Contains(f.Code));
        var decision = failing ? PromotionDecision.Hold
            : missing.Count > 0 ? (config.SkipOnMissingEvidence ? PromotionDecision.Skipped : PromotionDecision.Hold)
            : PromotionDecision.Promote;
        return new PromotionVerdict(
            decision,
            decision == PromotionDecision.Hold ? InOrder(blocking) : [],
            blocking.Select(f => f.Code).Distinct().ToList(),
            missing,
            UtcTime.Seconds(evaluatedAt),
            evaluatedBy,
            config.FailOnHold,
            config.SkipOnMissingEvidence);
    }

    /// <summary>
    /// The gate status the verdict stands for, so that the run's decision and exit code follow the runbook:
    /// promote passes; hold fails only with fail-on-hold, else it is a condition (warn, exit 0); skipped is skipped.
    /// Not written: result.json has it as the gate's status.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public GateStatus Status => Decision switch
    {
        PromotionDecision.Promote => GateStatus.Pass,
        PromotionDecision.Skipped => GateStatus.Skipped,
        _ => FailOnHold ? GateStatus.Fail : GateStatus.Warn,
    };

    private static List<string> InOrder(IEnumerable<Finding> findings)
    {
        var subjects = findings.Select(f => f.Subject).ToHashSet();
        return PromotionSubGates.InOrder.Where(subjects.Contains).ToList();
    }
}
