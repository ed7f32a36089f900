using GateKit.Config;
using GateKit.Gates.Quality;

namespace GateKit.Thresholds;

/// <summary>The threshold keys a config defines: "quality.&lt;conditionId&gt;" for each quality condition.</summary>
public static class ThresholdCatalog
{
    public static IEnumerable<string> Keys(GateKitConfig config) =>
        (config.Gates.Quality?.Conditions ?? []).Select(c => Key("quality", c.Id));

    public static ConditionConfig? Find(GateKitConfig config, string key) =>
        config.Gates.Quality?.Conditions.FirstOrDefault(c => Key("quality", c.Id) == key);

    public static string Key(string gate, string conditionId) => $"{gate}.{conditionId}";
}
