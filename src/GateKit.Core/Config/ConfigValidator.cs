using System.Globalization;
using System.Text.RegularExpressions;
using GateKit.Gates.Promotion;
using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Standard;
using GateKit.Gates.Release;
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

        if (config.Gates.Release is { } release) ValidateRelease(release, Add);
        if (config.Gates.Quality is { } quality) ValidateQuality(quality, Add);
        if (config.Gates.Promotion is { } promotion) PromotionConfigValidator.Validate(promotion, Add);
        if (config.Gates.Docs is { } docs) Gates.Docs.DocsConfigValidator.Validate(docs, Add);
        if (config.Gates.Evidence is { } evidence) Gates.Evidence.EvidenceConfigRules.Validate(evidence, Add);

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

    private static void ValidateRelease(ReleaseConfig release, Action<string, string> add)
    {
        const string at = "$.gates.release";
        if (release.Artifacts.Count == 0 && release.Signoff is null) add($"{at}.artifacts", "declares no artifact");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < release.Artifacts.Count; i++)
        {
            var artifact = release.Artifacts[i];
            var a = $"{at}.artifacts[{i}]";
            CheckId(artifact.Id, $"{a}.id", ids, "artifact", add);
            RequireText(artifact.Path, $"{a}.path", add);
            if (artifact.Kind == ArtifactKind.Document && (artifact.Schema is not null || artifact.Assertions is { Count: > 0 }))
                add(a, "a document artifact cannot have a schema or assertions");
            for (var j = 0; j < (artifact.Assertions?.Count ?? 0); j++)
                CheckPointer(artifact.Assertions![j].Pointer, $"{a}.assertions[{j}].pointer", add);
            CheckPointer(artifact.StatusPointer, $"{a}.statusPointer", add);
            CheckPointer(artifact.SeverityPointer, $"{a}.severityPointer", add);
        }
        CheckCounts(release.PartialAt, release.P2WarnAt, at, add);
        if (release.Tag is { } tag && Inputs.PathTemplate.TagProblem(tag) is { } tagProblem) add($"{at}.tag", $"the tag {tagProblem}");
        if (release.MaxFileBytes < 1) add($"{at}.maxFileBytes", "must be at least 1");
    }

    private static void ValidateQuality(QualityConfig quality, Action<string, string> add)
    {
        const string at = "$.gates.quality";
        if (quality.Reports.Count == 0) add($"{at}.reports", "declares no report");
        if (quality.Conditions.Count == 0) add($"{at}.conditions", "declares no condition");
        var reportIds = new HashSet<string>(StringComparer.Ordinal);
        var formats = new Dictionary<string, ReportFormat>(StringComparer.Ordinal);
        for (var i = 0; i < quality.Reports.Count; i++)
        {
            var report = quality.Reports[i];
            CheckId(report.Id, $"{at}.reports[{i}].id", reportIds, "report", add);
            RequireText(report.Path, $"{at}.reports[{i}].path", add);
            formats[report.Id] = report.EffectiveFormat;
            if (StandardReaders.IsStandard(report.EffectiveFormat))
            {
                if (StandardReaders.For(report.EffectiveFormat) is null)
                    add($"{at}.reports[{i}].format", $"format '{FormatName(report.EffectiveFormat)}' cannot be read by this version of GateKit");
                if (ReportShards.IsGlob(report.Path) && Inputs.GlobPattern.Problem(report.Path) is { } globProblem)
                    add($"{at}.reports[{i}].path", $"not a usable glob: {globProblem}");
            }
            else if (ReportShards.IsGlob(report.Path))
                add($"{at}.reports[{i}].path", $"a glob matches shards of a standard report (trx, junit, cobertura, lcov, sarif, benchmarkdotnet); a {FormatName(report.EffectiveFormat)} report is one file");
        }
        var conditionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < quality.Conditions.Count; i++)
        {
            var c = quality.Conditions[i];
            var ca = $"{at}.conditions[{i}]";
            CheckId(c.Id, $"{ca}.id", conditionIds, "condition", add);
            CheckPointer(c.Pointer, $"{ca}.pointer", add);
            if (!formats.TryGetValue(c.Report, out var format)) add($"{ca}.report", $"no report with id '{c.Report}'");
            else if (StandardReaders.IsStandard(format)) ValidateStandardCondition(c, format, ca, add);
            else if (c.Metric is not null) add($"{ca}.metric", $"report '{c.Report}' is {FormatName(format)}: a condition on it names a pointer, not a metric");
            else if (format == ReportFormat.Json && c.Aggregate != Aggregate.Value)
                add($"{ca}.aggregate", $"aggregate '{c.Aggregate.ToString().ToLowerInvariant()}' needs a jsonl report of cases; '{c.Report}' is json");
            else if (format == ReportFormat.Jsonl && c.Aggregate == Aggregate.Value)
                add($"{ca}.aggregate", $"report '{c.Report}' is jsonl: choose an aggregate over its cases (count, mean, p50, p95, rate)");
            if (c.EqualsValue is not null && c.Aggregate != Aggregate.Rate) add($"{ca}.equals", "equals applies only to the rate aggregate");
            if (c.Aggregate is not (Aggregate.Count) && c.Pointer.Length == 0 && c.Aggregate != Aggregate.Value)
                add($"{ca}.pointer", $"aggregate '{c.Aggregate.ToString().ToLowerInvariant()}' needs a pointer to the value in each case");
            if (!ThresholdValue.TryParse(c.Threshold, c.Op, out _, out var problem)) add($"{ca}.threshold", problem);
            if (c.RelativeTo is not null && c.Op is not (ComparisonOp.AtLeast or ComparisonOp.AtMost))
                add($"{ca}.op", "a condition relative to earlier runs needs >= or <= (a percentage change)");
            if (c.Runs < 1) add($"{ca}.runs", "must be at least 1");
        }
        for (var i = 0; i < (quality.Trend?.Count ?? 0); i++)
            if (!conditionIds.Contains(quality.Trend![i])) add($"{at}.trend[{i}]", $"no condition with id '{quality.Trend[i]}'");
        CheckCounts(quality.PartialAt, quality.P2WarnAt, at, add);
        if (quality.MaxFileBytes < 1) add($"{at}.maxFileBytes", "must be at least 1");
    }

    /// <summary>A condition on a standard report names a metric its format provides, and nothing of json/jsonl's (pointer, aggregate, equals).</summary>
    private static void ValidateStandardCondition(ConditionConfig c, ReportFormat format, string ca, Action<string, string> add)
    {
        var name = FormatName(format);
        if (c.Pointer.Length > 0) add($"{ca}.pointer", $"report '{c.Report}' is {name}: a condition on it names a metric, not a pointer");
        if (c.Aggregate != Aggregate.Value) add($"{ca}.aggregate", $"report '{c.Report}' is {name}: its reader computes the metrics; no aggregate applies");
        if (c.EqualsValue is not null) add($"{ca}.equals", "equals applies only to the rate aggregate of a jsonl report");
        if (StandardReaders.For(format) is not { } reader) return;
        if (c.Metric is null)
            add(ca, $"a condition on the {name} report '{c.Report}' needs a metric: {string.Join(", ", reader.MetricNames)}");
        else if (!reader.Provides(c.Metric))
            add($"{ca}.metric", $"{name} reports have no metric '{c.Metric}'; known: {string.Join(", ", reader.MetricNames)}");
    }

    // Every format's JSON name is its enum name in lower case.
    private static string FormatName(ReportFormat format) => format.ToString().ToLowerInvariant();

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

    private static void CheckId(string id, string path, HashSet<string> seen, string what, Action<string, string> add)
    {
        if (!IdPattern().IsMatch(id)) add(path, $"{what} id '{id}' must match {IdPattern()}");
        else if (!seen.Add(id)) add(path, $"duplicate {what} id '{id}'");
    }

    private static void CheckPointer(string pointer, string path, Action<string, string> add)
    {
        if (pointer.Length > 0 && pointer[0] != '/') add(path, $"'{pointer}' is not a JSON Pointer (RFC 6901): it must be empty or start with '/'");
    }

    private static void CheckCounts(int partialAt, int p2WarnAt, string at, Action<string, string> add)
    {
        if (partialAt < 1) add($"{at}.partialAt", "must be at least 1");
        if (p2WarnAt < 0) add($"{at}.p2WarnAt", "must not be negative");
    }

    private static void RequireText(string value, string path, Action<string, string> add)
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
