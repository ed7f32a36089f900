using System.Text.Json.Serialization;

namespace GateKit.Decisions;

public enum Verdict
{
    [JsonStringEnumMemberName("approve")] Approve,
    [JsonStringEnumMemberName("reject")] Reject,
}

/// <summary>
/// An operator's decision on a run, kept beside it (decisions/&lt;runId&gt;/NNN.json) and never
/// modified: a later decision supersedes it by naming it. <see cref="Override"/> marks an approval
/// the decision policy refused, with its approval reference and the reasons it overrode.
/// </summary>
public sealed record DecisionRecord(
    int SchemaVersion,
    string DecisionId,
    string RunId,
    Verdict Verdict,
    string By,
    string Rationale,
    string? ApprovalRef,
    bool Override,
    IReadOnlyList<string> PolicyReasons,
    string? Supersedes,
    string DecidedAt,
    string ResultSha256);

public static class VerdictNames
{
    /// <summary>"approve" or "reject", as decision records spell it.</summary>
    public static string Name(this Verdict verdict) => verdict == Verdict.Approve ? "approve" : "reject";
}
