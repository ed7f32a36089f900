namespace GateKit.Evidence;

/// <summary>
/// The problem codes of evidence verification; the evidence gate reports them as finding codes, so
/// they are also what waivers match on.
/// </summary>
public static class EvidenceCodes
{
    public const string ManifestMissing = "manifest_missing";
    public const string ManifestUnreadable = "manifest_unreadable";
    public const string ManifestMalformed = "manifest_malformed";
    public const string ManifestDigestMismatch = "manifest_digest_mismatch";
    public const string FieldMissing = "field_missing";
    public const string FieldInvalid = "field_invalid";
    public const string FieldUnknown = "field_unknown";
    public const string SchemaVersionUnsupported = "schema_version_unsupported";
    public const string EntryInvalid = "entry_invalid";
    public const string PathAbsolute = "path_absolute";
    public const string PathTraversal = "path_traversal";
    public const string PathNotCanonical = "path_not_canonical";
    public const string PathOutsideRoot = "path_outside_root";
    public const string PathDuplicate = "path_duplicate";
    public const string PathCaseCollision = "path_case_collision";
    public const string FilesNotCanonical = "files_not_canonical";
    public const string FileMissing = "file_missing";
    public const string FileNotRegular = "file_not_regular";
    public const string FileExtra = "file_extra";
    public const string FileUnreadable = "file_unreadable";
    public const string SizeMismatch = "size_mismatch";
    public const string DigestMismatch = "digest_mismatch";
    public const string NothingEvaluated = "nothing_evaluated";

    /// <summary>A pack without files: refused at pack time (exit 3), invalid at verify time. Nothing evaluated is never a pass.</summary>
    public const string NothingPacked = "nothing_packed";
}
