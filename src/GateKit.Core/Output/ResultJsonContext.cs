using System.Text.Json.Serialization;
using GateKit.History;
using GateKit.Results;

namespace GateKit.Output;

/// <summary>Source-generated (de)serialization of everything GateKit writes: results and history records.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(HistoryRecord))]
[JsonSerializable(typeof(GateKit.Runs.RunIndexEntry))]
[JsonSerializable(typeof(GateKit.Decisions.DecisionRecord))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
public sealed partial class ResultJsonContext : JsonSerializerContext;
