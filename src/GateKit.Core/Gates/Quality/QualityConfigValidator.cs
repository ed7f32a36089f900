using GateKit.Config;
using GateKit.Gates.Quality.Standard;
using GateKit.Thresholds;

namespace GateKit.Gates.Quality;

/// <summary>The quality gate's rules that the JSON Schema cannot express: unique ids, references between reports, conditions and trends, aggregates that fit the report, threshold shapes.</summary>
public static class QualityConfigValidator
{
    public static void Validate(QualityConfig quality, Action<string, string> add)
    {
        const string at = "$.gates.quality";
        if (quality.Reports.Count == 0) add($"{at}.reports", "declares no report");
        if (quality.Conditions.Count == 0) add($"{at}.conditions", "declares no condition");
        var reportIds = new HashSet<string>(StringComparer.Ordinal);
        var formats = new Dictionary<string, ReportFormat>(StringComparer.Ordinal);
        for (var i = 0; i < quality.Reports.Count; i++)
        {
            var report = quality.Reports[i];
            ConfigValidator.CheckId(report.Id, $"{at}.reports[{i}].id", reportIds, "report", add);
            ConfigValidator.RequireText(report.Path, $"{at}.reports[{i}].path", add);
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
            ConfigValidator.CheckId(c.Id, $"{ca}.id", conditionIds, "condition", add);
            ConfigValidator.CheckPointer(c.Pointer, $"{ca}.pointer", add);
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
        ConfigValidator.CheckCounts(quality.PartialAt, quality.P2WarnAt, at, add);
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
        else if (c.Metric == TestMetrics.NewFailed && c.RelativeTo is not null)
            add($"{ca}.relativeTo", $"{TestMetrics.NewFailed} already compares with the previous recorded run; relativeTo does not apply to it");
    }

    // Every format's JSON name is its enum name in lower case.
    private static string FormatName(ReportFormat format) => format.ToString().ToLowerInvariant();
}
