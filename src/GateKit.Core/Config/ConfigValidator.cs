using System.Globalization;
using System.Text.RegularExpressions;
using GateKit.Gates.Quality;
using GateKit.Results;
using GateKit.Thresholds;

namespace GateKit.Config;

/// <summary>A rule of gatekit.json broken: the JSON path and what is wrong there.</summary>
public sealed record ConfigProblem(string Path, string Problem);

/// <summary>
/// The checks a JSON Schema cannot express (or that System.Text.Json does not make): unique ids,
/// references between sections, threshold shapes, and that no profile loosens a P0 threshold.
/// </summary>
public static partial class ConfigValidator
{
    private static IReadOnlyList<string> GateNames => Gates.GateCatalog.Names;

    public static IReadOnlyList<ConfigProblem> Validate(GateKitConfig config)
    {
        var problems = new List<ConfigProblem>();
        void Add(string path, string problem) => problems.Add(new ConfigProblem(path, problem));

        if (config.SchemaVersion != 1) Add("$.schemaVersion", $"unsupported schemaVersion {config.SchemaVersion}; this GateKit reads 1");
        if (Gates.GateCatalog.Configured(config.Gates).Count == 0) Add("$.gates", "no gate is configured");

        foreach (var descriptor in Gates.GateCatalog.Descriptors)
            if (config.Gates.Section(descriptor.Name) is { } section) descriptor.Validate(section, Add);

        var profiles = config.Profiles ?? new Dictionary<string, ProfileConfig>();
        if (config.DefaultProfile is { } d && !profiles.ContainsKey(d))
            Add("$.defaultProfile", $"profile '{d}' is not defined under profiles");
        foreach (var (name, profile) in profiles)
            ValidateProfile(config, $"$.profiles{JsonPathLocator.Member(name)}", profile, Add);

        var waiverIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (config.Waivers?.Count ?? 0); i++)
        {
            var waiver = config.Waivers![i];
            var at = $"$.waivers[{i}]";
            if (!waiverIds.Add(waiver.Id)) Add($"{at}.id", $"duplicate waiver id '{waiver.Id}'");
            if (!GateNames.Contains(waiver.Gate)) Add($"{at}.gate", $"unknown gate '{waiver.Gate}'; known: {string.Join(", ", GateNames)}");
            if (!WaiverExpiry.TryParse(waiver.Expires, out _)) Add($"{at}.expires", $"'{waiver.Expires}' is not an ISO-8601 date (YYYY-MM-DD) or date-time with offset");
            RequireText(waiver.Owner, $"{at}.owner", Add);
            RequireText(waiver.Reason, $"{at}.reason", Add);
            if (waiver.File is { } glob && Inputs.GlobPattern.Problem(glob) is { } globProblem) Add($"{at}.file", $"not a usable glob: {globProblem}");
        }
        return problems;
    }

    private static void ValidateProfile(GateKitConfig config, string at, ProfileConfig profile, Action<string, string> add)
    {
        foreach (var (key, element) in profile.Thresholds)
        {
            var path = $"{at}.thresholds{JsonPathLocator.Member(key)}";
            if (ThresholdCatalog.Find(config, key) is not { } condition)
            {
                add(path, $"no threshold '{key}'; known: {string.Join(", ", ThresholdCatalog.Keys(config))}");
                continue;
            }
            if (!ThresholdValue.TryParse(element, condition.Op, out var value, out var problem)) { add(path, problem); continue; }
            ThresholdValue.TryParse(condition.Threshold, condition.Op, out var fixedValue, out _);
            if (condition.Severity == Priority.P0 && fixedValue.IsLooserThan(value, condition.Op))
                add(path, $"P0 threshold '{key}' is fixed at {fixedValue}: a profile may tighten it, never loosen it (found {value})");
        }
    }

    internal static void CheckId(string id, string path, HashSet<string> seen, string what, Action<string, string> add)
    {
        if (!IdPattern().IsMatch(id)) add(path, $"{what} id '{id}' must match {IdPattern()}");
        else if (!seen.Add(id)) add(path, $"duplicate {what} id '{id}'");
    }

    internal static void CheckPointer(string pointer, string path, Action<string, string> add)
    {
        if (pointer.Length > 0 && pointer[0] != '/') add(path, $"'{pointer}' is not a JSON Pointer (RFC 6901): it must be empty or start with '/'");
    }

    internal static void CheckCounts(int partialAt, int p2WarnAt, string at, Action<string, string> add)
    {
        if (partialAt < 1) add($"{at}.partialAt", "must be at least 1");
        if (p2WarnAt < 0) add($"{at}.p2WarnAt", "must not be negative");
    }

    internal static void RequireText(string value, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value)) add(path, "must not be empty");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex IdPattern();
}

/// <summary>Waiver expiry: a date means the end of that day in UTC; a date-time must carry its offset.</summary>
public static class WaiverExpiry
{
    public static bool TryParse(string text, out DateTimeOffset expires)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            expires = new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
            return true;
        }
        var hasOffset = text.EndsWith('Z') || Regex.IsMatch(text, @"[+-]\d{2}:\d{2}$");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out expires) && hasOffset && text.Contains('T');
    }
}
