using System.Text.Json.Serialization;
using GateKit.Results;

namespace GateKit.Merge;

/// <summary>One job's result as the merge read it (schema: schemas/merge.schema.json, "sources").</summary>
/// <param name="Leg">The leg's name: LEG from LEG=PATH, else the name of the folder holding the file.</param>
/// <param name="Path">The file as given on the command line.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="RunId">The run id the leg's result records.</param>
/// <param name="Decision">The leg's own decision.</param>
/// <param name="Errored">True when a gate of the leg ended in status error or the leg's run was interrupted.</param>
public sealed record MergeSource(string Leg, string Path, string Sha256, long Size, string RunId, Decision Decision, bool Errored);

/// <summary>
/// merge.json, written beside the merged result.json: which results were merged, with their run ids and
/// digests, which legs were expected and which were missing. The verdict itself is result.json's.
/// </summary>
public sealed record MergeRecord(
    int SchemaVersion,
    ToolInfo Tool,
    string RunId,
    Decision Decision,
    IReadOnlyList<MergeSource> Sources,
    IReadOnlyList<string> MissingLegs)
{
    /// <summary>The legs named with --expect-legs, in order; empty when legs were only counted (--expect) or not expected.</summary>
    public IReadOnlyList<string> ExpectedLegs { get; init; } = [];

    /// <summary>The number of legs expected (--expect N, or the count of --expect-legs); null when none was given.</summary>
    public int? ExpectedCount { get; init; }
}

/// <summary>Source-generated serialization of merge.json, with result.json's conventions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(MergeRecord))]
public sealed partial class MergeJsonContext : JsonSerializerContext;
