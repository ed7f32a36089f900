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

    /// <summary>What each code means and how to fix it (gatekit explain, docs/codes.md).</summary>
    public static IReadOnlyList<Results.CodeDoc> Docs { get; } =
    [
        Doc(ManifestMissing, "P0", "A pack's manifest file does not exist.", "Create the pack (gatekit evidence pack), or correct `evidence.packs[].manifest`."),
        Doc(ManifestUnreadable, "P0", "A pack's manifest exists but could not be read.", "Make the manifest readable by the user running gatekit."),
        Doc(ManifestMalformed, "P0", "The manifest is not valid JSON, or not a JSON object.", "Re-create the pack; the finding names the line and column."),
        Doc(ManifestDigestMismatch, "P0", "The manifest's own digest does not match its content: it was edited after packing.", "Re-pack instead of editing the manifest by hand."),
        Doc(FieldMissing, "P0 (P1 for optional fields under `lenient`)", "A manifest field is missing.", "Re-pack with a current gatekit, or set `evidence.lenient` for packs made by older writers."),
        Doc(FieldInvalid, "P0", "A manifest field has the wrong type or an invalid value.", "Re-pack; do not edit manifests by hand."),
        Doc(FieldUnknown, "P0", "The manifest has a member the schema does not define.", "Remove the member, or re-pack."),
        Doc(SchemaVersionUnsupported, "P0", "The manifest's schema_version is not one this gatekit reads.", "Upgrade gatekit, or re-pack with this version."),
        Doc(EntryInvalid, "P0", "A file entry of the manifest is not an object with path, size and digest.", "Re-pack."),
        Doc(PathAbsolute, "P0", "A file entry's path is absolute.", "Re-pack; entries are relative to the pack root."),
        Doc(PathTraversal, "P0", "A file entry's path contains '..' and could escape the pack.", "Re-pack; never hand-edit entries."),
        Doc(PathNotCanonical, "P0", "A file entry's path is not in canonical form (NFC, forward slashes, no '.' or empty segments).", "Re-pack with gatekit, which writes canonical paths."),
        Doc(PathOutsideRoot, "P0", "A manifest or file path resolves outside the run root (or through a symbolic link out of it).", "Keep the pack inside the root the gate runs from."),
        Doc(PathDuplicate, "P0", "Two file entries name the same path.", "Re-pack."),
        Doc(PathCaseCollision, "P0", "Two file entries differ only by letter case and would collide on Windows and macOS.", "Rename one of the files and re-pack."),
        Doc(FilesNotCanonical, "P0", "The file entries are not sorted in canonical (ordinal) order.", "Re-pack."),
        Doc(FileMissing, "P0", "A file listed in the manifest is missing.", "Restore the file, or re-pack if it was removed on purpose."),
        Doc(FileNotRegular, "P0", "A listed path is a folder, device or symbolic link, not a regular file.", "Replace it with the regular file that was packed."),
        Doc(FileExtra, "P0", "A file in the pack folder is not listed in the manifest.", "Remove the file, or re-pack to include it."),
        Doc(FileUnreadable, "P0", "A listed file could not be read to verify it.", "Make the file readable by the user running gatekit."),
        Doc(SizeMismatch, "P0", "A listed file's size differs from the manifest: it changed after packing.", "Restore the packed file, or re-pack."),
        Doc(DigestMismatch, "P0", "A listed file's SHA-256 differs from the manifest: it changed after packing.", "Restore the packed file, or re-pack."),
        Doc(NothingEvaluated, "P0", "The evidence gate declares no pack: nothing was evaluated, which is never a pass.", "Declare the packs under `evidence.packs`."),
        Doc(NothingPacked, "P0", "A pack lists no file: refused at pack time (exit 3), invalid when verified.", "Check the pack's include and exclude globs select the evidence files."),
    ];

    private static Results.CodeDoc Doc(string code, string priority, string meaning, string fix) => new(code, "evidence", priority, meaning, fix);
}
