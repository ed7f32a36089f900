using System.Text.Json.Serialization;

namespace GateKit.Config;

/// <summary>
/// Source-generated, strict reader for gatekit.json: unknown properties and comments are errors, so a
/// typo never silently disables a check.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(GateKitConfig))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
