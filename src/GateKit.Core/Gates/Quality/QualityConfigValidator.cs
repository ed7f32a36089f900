using GateKit.Config;
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
        }
        var conditionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < quality.Conditions.Count; i++)
        {
            var c = quality.Conditions[i];
            var ca = $"{at}.conditions[{i}]";
            ConfigValidator.CheckId(c.Id, $"{ca}.id", conditionIds, "condition", add);
            ConfigValidator.CheckPointer(c.Pointer, $"{ca}.pointer", add);
            if (!formats.TryGetValue(c.Report, out var format)) add($"{ca}.report", $"no report with id '{c.Report}'");
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
}
