using System.Text.Json;
using System.Text.Json.Serialization;
using GateKit.Results;

namespace GateKit.Gates.Release;

/// <summary>The release gate: artifacts that must exist for a tag, parse, validate and meet assertions.</summary>
/// <remarks>Properties with a default use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property, so an omitted one would lose its default (dotnet/runtime#84484).</remarks>
public sealed record ReleaseConfig
{
    /// <summary>Default tag; --tag overrides it. Substituted for {tag} in paths.</summary>
    public string? Tag { get; init; }

    public required IReadOnlyList<ArtifactConfig> Artifacts { get; init; }

    /// <summary>A sign-off document that must exist and be non-empty (P0 when missing).</summary>
    public string? Signoff { get; init; }

    /// <summary>An artifact, schema or sign-off document above this many bytes is not read (a finding naming the file and this limit). Default 256 MiB.</summary>
    public long MaxFileBytes { get; set; } = Inputs.InputReader.DefaultMaxBytes;

    public int PartialAt { get; set; } = 2;
    public int P2WarnAt { get; set; } = 5;
}

public enum ArtifactKind
{
    /// <summary>A JSON report: must parse, validate against its schema and meet its assertions (P0).</summary>
    [JsonStringEnumMemberName("json")] Json,
    /// <summary>A monitoring snapshot: status OK, or ALERT with a severity (LOW/MEDIUM/INFO → P2; HIGH/CRITICAL, missing or unknown → P1).</summary>
    [JsonStringEnumMemberName("monitoring")] Monitoring,
    /// <summary>A generated document (Markdown, HTML…): must exist and be non-empty (P2).</summary>
    [JsonStringEnumMemberName("document")] Document,
}

/// <remarks>Properties with a default use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property, so an omitted one would lose its default (dotnet/runtime#84484).</remarks>
public sealed record ArtifactConfig
{
    public required string Id { get; init; }

    /// <summary>Relative to the config's folder; may contain {tag}.</summary>
    public required string Path { get; init; }

    public ArtifactKind Kind { get; set; } = ArtifactKind.Json;

    /// <summary>JSON Schema (draft-07) the artifact must validate against, relative to the config's folder.</summary>
    public string? Schema { get; init; }

    public IReadOnlyList<AssertionConfig>? Assertions { get; init; }

    /// <summary>For monitoring artifacts: where the status and the alert severity are.</summary>
    public string StatusPointer { get; set; } = "/status";
    public string SeverityPointer { get; set; } = "/severity";

    /// <summary>Overrides the priority the kind gives a missing or broken artifact.</summary>
    public Priority? Priority { get; init; }
}

/// <summary>The value at a JSON Pointer must equal the expected JSON value.</summary>
public sealed record AssertionConfig
{
    public required string Pointer { get; init; }

    [JsonPropertyName("equals")]
    public required JsonElement Expected { get; init; }
}
