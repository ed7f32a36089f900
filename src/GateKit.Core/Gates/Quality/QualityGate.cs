using System.Text.Json;
using GateKit.History;
using GateKit.Inputs;
using GateKit.Json;
using GateKit.Results;
using GateKit.Thresholds;
using GateKit.Gates.Quality.Standard;

namespace GateKit.Gates.Quality;

/// <summary>
/// Compares metrics from reports (a JSON document, or JSONL cases aggregated) with conditions whose
/// thresholds are resolved by profile; relative conditions compare with earlier runs in the history.
/// </summary>
public sealed class QualityGate : IGate
{
    public const string GateName = "quality";
    private const int TrendLength = 10;
    /// <summary>Failed tests or analyzer results listed per violated condition; a summary or an annotation list stays readable.</summary>
    public const int ItemsPerCondition = 50;

    public string Name => GateName;

    public GateOutcome Evaluate(GateContext context, CancellationToken cancellationToken)
    {
        var config = context.Config.Gates.Quality ?? throw new InvalidOperationException("quality gate is not configured");
        var findings = new List<Finding>();
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var inputs = new List<InputDigest>();
        var history = context.History.Where(h => h.Gate == GateName).ToList();

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var readings = new Dictionary<string, StandardReading>(StringComparer.Ordinal);
        var failedTests = new SortedDictionary<string, FailedTestsRecord>(StringComparer.Ordinal);
        foreach (var report in config.Reports)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var conditions = config.Conditions.Where(c => c.Report == report.Id).ToList();
            var path = PathTemplate.Expand(report.Path, context.Tag, GateName);
            if (StandardReaders.IsStandard(report.EffectiveFormat))
            {
                EvaluateStandard(context, report, path, config.MaxFileBytes, conditions, findings, values, inputs, readings, failedTests, cancellationToken);
                continue;
            }
            if (!TryReadReport(context.Files, report, path, config.MaxFileBytes, findings, out var file)) continue;
            inputs.Add(file!.Digest);
            if (report.EffectiveFormat == ReportFormat.Json) EvaluateDocument(file, conditions, findings, values);
            else EvaluateCases(file, report, conditions, findings, values, metrics, cancellationToken);
        }

        var explained = new HashSet<ReportedItem>(ReferenceEqualityComparer.Instance);
        var thresholds = new List<ThresholdUse>();
        foreach (var condition in config.Conditions)
        {
            var key = ThresholdCatalog.Key(GateName, condition.Id);
            var threshold = context.Thresholds[key];
            thresholds.Add(new ThresholdUse(key, OpText(condition.Op), threshold.Value.Value, threshold.Value.Max, threshold.Source, condition.Severity,
                condition.RelativeTo is null ? null : BaselineName(condition)));
            if (!values.TryGetValue(condition.Id, out var value)) continue;
            metrics[condition.Id] = value;
            var location = new Location(PathTemplate.Expand(config.Reports.First(r => r.Id == condition.Report).Path, context.Tag, GateName));
            if (condition.RelativeTo is { } baseline)
            {
                if (Baseline(history, condition.Id, baseline, condition.Runs) is not { } reference)
                {
                    findings.Add(new Finding(QualityCodes.BaselineMissing, Priority.P2,
                        $"{condition.Id}: no earlier run in the history to compare with yet", location, condition.Id));
                    continue;
                }
                var change = PercentChange(reference, value);
                if (!Meets(change, condition.Op, threshold.Value))
                {
                    findings.Add(Violation(condition, location,
                        $"{condition.Id} = {Format(value)} changed {FormatSigned(change)}% against {Format(reference)} ({BaselineName(condition)}); needs a change {(condition.Op == ComparisonOp.AtMost ? "<=" : ">=")} {FormatSigned(threshold.Value.Value)}% ({threshold.Source})"));
                    Explain(condition, readings, context.Files, explained, findings);
                }
            }
            else if (!Meets(value, condition.Op, threshold.Value))
            {
                findings.Add(Violation(condition, location,
                    $"{condition.Id} = {Format(value)}; needs {OpText(condition.Op)} {threshold.Value} ({threshold.Source})"));
                Explain(condition, readings, context.Files, explained, findings);
            }
        }

        var trendMetrics = config.Trend ?? config.Conditions.Select(c => c.Id).ToList();
        var trends = trendMetrics.Select(m => TrendOf(m, history, metrics)).ToList();
        return new GateOutcome(findings, metrics, thresholds,
            inputs.DistinctBy(i => i.Path).OrderBy(i => i.Path, StringComparer.Ordinal).ToList(),
            trends, new StatusRules(config.PartialAt, config.P2WarnAt)) { FailedTests = failedTests.Count > 0 ? failedTests : null };
    }

    private static bool TryReadReport(FileRoot files, MetricReportConfig report, string path, long maxFileBytes, List<Finding> findings, out InputFile? file)
    {
        var failure = files.TryRead(path, out file, out var problem, maxFileBytes, "gates.quality.maxFileBytes");
        if (failure == ReadFailure.None) return true;
        var code = failure switch
        {
            ReadFailure.OutsideRoot => QualityCodes.PathOutsideRoot,
            ReadFailure.Missing => QualityCodes.ReportMissing,
            _ => QualityCodes.ReportUnreadable,
        };
        findings.Add(new Finding(code, Priority.P0, $"report '{report.Id}': {problem}", new Location(path), report.Id));
        return false;
    }

    /// <summary>
    /// A violated condition on a standard report brings the items behind its metric (the failed tests, the analyzer
    /// results) as findings at its severity, where they are in the sources; each item once (for the first condition
    /// it explains), at most <see cref="ItemsPerCondition"/> per condition and a count of the rest.
    /// </summary>
    private static void Explain(ConditionConfig condition, Dictionary<string, StandardReading> readings, FileRoot files,
        HashSet<ReportedItem> explained, List<Finding> findings)
    {
        if (condition.Metric is not { } metric || !readings.TryGetValue(condition.Id, out var reading)) return;
        var items = reading.Items.Where(i => i.Metrics.Contains(metric) && !explained.Contains(i)).ToList();
        foreach (var item in items.Take(ItemsPerCondition))
        {
            explained.Add(item);
            var (location, message) = ItemLocation.Of(item, files);
            findings.Add(new Finding(item.Code, condition.Severity, message, location, condition.Id));
        }
        var more = Math.Max(0, items.Count - ItemsPerCondition) + (reading.Unlisted?.GetValueOrDefault(metric) ?? 0);
        if (more > 0 && items.Count > 0)
            findings.Add(new Finding(items[0].Code, condition.Severity, $"{condition.Id}: {more} more not listed",
                items[Math.Min(ItemsPerCondition, items.Count - 1)].InReport with { Line = null }, condition.Id));
    }

    /// <summary>
    /// Reads the report's shards with its format's reader; each condition takes the metric it names, and its reading
    /// (in <paramref name="readings"/>, by condition id) explains a violation. Conditions on new-code metrics read the
    /// lines changed since their base (changed.base, else the run's base), so the report is read once per distinct
    /// base, and conditions on other metrics take the first such reading rather than parsing the report again (a
    /// large coverage report costs seconds a parse); a metric the reader marks not applicable leaves its condition
    /// unevaluated.
    /// </summary>
    private static void EvaluateStandard(GateContext context, MetricReportConfig report, string path, long maxFileBytes, List<ConditionConfig> conditions,
        List<Finding> findings, Dictionary<string, double> values, List<InputDigest> inputs, Dictionary<string, StandardReading> readings,
        SortedDictionary<string, FailedTestsRecord> failedTests, CancellationToken cancellationToken)
    {
        var shards = ReportShards.Resolve(context.Files, report.Id, path, out var problem);
        if (problem is not null)
        {
            findings.Add(problem);
            return;
        }
        // Config validation refuses a standard format without a reader.
        var reader = StandardReaders.For(report.EffectiveFormat)!;
        StandardReading? first = null;
        // Groups with a base first, so that the plain group can reuse a reading.
        foreach (var group in conditions.GroupBy(c => IsNewCode(c.Metric!) ? c.Changed?.Base ?? context.BaseRef : null).OrderBy(g => g.Key is null))
        {
            if (group.Key is null && group.Any(c => IsNewCode(c.Metric!)))
            {
                foreach (var condition in group.Where(c => IsNewCode(c.Metric!)))
                    findings.Add(new Finding(QualityCodes.BaseMissing, condition.Severity,
                        $"{condition.Id}: {condition.Metric} needs a base to find changed lines: set changed.base on the condition, or run with --base REF",
                        new Location(path), condition.Id));
                if (group.All(c => IsNewCode(c.Metric!))) continue;
            }
            var reading = group.Key is null && first is not null ? first : reader.Read(shards,
                ReadContext.WhileChanging(report.Id, maxFileBytes, group.Key is null ? null : NewCode.GitChangedLines.Start(context.Files.Directory, group.Key), context.Files),
                cancellationToken);
            if (!ReferenceEquals(reading, first))
            {
                // A set, not List.Contains: a coverage reading can carry tens of thousands of findings.
                var known = new HashSet<Finding>(findings);
                findings.AddRange(reading.Findings.Where(known.Add));
                inputs.AddRange(reading.Inputs);
            }
            first ??= reading;
            foreach (var condition in group.Where(c => group.Key is not null || !IsNewCode(c.Metric!)))
            {
                readings[condition.Id] = reading;
                if (condition.Metric == TestMetrics.NewFailed && reading.Metrics.ContainsKey(TestMetrics.Total))
                    EvaluateNewFailures(context, report.Id, path, condition, reading, findings, values, readings, failedTests);
                else if (reading.ValueOf(condition.Metric!) is { } value) values[condition.Id] = value;
                else if (!reading.Findings.Any(f => f.Code == QualityCodes.NotApplicable && f.Subject == condition.Metric))
                    findings.Add(new Finding(QualityCodes.MetricMissing, condition.Severity,
                        $"{condition.Id}: report '{report.Id}' ({path}) gives no value for {condition.Metric}", new Location(path), condition.Id));
            }
        }
    }

    /// <summary>
    /// <c>tests.new_failed</c>: the tests that failed now (by full name) and did not fail in the previous recorded run of this gate with
    /// the same profile that read the report; the condition's reading lists only those, so a violation names each at its source. This
    /// run's failures are recorded for the next run. With no such run, or one that listed only part of its failures, the metric is not
    /// applicable (a P2 finding), never 0 by default.
    /// </summary>
    private static void EvaluateNewFailures(GateContext context, string reportId, string path, ConditionConfig condition, StandardReading reading,
        List<Finding> findings, Dictionary<string, double> values, Dictionary<string, StandardReading> readings, SortedDictionary<string, FailedTestsRecord> failedTests)
    {
        var failures = reading.Items.Where(i => i.Code == QualityCodes.TestFailed).ToList();
        failedTests[reportId] = FailedTestsRecord.Of(failures.Select(i => i.Identity!));
        var previous = context.History.LastOrDefault(h => h.Gate == GateName && h.Profile == context.Thresholds.Profile && h.FailedTests?.ContainsKey(reportId) == true);
        var profile = context.Thresholds.Profile is { } p ? $" with profile '{p}'" : " without a profile";
        if (previous?.FailedTests![reportId] is not { } before)
        {
            findings.Add(new Finding(QualityCodes.NotApplicable, Priority.P2,
                $"{condition.Id}: no earlier recorded run of the quality gate{profile} read report '{reportId}', so no failure can be told new: the condition is not evaluated",
                new Location(path), condition.Id));
            return;
        }
        if (!before.Complete)
        {
            findings.Add(new Finding(QualityCodes.NotApplicable, Priority.P2,
                $"{condition.Id}: the previous recorded run ({previous.RunId}) listed {before.Tests.Count} of its {before.Count} failed tests, so no failure can be told new: the condition is not evaluated",
                new Location(path), condition.Id));
            return;
        }
        var failedBefore = before.Tests.ToHashSet(StringComparer.Ordinal);
        var fresh = failures.Where(i => !failedBefore.Contains(i.Identity!)).ToList();
        values[condition.Id] = fresh.Select(i => i.Identity).Distinct(StringComparer.Ordinal).Count();
        readings[condition.Id] = reading with { Items = fresh };
    }

    /// <summary>Metrics about lines changed since a base: they need one.</summary>
    private static bool IsNewCode(string metric) => metric is Coverage.CoverageReportReader.NewLines or "sarif.new";

    private static void EvaluateDocument(InputFile file, List<ConditionConfig> conditions, List<Finding> findings, Dictionary<string, double> values)
    {
        JsonDocument document;
        try
        {
            document = Json.StrictJson.Parse(file.Bytes);
        }
        catch (JsonException e)
        {
            findings.Add(new Finding(QualityCodes.ReportMalformed, Priority.P0, $"{file.RelativePath} is not valid JSON: {JsonErrorText.Of(e)}",
                new Location(file.RelativePath, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1)));
            return;
        }
        using (document)
        {
            foreach (var condition in conditions)
            {
                var location = new Location(file.RelativePath, JsonPath: condition.Pointer);
                if (!JsonPointer.TryResolve(document.RootElement, condition.Pointer, out var value))
                    findings.Add(new Finding(QualityCodes.MetricMissing, condition.Severity,
                        $"{condition.Id}: {file.RelativePath} has no value at '{condition.Pointer}'", location, condition.Id));
                else if (value.ValueKind != JsonValueKind.Number)
                    findings.Add(new Finding(QualityCodes.MetricNotNumeric, condition.Severity,
                        $"{condition.Id}: the value at '{condition.Pointer}' is {Describe(value)}, not a number", location, condition.Id));
                else values[condition.Id] = value.GetDouble();
            }
        }
    }

    private static void EvaluateCases(InputFile file, MetricReportConfig report, List<ConditionConfig> conditions, List<Finding> findings,
        Dictionary<string, double> values, SortedDictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        var aggregators = conditions.Select(c => new CaseAggregator(c)).ToList();
        long cases = 0, lineNumber = 0;
        var malformed = 0;
        ReadOnlyMemory<byte> bytes = file.Bytes;
        while (!bytes.IsEmpty)
        {
            lineNumber++;
            if (lineNumber % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            var newline = bytes.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? bytes : bytes[..newline];
            bytes = newline < 0 ? ReadOnlyMemory<byte>.Empty : bytes[(newline + 1)..];
            if (line.Span.Trim(" \t\r"u8).IsEmpty) continue;
            try
            {
                using var document = Json.StrictJson.Parse(line);
                cases++;
                foreach (var aggregator in aggregators) aggregator.Add(document.RootElement, lineNumber);
            }
            catch (JsonException e)
            {
                // Every malformed line is reported (capped): a silently skipped case would skew every rate.
                if (malformed++ < 20)
                    findings.Add(new Finding(QualityCodes.ReportMalformed, Priority.P0,
                        $"{file.RelativePath} line {lineNumber} is not a JSON value: {JsonErrorText.Of(e)}",
                        new Location(file.RelativePath, (int)lineNumber, (int?)e.BytePositionInLine + 1), report.Id));
            }
        }
        if (malformed > 20)
            findings.Add(new Finding(QualityCodes.ReportMalformed, Priority.P0, $"{file.RelativePath}: {malformed - 20} more malformed lines",
                new Location(file.RelativePath), report.Id));

        metrics[$"{report.Id}.cases_total"] = cases;
        if (cases == 0)
        {
            findings.Add(new Finding(QualityCodes.CasesTotalZero, Priority.P0,
                $"report '{report.Id}' has no cases: a run that evaluated nothing never passes", new Location(file.RelativePath), report.Id));
            return;
        }
        foreach (var aggregator in aggregators)
        {
            var condition = aggregator.Condition;
            if (aggregator.Invalid > 0)
                findings.Add(new Finding(QualityCodes.CaseValueInvalid, condition.Severity,
                    $"{condition.Id}: {aggregator.Invalid} of {cases} cases have no number at '{condition.Pointer}' (first at line {aggregator.FirstInvalidLine})",
                    new Location(file.RelativePath, (int?)aggregator.FirstInvalidLine), condition.Id));
            if (aggregator.Result() is { } result) values[condition.Id] = result;
            else if (aggregator.Invalid == 0)
                findings.Add(new Finding(QualityCodes.MetricMissing, condition.Severity, $"{condition.Id}: no value to aggregate", new Location(file.RelativePath), condition.Id));
        }
    }

    /// <summary>The metric's reference value: the previous run's, or the median of the last <paramref name="runs"/> runs'.</summary>
    private static double? Baseline(IReadOnlyList<HistoryRecord> history, string metric, Baseline baseline, int runs)
    {
        var earlier = history.Where(h => h.Metrics.ContainsKey(metric)).Select(h => h.Metrics[metric]).ToList();
        if (earlier.Count == 0) return null;
        return baseline == Quality.Baseline.Previous ? earlier[^1] : Statistics.Median(earlier.TakeLast(runs).ToList());
    }

    private static Trend TrendOf(string metric, IReadOnlyList<HistoryRecord> history, IReadOnlyDictionary<string, double> current)
    {
        var earlier = history.Where(h => h.Metrics.ContainsKey(metric)).Select(h => h.Metrics[metric]).ToList();
        double? previous = earlier.Count > 0 ? earlier[^1] : null;
        if (!current.TryGetValue(metric, out var now))
            return new Trend(metric, earlier.TakeLast(TrendLength).ToList(), previous, null);
        var values = earlier.TakeLast(TrendLength - 1).Append(now).ToList();
        return new Trend(metric, values, previous, previous is { } p ? Numbers.Subtract(now, p) : null);
    }

    /// <summary>Change in percent from <paramref name="reference"/>, in decimal; from zero, any increase is +∞ and any decrease −∞.</summary>
    private static double PercentChange(double reference, double value)
    {
        var change = Numbers.RelativeChange(reference, value);
        return double.IsInfinity(change) ? change : Numbers.Exact(change) is { } c ? Numbers.ToDouble(c * 100) : change * 100;
    }

    /// <summary>Whether a value meets a threshold, both compared as the decimals they print as (<see cref="Numbers"/>): equal is equal.</summary>
    public static bool Meets(double value, ComparisonOp op, ThresholdValue threshold) => op switch
    {
        ComparisonOp.AtLeast => Numbers.Compare(value, threshold.Value) >= 0,
        ComparisonOp.AtMost => Numbers.Compare(value, threshold.Value) <= 0,
        ComparisonOp.Equal => Numbers.Compare(value, threshold.Value) == 0,
        _ => Numbers.Compare(value, threshold.Value) >= 0 && Numbers.Compare(value, threshold.Max ?? threshold.Value) <= 0,
    };

    private static Finding Violation(ConditionConfig condition, Location location, string message) =>
        new(QualityCodes.ConditionViolated, condition.Severity, message, location, condition.Id);

    private static string OpText(ComparisonOp op) => op switch
    {
        ComparisonOp.AtLeast => ">=",
        ComparisonOp.AtMost => "<=",
        ComparisonOp.Equal => "==",
        _ => "between",
    };

    private static string BaselineName(ConditionConfig c) => c.RelativeTo == Quality.Baseline.Previous ? "previous run" : $"median of last {c.Runs} runs";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static string Format(double d) => Numbers.Format(d);

    private static string FormatSigned(double d) =>
        double.IsInfinity(d) ? (d > 0 ? "+∞" : "−∞") : (d >= 0 ? "+" : "") + Format(d);
}
