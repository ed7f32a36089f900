using System.Text.Json.Serialization;

namespace GateKit.Rollout;

/// <summary>The rollout's posture: how far it reaches and whether it is paused.</summary>
public sealed record RolloutPosture(int CanaryPercent, bool Paused, IReadOnlyList<string> Scope);

/// <summary>
/// The state file: the current posture and the sequence number of the ledger record that produced it
/// (0 before any apply). The ledger is the history; this file is its latest line, for quick reading.
/// </summary>
public sealed record RolloutState(int SchemaVersion, long Sequence, RolloutPosture Posture, string? UpdatedAt, string? LastApplyId)
{
    public static RolloutState Initial { get; } = new(1, 0, new RolloutPosture(0, true, []), null, null);
}

/// <summary>What an apply may do to the posture.</summary>
public enum RolloutIntent
{
    [JsonStringEnumMemberName("expand")] Expand,
    [JsonStringEnumMemberName("resume")] Resume,
    [JsonStringEnumMemberName("rollback")] Rollback,
}

/// <summary>
/// One line of the append-only apply ledger: who changed what, why, on which decision, who approved it and who
/// owns its rollback (absent in lines written before they were recorded, and for a rollback without them).
/// </summary>
public sealed record ApplyRecord(
    long Sequence,
    string ApplyId,
    RolloutIntent Intent,
    string At,
    string By,
    string ApprovalRef,
    string Rationale,
    string ReviewBy,
    string? IdempotencyKey,
    string Decision,
    string? DecisionRunId,
    RolloutPosture Before,
    RolloutPosture After)
{
    public string? Approver { get; init; }
    public string? RollbackOwner { get; init; }
}

/// <summary>Strict (de)serialization of the state file and the ledger: unknown or missing members are invalid input.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RolloutState))]
[JsonSerializable(typeof(ApplyRecord))]
internal sealed partial class RolloutJsonContext : JsonSerializerContext;

/// <summary>The type info for writing an apply record (the JSON context stays internal).</summary>
public static class RolloutJson
{
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ApplyRecord> Record => RolloutJsonContext.Default.ApplyRecord;
}
