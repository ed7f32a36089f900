using GateKit.Results;

namespace GateKit.Gates.Docs;

/// <summary>The finding codes of the docs gate, the names waivers, ignore rules and severities match on.</summary>
public static class DocsCodes
{
    public const string TargetMissing = "target_missing";
    public const string CaseMismatch = "case_mismatch";
    public const string TargetIgnored = "target_ignored";
    public const string AnchorMissing = "anchor_missing";
    public const string OwnAnchorMissing = "own_anchor_missing";
    public const string LineAnchorOutOfRange = "line_anchor_out_of_range";
    public const string OutsideRoot = "link_outside_root";
    public const string ReferenceUnused = "reference_unused";
    public const string ReferenceDuplicate = "reference_duplicate";
    public const string FileNotText = "file_not_text";
    public const string FileInvalidUtf8 = "file_invalid_utf8";
    public const string FileTooLarge = "file_too_large";
    public const string FileTooDeep = "file_too_deep";
    public const string FileTooComplex = "file_too_complex";
    public const string FileUnreadable = "file_unreadable";
    public const string ExternalLink = "external_link";
    public const string NothingEvaluated = "nothing_evaluated";

    /// <summary>Every code with its default priority: a broken reference fails the gate; hygiene is a note.</summary>
    public static IReadOnlyDictionary<string, Priority> Defaults { get; } = new Dictionary<string, Priority>(StringComparer.Ordinal)
    {
        [TargetMissing] = Priority.P0,
        [CaseMismatch] = Priority.P0,
        [TargetIgnored] = Priority.P0,
        [AnchorMissing] = Priority.P0,
        [OwnAnchorMissing] = Priority.P0,
        [LineAnchorOutOfRange] = Priority.P0,
        [OutsideRoot] = Priority.P0,
        [ReferenceUnused] = Priority.P2,
        [ReferenceDuplicate] = Priority.P2,
        [FileNotText] = Priority.P1,
        [FileInvalidUtf8] = Priority.P1,
        [FileTooLarge] = Priority.P1,
        [FileTooDeep] = Priority.P1,
        [FileTooComplex] = Priority.P1,
        [FileUnreadable] = Priority.P1,
        [ExternalLink] = Priority.P2,
        [NothingEvaluated] = Priority.P0,
    };

    /// <summary>What each code means and how to fix it (gatekit explain, docs/codes.md); priorities from <see cref="Defaults"/>.</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        Doc(TargetMissing, "A relative link points at a file or folder that does not exist.", "Correct the link's path, or restore or add the target file."),
        Doc(CaseMismatch, "A link's target exists only with different letter case; it works on Windows and macOS but breaks on Linux and on GitHub.", "Spell the path exactly as the file is named on disk."),
        Doc(TargetIgnored, "A link points at a file that git ignores, so it will not exist in a fresh clone or on the published site.", "Link to a committed file, or commit the target (remove it from .gitignore)."),
        Doc(AnchorMissing, "A link's #fragment matches no heading or explicit anchor in the target document under the root's slug style.", "Use the heading's slug as the root's `slugs` style generates it, or add the heading or anchor."),
        Doc(OwnAnchorMissing, "A same-document #fragment link matches no heading or anchor in its own file.", "Fix the fragment, or add the heading it refers to."),
        Doc(LineAnchorOutOfRange, "A #L12 or #L12-L20 line anchor points past the end of the target file.", "Update the line numbers to the lines the link means."),
        Doc(OutsideRoot, "A link leaves the checked root (../ past the repository), so it cannot resolve in the published tree.", "Link inside the root, or use an absolute URL for content outside it."),
        Doc(ReferenceUnused, "A reference-style link definition ([name]: url) is never used.", "Remove the definition, or use it."),
        Doc(ReferenceDuplicate, "A reference-style link label is defined twice; only the first definition is used.", "Remove or rename one of the definitions."),
        Doc(FileNotText, "A selected Markdown file contains NUL bytes, so it is not text.", "Exclude the file with `docs.exclude`, or replace it with text."),
        Doc(FileInvalidUtf8, "A selected Markdown file is not valid UTF-8.", "Re-save the file as UTF-8."),
        Doc(FileTooLarge, "A selected Markdown file is larger than `docs.maxFileBytes` and was not checked.", "Split the file, exclude it, or raise `docs.maxFileBytes`."),
        Doc(FileTooComplex, "A line of a Markdown file has so many unclosed link destinations that parsing it would take time quadratic in its length; it was not checked (the finding names the line).", "Close the brackets or break the line; generated files can be excluded with `docs.exclude`."),
        Doc(FileTooDeep, "A Markdown file nests blocks (quotes, lists) deeper than the checker follows; it was not checked.", "Flatten the nesting, or exclude the file."),
        Doc(FileUnreadable, "A selected Markdown file could not be read (permissions, a broken link, an I/O error).", "Make the file readable by the user running gatekit."),
        Doc(ExternalLink, "An external (http/https) link was listed, never fetched (only with `docs.listExternal`).", "Nothing to fix; this lists external links for review. Turn `docs.listExternal` off to hide them."),
        Doc(NothingEvaluated, "The docs gate selected no Markdown file: nothing was checked, which is never a pass.", "Point `docs.roots` and `docs.include` at the folders that hold your Markdown."),
    ];

    private static CodeDoc Doc(string code, string meaning, string fix) =>
        new(code, "docs", $"{Defaults[code]} (change with `docs.severity`)", meaning, fix);
}
