using GateKit.Config;
using GateKit.Gates;

namespace GateKit.Thresholds;

/// <summary>The threshold keys a config defines: each configured gate's, as its descriptor lists them (e.g. "quality.&lt;conditionId&gt;").</summary>
public static class ThresholdCatalog
{
    public static IEnumerable<ThresholdDefinition> All(GateKitConfig config) =>
        GateCatalog.Descriptors.SelectMany(d => config.Gates.Section(d.Name) is { } section ? d.Thresholds(section) : []);

    public static IEnumerable<string> Keys(GateKitConfig config) => All(config).Select(t => t.Key);

    public static ThresholdDefinition? Find(GateKitConfig config, string key) => All(config).FirstOrDefault(t => t.Key == key);

    public static string Key(string gate, string conditionId) => $"{gate}.{conditionId}";
}
