using GateKit.Results;

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

    /// <summary>What each code means and how to fix it (gatekit explain, docs/codes.md); every sub-gate failure holds promotion (P0).</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        Doc(GovernanceEvidenceMissing, "The governance evidence file is missing.", "Record the change's governance evidence at `promotion.governance.path`."),
        Doc(GovernanceAuthorityMissing, "The governance evidence names no approving authority.", "Add who approved the change to the governance record."),
        Doc(GovernanceReviewDeadlineMissing, "The governance evidence has no review deadline.", "Add the date by which the change must be reviewed again."),
        Doc(GovernanceDateInvalid, "A governance date is not an ISO 8601 date-time.", "Write the date as e.g. 2026-11-30T12:00:00Z."),
        Doc(GovernanceReviewBeforeChange, "The governance record's reviewBy is not after its changedAt.", "Correct reviewBy or changedAt."),
        Doc(GovernanceReviewExpired, "The governance record's reviewBy date has passed.", "Review the change again and record a new deadline."),
        Doc(GovernanceChangedAfterEvaluation, "The governance record's changedAt is after the evaluation time: it was not in effect then.", "Evaluate at a time after the change, or correct changedAt."),
        Doc(ReliabilityEvidenceMissing, "The reliability telemetry file is missing.", "Export the run records to `promotion.reliability.path`."),
        Doc(ReliabilitySampleTooSmall, "Fewer runs than `promotion.minSample` fall in the window: too little evidence to promote.", "Wait for more runs, or (by policy) lower `minSample`."),
        Doc(ReliabilityNoAttempts, "The window's runs record no attempts at all.", "Check that the telemetry export counts attempts at the configured pointers."),
        Doc(ReliabilityAmbiguityRateExceeded, "The share of ambiguous outcomes is above `maxAmbiguityRate`.", "Reduce ambiguous outcomes (timeouts, unknown results) before promoting."),
        Doc(ReliabilityFailureRateExceeded, "The share of failed outcomes is above `maxFailureRate`.", "Fix the failures the telemetry shows before promoting."),
        Doc(BacklogEvidenceMissing, "The backlog snapshot file is missing.", "Export backlog snapshots to `promotion.backlog.path`."),
        Doc(BacklogNoSnapshot, "No backlog snapshot falls in the window.", "Record a current snapshot of the backlog."),
        Doc(BacklogExceeded, "The latest backlog is above `promotion.backlog.max`.", "Work the backlog down before promoting."),
        Doc(BacklogRising, "The backlog rose in `sustainedRises` consecutive snapshots.", "Find why the backlog keeps growing and stop it before promoting."),
        Doc(SafetyEvidenceMissing, "The safety telemetry file is missing.", "Export safety events to `promotion.safety.path`."),
        Doc(SafetyAutoPauseSustained, "An automatic pause lasted longer than `sustainedMinutes`.", "Investigate the pause's cause and resolve it."),
        Doc(SafetySuppressionUnexplained, "A safety suppression has no reason.", "Record why each suppression was made."),
        Doc(SafetySuppressionDateInvalid, "A safety suppression's date is not an ISO 8601 date-time.", "Write the date as e.g. 2026-11-30T12:00:00Z."),
        Doc(SafetySuppressionExpired, "A safety suppression is past its expiry.", "Remove the suppression, or renew it with a new reason and expiry."),
        Doc(DrillsEvidenceMissing, "The drills document is missing.", "Record drill results at `promotion.drills.path`."),
        Doc(DrillMissing, "A required drill has no record.", "Run the drill and record its result."),
        Doc(DrillDuplicate, "A drill id is recorded twice.", "Keep one record per drill id."),
        Doc(DrillNotPassed, "A required drill did not pass.", "Fix what the drill found and run it again."),
        Doc(DrillStale, "A required drill ran before the candidate it should cover.", "Run the drill again against the candidate."),
        Doc(DrillDateInvalid, "A drill's date is not an ISO 8601 date-time.", "Write the date as e.g. 2026-11-30T12:00:00Z."),
        Doc(EvidenceMalformed, "An evidence file is not valid JSON or lacks a required member (the finding names which).", "Fix the evidence file at the named position."),
        Doc(PathOutsideRoot, "An evidence path resolves outside the run root; it was not read.", "Keep evidence inside the repository, or run from a root that contains it."),
        Doc(TelemetryLineMalformed, "A telemetry JSONL line is not a JSON object.", "Fix the exporter; the finding names the file and 1-based line."),
        Doc(TelemetryLineTorn, "The last telemetry line has no newline: the file was cut off mid-write.", "Re-export the telemetry, or wait until the writer has finished."),
        Doc(TelemetryLineTooLong, "A telemetry line exceeds the line length limit and was not parsed.", "Keep one record per line and records small."),
        Doc(TelemetryRecordInvalid, "A telemetry record lacks a field the sub-gate needs, or has one of the wrong type.", "Make the exporter write the fields at the configured pointers."),
        Doc(EvidenceAfterEvaluation, "Evidence is dated after the evaluation time, so it cannot have been seen by it.", "Re-run the evaluation, or correct the evidence's timestamps."),
    ];

    private static CodeDoc Doc(string code, string meaning, string fix) => new(code, "promotion", "P0", meaning, fix);
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
