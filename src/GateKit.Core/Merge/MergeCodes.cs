using GateKit.Results;

namespace GateKit.Merge;

/// <summary>Finding codes of the merge gate.</summary>
public static class MergeCodes
{
    /// <summary>An expected leg has no result among the inputs.</summary>
    public const string LegMissing = "leg_missing";

    /// <summary>A leg's run ended with a gate in status error, or was interrupted.</summary>
    public const string LegErrored = "leg_errored";

    /// <summary>A leg was not among the --expect-legs names.</summary>
    public const string LegUnexpected = "leg_unexpected";

    /// <summary>What each code means and how to fix it (gatekit explain, docs/codes.md); a merge applies no waivers, so none is waivable.</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        new(LegMissing, "merge", "P0", "A leg the merge expects (--expect N, --expect-legs) has no result among the inputs, so the merged verdict cannot be a pass.", "Make sure every matrix leg uploads its result.json and the merge job downloads them all; check the leg's job for a failure before the upload.", Waivable: false),
        new(LegErrored, "merge", "P0", "A leg's run was interrupted or ended with a gate in status error: its verdict is not known.", "Open the leg's job log and result.json, fix the error (exit 4) or the interruption (exit 5), and run the leg again.", Waivable: false),
        new(LegUnexpected, "merge", "P0", "A result names a leg that is not among --expect-legs, or there are more legs than --expect.", "List every leg in --expect-legs (or correct --expect), or stop passing the extra result.", Waivable: false),
    ];
}
