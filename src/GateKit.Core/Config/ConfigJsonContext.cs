using System.Text.Json.Serialization;
using GateKit.Gates.Quality;
using GateKit.Results;

namespace GateKit.Config;

/// <summary>
/// Source-generated, strict reader for gatekit.json: unknown properties and comments are errors, so a
/// typo never silently disables a check. This is the root's metadata; <see cref="ConfigContract"/> adds the gates'.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    // The shared enums; each gate's descriptor brings its own (ConfigContract adds them).
    Converters = [typeof(StrictEnumConverter<Priority>), typeof(StrictEnumConverter<ComparisonOp>)])]
[JsonSerializable(typeof(GateKitConfig))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;

/// <summary>
/// Enums only as their JSON strings: the default string converter also takes integers ("severity": 7
/// would become an undefined priority), which the schema and the spec do not allow.
/// </summary>
internal sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
