using System.Text.Json;

namespace GateKit.Gates.Promotion;

/// <summary>The rules of gates.promotion that the JSON Schema cannot express.</summary>
public static class PromotionConfigValidator
{
    public static void Validate(PromotionConfig config, Action<string, string> add)
    {
        const string at = "$.gates.promotion";
        if (config.WindowDays < 1) add($"{at}.windowDays", "must be at least 1");
        if (config.MinSample < 1) add($"{at}.minSample", "must be at least 1");
        if (config.MaxLineBytes < 1024) add($"{at}.maxLineBytes", "must be at least 1024");
        if (!(config.MaxEvaluationAgeHours > 0)) add($"{at}.maxEvaluationAgeHours", "must be more than 0");
        if (config.MaxFileBytes < 1) add($"{at}.maxFileBytes", "must be at least 1");
        Path(config.Policy.Path, $"{at}.policy.path", add);
        Pointer(config.Policy.GovernancePointer, $"{at}.policy.governancePointer", add, allowEmpty: true);
        Pointer(config.Policy.KillSwitchPointer, $"{at}.policy.killSwitchPointer", add, allowEmpty: false);

        var r = config.Reliability;
        Path(r.Path, $"{at}.reliability.path", add);
        if (r.LastRuns < 1) add($"{at}.reliability.lastRuns", "must be at least 1");
        Rate(r.MaxAmbiguityRate, $"{at}.reliability.maxAmbiguityRate", add);
        Rate(r.MaxFailureRate, $"{at}.reliability.maxFailureRate", add);
        Pointer(r.TimestampPointer, $"{at}.reliability.timestampPointer", add);
        Pointer(r.AttemptedPointer, $"{at}.reliability.attemptedPointer", add);
        Pointer(r.AmbiguousPointer, $"{at}.reliability.ambiguousPointer", add);
        Pointer(r.FailedPointer, $"{at}.reliability.failedPointer", add);
        for (var i = 0; i < (r.Match?.Count ?? 0); i++)
        {
            Pointer(r.Match![i].Pointer, $"{at}.reliability.match[{i}].pointer", add);
            if (r.Match[i].Expected.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                add($"{at}.reliability.match[{i}].equals", "must be a string, number, boolean or null");
        }
        if (4 + (r.Match?.Count ?? 0) > 32) add($"{at}.reliability.match", "at most 28 rules");

        var b = config.Backlog;
        Path(b.Path, $"{at}.backlog.path", add);
        if (b.Max < 0) add($"{at}.backlog.max", "must not be negative");
        if (b.SustainedRises < 1) add($"{at}.backlog.sustainedRises", "must be at least 1");
        Pointer(b.TimestampPointer, $"{at}.backlog.timestampPointer", add);
        Pointer(b.PendingPointer, $"{at}.backlog.pendingPointer", add);
        Pointer(b.ManualOnlyPointer, $"{at}.backlog.manualOnlyPointer", add);

        Path(config.Safety.Path, $"{at}.safety.path", add);
        if (config.Safety.SustainedMinutes < 0) add($"{at}.safety.sustainedMinutes", "must not be negative");

        var d = config.Drills;
        Path(d.Path, $"{at}.drills.path", add);
        if (d.Required.Count == 0) add($"{at}.drills.required", "name at least one drill");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Required.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(d.Required[i])) add($"{at}.drills.required[{i}]", "must not be empty");
            else if (!seen.Add(d.Required[i])) add($"{at}.drills.required[{i}]", $"duplicate drill '{d.Required[i]}'");
        }
        if (d.CandidateTime is { } t && !IsoTime.TryParse(t, out _))
            add($"{at}.drills.candidateTime", $"'{t}' is not an ISO-8601 date-time with an offset");
    }

    private static void Path(string path, string at, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(path)) add(at, "must not be empty");
    }

    private static void Rate(double rate, string at, Action<string, string> add)
    {
        if (!(rate >= 0 && rate <= 1)) add(at, "must be between 0 and 1");
    }

    private static void Pointer(string pointer, string at, Action<string, string> add, bool allowEmpty = false)
    {
        if (pointer.Length == 0 && !allowEmpty) add(at, "must name a field: a JSON Pointer starting with '/'");
        else if (pointer.Length > 0 && pointer[0] != '/') add(at, $"'{pointer}' is not a JSON Pointer (RFC 6901): it must start with '/'");
    }
}
