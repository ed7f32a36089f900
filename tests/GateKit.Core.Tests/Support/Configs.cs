using GateKit.Config;
using GateKit.Gates;
using GateKit.History;
using GateKit.Inputs;
using GateKit.Thresholds;

namespace GateKit.Tests.Support;

/// <summary>Builds configs and gate contexts from JSON text, through the real loader.</summary>
public static class Configs
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static GateKitConfig Parse(string json) => ConfigLoader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "gatekit.json");

    public static GateContext Context(GateKitConfig config, string root, string? tag = null, IReadOnlyList<HistoryRecord>? history = null,
        string? profile = null, IReadOnlyList<string>? sets = null) =>
        new(config, new FileRoot(root), Now, ThresholdResolver.Resolve(config, profile, sets ?? []), tag, history ?? []);

    /// <summary>A quality gate config with one jsonl report "cases" (data/cases.jsonl) and the given conditions.</summary>
    public static string Quality(string conditions, string reports = """[{ "id": "cases", "path": "data/cases.jsonl" }]""", string extra = "") => $$"""
        {
          "schemaVersion": 1,
          {{extra}}
          "gates": { "quality": { "reports": {{reports}}, "conditions": [ {{conditions}} ] } }
        }
        """;
}
