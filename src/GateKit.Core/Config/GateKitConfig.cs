using System.Text.Json;
using System.Text.Json.Serialization;

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

/// <summary>
/// Each configured gate's section, by gate name; a gate that is absent is not run. Which sections exist and how
/// each is read is not written here but in each gate's descriptor (<see cref="Gates.GateCatalog"/>), so that a
/// gate is one folder: <see cref="ConfigContract"/> gives this type one JSON property per descriptor, and each
/// gate's folder adds a typed accessor (e.g. <c>config.Gates.Quality</c>) as an extension property.
/// </summary>
/// <remarks>
/// Trade-off: System.Text.Json's source generator needs a closed type per section, so the sections cannot be
/// properties of this record without it naming every gate. They are held here as objects and typed by their
/// descriptor; the contract gives System.Text.Json the same strict object it had (unknown gates, nulls, paths and
/// positions in errors unchanged), built at start from source-generated metadata only (no reflection).
/// </remarks>
public sealed record GatesConfig
{
    private readonly Dictionary<string, object> sections = new(StringComparer.Ordinal);

    public GatesConfig() { }

    /// <summary>A config in code: each section under its gate's name.</summary>
    public GatesConfig(IEnumerable<KeyValuePair<string, object>> sections)
    {
        foreach (var (name, section) in sections) this.sections.Add(name, section);
    }

    /// <summary>The section of the gate named <paramref name="gate"/>; null when the gate is not configured.</summary>
    public object? Section(string gate) => sections.GetValueOrDefault(gate);

    /// <summary>The section of the gate named <paramref name="gate"/> as its descriptor's type; null when not configured.</summary>
    public TSection? Section<TSection>(string gate) where TSection : class => Section(gate) as TSection;

    /// <summary>A copy with <paramref name="gate"/>'s section replaced (a host adjusting a loaded config).</summary>
    public GatesConfig With(string gate, object section) =>
        new(sections.Where(s => s.Key != gate).Append(new KeyValuePair<string, object>(gate, section)));

    /// <summary>Reading only: <see cref="ConfigContract"/> sets each section present in the JSON.</summary>
    internal void Set(string gate, object? section)
    {
        if (section is null) sections.Remove(gate);
        else sections[gate] = section;
    }
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
