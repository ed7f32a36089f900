using System.Text.Json;
using System.Text.Json.Serialization;
using GateKit.Gates.Promotion;
using GateKit.Gates.Docs;
using GateKit.Gates.Evidence;
using GateKit.Gates.Quality;
using GateKit.Gates.Release;

namespace GateKit.Config;

/// <summary>The root of gatekit.json (schema: schemas/gatekit.schema.json).</summary>
public sealed record GateKitConfig
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required int SchemaVersion { get; init; }

    /// <summary>The profile used when neither --profile nor GATEKIT_PROFILE names one.</summary>
    public string? DefaultProfile { get; init; }

    public IReadOnlyDictionary<string, ProfileConfig>? Profiles { get; init; }

    public required GatesConfig Gates { get; init; }

    public IReadOnlyList<WaiverConfig>? Waivers { get; init; }
}

/// <summary>Each configured gate; a gate that is absent is not run.</summary>
public sealed record GatesConfig
{
    public ReleaseConfig? Release { get; init; }
    public QualityConfig? Quality { get; init; }
    public PromotionConfig? Promotion { get; init; }
    public DocsConfig? Docs { get; init; }
    public EvidenceConfig? Evidence { get; init; }
}

/// <summary>A named set of threshold values, keyed "gate.conditionId" (number, or [min, max] for between).</summary>
public sealed record ProfileConfig
{
    public string? Description { get; init; }
    public required IReadOnlyDictionary<string, JsonElement> Thresholds { get; init; }
}

/// <summary>
/// Accepts a finding that would otherwise count against a gate. It matches on gate and optionally
/// code, subject (condition, metric or artifact id) and file glob; it always has an owner, a reason
/// and an expiry, and needs an approval reference to cover a P0 finding.
/// </summary>
public sealed record WaiverConfig
{
    public required string Id { get; init; }
    public required string Gate { get; init; }
    public string? Code { get; init; }
    public string? Subject { get; init; }
    public string? File { get; init; }
    public required string Owner { get; init; }
    public required string Reason { get; init; }
    public string? ApprovalRef { get; init; }

    /// <summary>ISO-8601 date (end of that day, UTC) or date-time.</summary>
    public required string Expires { get; init; }
}
