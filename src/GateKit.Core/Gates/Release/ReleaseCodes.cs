using GateKit.Results;

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

    /// <summary>What each code means and how to fix it (gatekit explain, docs/codes.md).</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        new(PathOutsideRoot, "release", "P0", "An artifact or sign-off path resolves outside the run root; it was not read.", "Keep release artifacts inside the repository, or run from a root that contains them."),
        new(ArtifactMissing, "release", Broken, "A declared artifact does not exist.", "Produce the artifact before the gate runs, or correct `artifacts[].path` (a {tag} placeholder takes --tag)."),
        new(ArtifactUnreadable, "release", Broken, "A declared artifact exists but could not be read, or exceeds the read limit.", "Make the file readable; keep artifacts under the size limit."),
        new(ArtifactEmpty, "release", Broken, "A declared artifact is empty or only whitespace.", "Fix the step that writes the artifact."),
        new(ArtifactMalformed, "release", Broken, "A JSON artifact is not valid UTF-8 or not valid JSON (position given).", "Fix the writer of the artifact at the named line and column."),
        new(SchemaUnreadable, "release", "P0", "An artifact's JSON Schema is missing, unreadable, not valid JSON or not a usable schema.", "Correct `artifacts[].schema`, or fix the schema file."),
        new(SchemaViolation, "release", "P0", "A JSON artifact does not satisfy its schema (the JSON path and rule are given).", "Make the artifact conform, or update the schema if the contract changed."),
        new(AssertionFailed, "release", "P0", "An artifact's assertion (a JSON Pointer compared with a value) does not hold.", "Fix what the asserted value reports, or correct the assertion."),
        new(MonitoringAlert, "release", "P1 for HIGH, CRITICAL, missing or unknown severity; P2 for LOW, MEDIUM, INFO", "A monitoring artifact reports status ALERT.", "Resolve the alert in the monitored system, then regenerate the artifact."),
        new(MonitoringStatusInvalid, "release", "P0", "A monitoring artifact has no status at its status pointer, or one that is neither \"OK\" nor \"ALERT\".", "Fix the export, or point `statusPointer` at the status member."),
        new(SignoffMissing, "release", "P0", "The configured sign-off document is missing, unreadable or empty.", "Record the sign-off (gatekit signoff) at the configured path."),
        new(NothingEvaluated, "release", "P0", "The release gate declares no artifact and no sign-off: nothing was evaluated, which is never a pass.", "Declare the release's artifacts or its sign-off in the config."),
    ];

    /// <summary>A broken artifact costs what its kind costs: the spec's failure classes follow incident classes.</summary>
    private const string Broken = "by kind: json P0, monitoring P1, document P2 (or the artifact's `priority`)";
}
