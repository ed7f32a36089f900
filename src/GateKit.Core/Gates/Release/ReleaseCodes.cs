namespace GateKit.Gates.Release;

/// <summary>The finding codes of the release gate, the names waivers and reason codes match on.</summary>
public static class ReleaseCodes
{
    public const string PathOutsideRoot = "path_outside_root";
    public const string ArtifactMissing = "artifact_missing";
    public const string ArtifactUnreadable = "artifact_unreadable";
    public const string ArtifactEmpty = "artifact_empty";
    public const string ArtifactMalformed = "artifact_malformed";
    public const string SchemaUnreadable = "schema_unreadable";
    public const string SchemaViolation = "schema_violation";
    public const string AssertionFailed = "assertion_failed";
    public const string MonitoringAlert = "monitoring_alert";
    public const string MonitoringStatusInvalid = "monitoring_status_invalid";
    public const string SignoffMissing = "signoff_missing";
    public const string NothingEvaluated = "nothing_evaluated";
}
