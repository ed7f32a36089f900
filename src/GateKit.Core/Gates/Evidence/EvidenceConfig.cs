namespace GateKit.Gates.Evidence;

/// <summary>The evidence gate: the packs to verify, by manifest path relative to the config's folder.</summary>
/// <remarks>Properties with a default use <c>set</c>, not <c>init</c> (see ReleaseConfig).</remarks>
public sealed record EvidenceConfig
{
    public required IReadOnlyList<EvidencePackConfig> Packs { get; init; }

    /// <summary>Missing optional manifest fields are P1 warnings instead of P0 errors; a digest mismatch never is.</summary>
    public bool Lenient { get; set; } = false;

    /// <summary>Files hashed at once; 0 means the number of processors.</summary>
    public int Parallelism { get; set; } = 0;

    /// <summary>A pack manifest above this many bytes is not read (a finding naming the file and this limit). Default 256 MiB.</summary>
    public long MaxFileBytes { get; set; } = Inputs.InputReader.DefaultMaxBytes;

    public int PartialAt { get; set; } = 2;
    public int P2WarnAt { get; set; } = 5;
}

public sealed record EvidencePackConfig
{
    public required string Id { get; init; }

    /// <summary>The pack's manifest.json, relative to the config's folder.</summary>
    public required string Manifest { get; init; }
}
