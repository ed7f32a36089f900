using GateKit.Config;
using GateKit.Gates.Quality;
using GateKit.Results;

namespace GateKit.Thresholds;

/// <summary>A threshold value with the layer it came from: "default", "profile:NAME" or "override".</summary>
public sealed record ResolvedThreshold(string Key, ThresholdValue Value, string Source);

/// <summary>Every threshold of a run, resolved once, by key.</summary>
public sealed record ResolvedThresholds(string? Profile, IReadOnlyDictionary<string, ResolvedThreshold> ByKey)
{
    public ResolvedThreshold this[string key] => ByKey[key];
}

/// <summary>
/// Applies the spec's precedence: a threshold override &gt; selected profile (--profile or GATEKIT_PROFILE)
/// &gt; the config's default profile &gt; the condition's own threshold. P0 thresholds may be
/// tightened but never loosened, by a profile (checked when the config loads) or by --set (here).
/// </summary>
public static class ThresholdResolver
{
    public static ResolvedThresholds Resolve(GateKitConfig config, string? selectedProfile, IReadOnlyList<string> sets)
    {
        var profileName = selectedProfile ?? config.DefaultProfile;
        ProfileConfig? profile = null;
        if (profileName is not null && !(config.Profiles?.TryGetValue(profileName, out profile) ?? false))
        {
            var known = config.Profiles?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
            throw new UsageException($"unknown profile '{profileName}'; the config defines: {string.Join(", ", known.DefaultIfEmpty("(none)"))}");
        }

        var resolved = new SortedDictionary<string, ResolvedThreshold>(StringComparer.Ordinal);
        foreach (var condition in ThresholdCatalog.All(config))
        {
            var key = condition.Key;
            ThresholdValue.TryParse(condition.Threshold, condition.Op, out var value, out _);
            resolved[key] = new ResolvedThreshold(key, value, "default");
            if (profile is not null && profile.Thresholds.TryGetValue(key, out var fromProfile)
                && ThresholdValue.TryParse(fromProfile, condition.Op, out var profiled, out _))
                resolved[key] = new ResolvedThreshold(key, profiled, $"profile:{profileName}");
        }

        foreach (var set in sets)
        {
            var eq = set.IndexOf('=');
            if (eq <= 0) throw new RequestException(RequestText.Of($"{RequestInput.ThresholdOverrides} expects KEY=VALUE, found '{set}'"));
            var key = set[..eq].Trim();
            if (ThresholdCatalog.Find(config, key) is not { } condition)
                throw new RequestException(RequestText.Of($"{RequestInput.ThresholdOverrides}: no threshold '{key}'; known: {string.Join(", ", ThresholdCatalog.Keys(config).DefaultIfEmpty("(none)"))}"));
            if (!ThresholdValue.TryParse(set[(eq + 1)..], condition.Op, out var value))
                throw new RequestException(RequestText.Of($"{RequestInput.ThresholdOverrides} {key}: '{set[(eq + 1)..]}' is not a {(condition.Op == ComparisonOp.Between ? "range MIN,MAX" : "finite number")}"));
            ThresholdValue.TryParse(condition.Threshold, condition.Op, out var fixedValue, out _);
            if (condition.Severity == Priority.P0 && fixedValue.IsLooserThan(value, condition.Op))
                throw new RequestException(RequestText.Of($"{RequestInput.ThresholdOverrides} {key}: P0 threshold is fixed at {fixedValue} and may not be loosened to {value}"));
            resolved[key] = new ResolvedThreshold(key, value, "override");
        }
        return new ResolvedThresholds(profileName, resolved);
    }
}
