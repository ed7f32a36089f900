namespace GateKit.Gates.Promotion;

/// <summary>The promotion gate's reason codes, by sub-gate in priority order.</summary>
public static class PromotionCodes
{
    // governance
    public const string GovernanceEvidenceMissing = "governance_evidence_missing";
    public const string GovernanceAuthorityMissing = "governance_authority_missing";
    public const string GovernanceReviewDeadlineMissing = "governance_review_deadline_missing";
    public const string GovernanceDateInvalid = "governance_date_invalid";
    public const string GovernanceReviewBeforeChange = "governance_review_before_change";
    public const string GovernanceReviewExpired = "governance_review_expired";
    public const string GovernanceChangedAfterEvaluation = "governance_changed_after_evaluation";

    // reliability
    public const string ReliabilityEvidenceMissing = "reliability_evidence_missing";
    public const string ReliabilitySampleTooSmall = "reliability_sample_too_small";
    public const string ReliabilityNoAttempts = "reliability_no_attempts";
    public const string ReliabilityAmbiguityRateExceeded = "reliability_ambiguity_rate_exceeded";
    public const string ReliabilityFailureRateExceeded = "reliability_failure_rate_exceeded";

    // backlog
    public const string BacklogEvidenceMissing = "backlog_evidence_missing";
    public const string BacklogNoSnapshot = "backlog_no_snapshot";
    public const string BacklogExceeded = "backlog_exceeded";
    public const string BacklogRising = "backlog_rising";

    // safety
    public const string SafetyEvidenceMissing = "safety_evidence_missing";
    public const string SafetyAutoPauseSustained = "safety_auto_pause_sustained";
    public const string SafetySuppressionUnexplained = "safety_suppression_unexplained";
    public const string SafetySuppressionDateInvalid = "safety_suppression_date_invalid";
    public const string SafetySuppressionExpired = "safety_suppression_expired";

    // drills
    public const string DrillsEvidenceMissing = "drills_evidence_missing";
    public const string DrillMissing = "drill_missing";
    public const string DrillDuplicate = "drill_duplicate";
    public const string DrillNotPassed = "drill_not_passed";
    public const string DrillStale = "drill_stale";
    public const string DrillDateInvalid = "drill_date_invalid";

    // evidence files of any sub-gate
    public const string EvidenceMalformed = "evidence_malformed";
    public const string PathOutsideRoot = "path_outside_root";
    public const string TelemetryLineMalformed = "telemetry_line_malformed";
    public const string TelemetryLineTorn = "telemetry_line_torn";
    public const string TelemetryLineTooLong = "telemetry_line_too_long";
    public const string TelemetryRecordInvalid = "telemetry_record_invalid";
    public const string EvidenceAfterEvaluation = "evidence_after_evaluation";
}

/// <summary>The five sub-gates, in the order they are evaluated and reported.</summary>
public static class PromotionSubGates
{
    public const string Governance = "governance";
    public const string Reliability = "reliability";
    public const string Backlog = "backlog";
    public const string Safety = "safety";
    public const string Drills = "drills";

    public static IReadOnlyList<string> InOrder { get; } = [Governance, Reliability, Backlog, Safety, Drills];
}
