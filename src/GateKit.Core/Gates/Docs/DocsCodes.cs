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
}
