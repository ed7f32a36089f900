using GateKit.Gates.Quality;
using GateKit.History;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates;

public sealed class QualityGateTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    private GateKit.Gates.GateOutcome Evaluate(string config, string cases, IReadOnlyList<HistoryRecord>? history = null, string? profile = null, IReadOnlyList<string>? sets = null)
    {
        _root.Write("data/cases.jsonl", cases);
        var parsed = Configs.Parse(config);
        return new QualityGate().Evaluate(Configs.Context(parsed, _root.Path, history: history, profile: profile, sets: sets), CancellationToken.None);
    }

    private static string Cases(params string[] lines) => string.Join("\n", lines) + "\n";

    private static readonly string TenCases = Cases(Enumerable.Range(1, 10).Select(i =>
        $$"""{"passed":{{(i <= 8 ? "true" : "false")}},"latency":{{i * 100}},"label":"{{(i % 2 == 0 ? "even" : "odd")}}"}""").ToArray());

    [Theory]
    [InlineData("rate", "/passed", 0.8)]
    [InlineData("count", "", 10)]
    [InlineData("count", "/latency", 10)]
    [InlineData("mean", "/latency", 550)]
    [InlineData("p50", "/latency", 500)]   // nearest rank: ceil(0.5*10) = 5th value
    [InlineData("p95", "/latency", 1000)]  // ceil(0.95*10) = 10th value
    public void Aggregates_over_cases(string aggregate, string pointer, double expected)
    {
        var outcome = Evaluate(Configs.Quality($$"""{ "id": "m", "report": "cases", "aggregate": "{{aggregate}}", "pointer": "{{pointer}}", "op": ">=", "threshold": 0, "severity": "P1" }"""), TenCases);
        Assert.Equal(expected, outcome.Metrics["m"], 9);
        Assert.Equal(10, outcome.Metrics["cases.cases_total"]);
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public void Rate_with_an_expected_value_counts_equal_cases()
    {
        var outcome = Evaluate(Configs.Quality("""{ "id": "m", "report": "cases", "aggregate": "rate", "pointer": "/label", "equals": "even", "op": ">=", "threshold": 0, "severity": "P1" }"""), TenCases);
        Assert.Equal(0.5, outcome.Metrics["m"]);
    }

    [Theory]
    [InlineData(">=", "0.9", "P0", GateStatus.Fail)]
    [InlineData(">=", "0.8", "P0", GateStatus.Pass)]
    [InlineData("<=", "0.7", "P1", GateStatus.Warn)]
    [InlineData("==", "0.8", "P1", GateStatus.Pass)]
    [InlineData("==", "0.81", "P2", GateStatus.Pass)]
    [InlineData("between", "[0.5, 0.79]", "P0", GateStatus.Fail)]
    [InlineData("between", "[0.8, 0.8]", "P0", GateStatus.Pass)]
    public void Conditions_compare_with_their_operator(string op, string threshold, string severity, GateStatus expected)
    {
        var outcome = Evaluate(Configs.Quality($$"""{ "id": "pass_rate", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": "{{op}}", "threshold": {{threshold}}, "severity": "{{severity}}" }"""), TenCases);
        Assert.Equal(expected, outcome.Rules.StatusOf(outcome.Findings));
        if (expected != GateStatus.Pass) Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.ConditionViolated && f.Subject == "pass_rate");
    }

    [Theory]
    [InlineData(0, 0, 0, GateStatus.Pass)]
    [InlineData(0, 1, 0, GateStatus.Warn)]
    [InlineData(0, 2, 0, GateStatus.Partial)]
    [InlineData(1, 0, 0, GateStatus.Fail)]
    [InlineData(0, 0, 5, GateStatus.Pass)]  // P2 only, up to p2WarnAt: pass with notes
    [InlineData(0, 0, 6, GateStatus.Warn)]  // more than p2WarnAt
    public void Priorities_map_to_status(int p0, int p1, int p2, GateStatus expected)
    {
        var conditions = Enumerable.Range(0, p0).Select(i => ("P0", i)).Concat(Enumerable.Range(0, p1).Select(i => ("P1", i)))
            .Concat(Enumerable.Range(0, p2).Select(i => ("P2", i)))
            .Select(c => $$"""{ "id": "{{c.Item1}}_{{c.Item2}}", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 1, "severity": "{{c.Item1}}" }""")
            .DefaultIfEmpty("""{ "id": "ok", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 0, "severity": "P0" }""");
        var outcome = Evaluate(Configs.Quality(string.Join(",", conditions)), TenCases);
        Assert.Equal(expected, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void Zero_cases_fail(string content)
    {
        var outcome = Evaluate(Configs.Quality("""{ "id": "m", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 0, "severity": "P2" }"""), content);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(QualityCodes.CasesTotalZero, finding.Code);
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Fact]
    public void Malformed_lines_are_findings_with_their_line_number()
    {
        var outcome = Evaluate(Configs.Quality("""{ "id": "m", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 0, "severity": "P2" }"""),
            Cases("""{"passed":true}""", """{"passed":tru""", """{"passed":false}""", """{"passed": NaN}"""));
        var malformed = outcome.Findings.Where(f => f.Code == QualityCodes.ReportMalformed).ToList();
        Assert.Equal([2, 4], malformed.Select(f => f.Location!.Line!.Value));
        Assert.Equal(2, outcome.Metrics["m"]);
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Fact]
    public void Non_numeric_case_values_are_reported_and_left_out()
    {
        var outcome = Evaluate(Configs.Quality("""{ "id": "lat", "report": "cases", "aggregate": "mean", "pointer": "/latency", "op": "<=", "threshold": 1000, "severity": "P1" }"""),
            Cases("""{"latency":100}""", """{"latency":"fast"}""", """{"latency":300}""", """{}"""));
        Assert.Equal(200, outcome.Metrics["lat"]);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(QualityCodes.CaseValueInvalid, finding.Code);
        Assert.Equal(2, finding.Location!.Line);
        Assert.Contains("2 of 4", finding.Message);
    }

    [Theory]
    [InlineData("""{"metrics":{"score":"0.9"}}""", QualityCodes.MetricNotNumeric)]
    [InlineData("""{"metrics":{"score":"NaN"}}""", QualityCodes.MetricNotNumeric)]
    [InlineData("""{"metrics":{"score":null}}""", QualityCodes.MetricNotNumeric)]
    [InlineData("""{"metrics":{}}""", QualityCodes.MetricMissing)]
    [InlineData("""{"metrics":{"score":NaN}}""", QualityCodes.ReportMalformed)]
    [InlineData("""{"metrics":""", QualityCodes.ReportMalformed)]
    public void A_json_report_with_a_bad_metric_is_a_finding_not_a_crash(string report, string code)
    {
        _root.Write("summary.json", report);
        var outcome = Evaluate(Configs.Quality("""{ "id": "score", "report": "summary", "pointer": "/metrics/score", "op": ">=", "threshold": 0.5, "severity": "P0" }""",
            """[{ "id": "summary", "path": "summary.json" }]"""), "");
        Assert.Equal(code, Assert.Single(outcome.Findings).Code);
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Theory]
    [InlineData("missing.json", QualityCodes.ReportMissing)]
    [InlineData("../outside.json", QualityCodes.PathOutsideRoot)]
    [InlineData("/etc/hostname", QualityCodes.PathOutsideRoot)]
    [InlineData("data", QualityCodes.ReportMissing)]
    public void An_unreachable_report_is_a_P0_finding(string path, string code)
    {
        var outcome = Evaluate(Configs.Quality("""{ "id": "score", "report": "summary", "pointer": "/x", "op": ">=", "threshold": 0.5, "severity": "P2" }""",
            $$"""[{ "id": "summary", "path": "{{path}}" }]"""), "");
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(Priority.P0, finding.Priority);
        Assert.Empty(outcome.Inputs);
    }

    [Fact]
    public void Inputs_are_digested()
    {
        var outcome = Evaluate(Configs.Quality("""{ "id": "m", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 0, "severity": "P2" }"""), "{}\n");
        var input = Assert.Single(outcome.Inputs);
        Assert.Equal("data/cases.jsonl", input.Path);
        // sha256("{}\n")
        Assert.Equal("ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356", input.Sha256);
        Assert.Equal(3, input.Size);
    }

    private static HistoryRecord Run(int n, double value) =>
        new(1, $"run{n}", "2026-11-01T00:00:00.000Z", "quality", null, GateStatus.Pass, new Dictionary<string, double> { ["m"] = value });

    [Theory]
    [InlineData("previous", 10, new[] { 100.0, 200.0 }, 219, false)]  // +9.5% vs 200
    [InlineData("previous", 10, new[] { 100.0, 200.0 }, 221, true)]   // +10.5% vs 200
    [InlineData("median", 10, new[] { 100.0, 200.0, 300.0 }, 219, false)] // +9.5% vs the median 200
    [InlineData("median", 10, new[] { 100.0, 200.0, 300.0 }, 330, true)]
    public void Relative_conditions_compare_with_history(string baseline, double percent, double[] earlier, double now, bool violated)
    {
        var history = earlier.Select((v, i) => Run(i, v)).ToList();
        var cases = Cases($$"""{"v":{{now}}}""");
        var outcome = Evaluate(Configs.Quality($$"""{ "id": "m", "report": "cases", "aggregate": "mean", "pointer": "/v", "op": "<=", "threshold": {{percent}}, "relativeTo": "{{baseline}}", "severity": "P1" }"""), cases, history);
        Assert.Equal(violated, outcome.Findings.Any(f => f.Code == QualityCodes.ConditionViolated));
    }

    [Fact]
    public void Relative_condition_without_history_is_a_note()
    {
        var outcome = Evaluate(Configs.Quality("""{ "id": "m", "report": "cases", "aggregate": "mean", "pointer": "/v", "op": "<=", "threshold": 10, "relativeTo": "previous", "severity": "P0" }"""), Cases("""{"v":1}"""));
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal((QualityCodes.BaselineMissing, Priority.P2), (finding.Code, finding.Priority));
    }

    [Fact]
    public void Trend_holds_the_last_ten_values_and_the_delta()
    {
        var history = Enumerable.Range(1, 12).Select(i => Run(i, i)).ToList();
        var outcome = Evaluate(Configs.Quality("""{ "id": "m", "report": "cases", "aggregate": "mean", "pointer": "/v", "op": "<=", "threshold": 100, "severity": "P1" }"""), Cases("""{"v":20}"""), history);
        var trend = Assert.Single(outcome.Trends);
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11, 12, 20], trend.Values);
        Assert.Equal(12, trend.Previous);
        Assert.Equal(8, trend.Delta);
    }

    [Fact]
    public void Thresholds_record_their_source()
    {
        var config = Configs.Quality(
            """{ "id": "a", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 0.5, "severity": "P0" }, { "id": "b", "report": "cases", "aggregate": "p95", "pointer": "/latency", "op": "<=", "threshold": 900, "severity": "P1" }, { "id": "c", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 1, "severity": "P2" }""",
            extra: """ "profiles": { "prod": { "thresholds": { "quality.a": 0.9, "quality.b": 800 } } }, """);
        var outcome = Evaluate(config, TenCases, profile: "prod", sets: ["quality.b=1000"]);
        Assert.Equal(["profile:prod", "override", "default"], outcome.Thresholds.Select(t => t.Source));
        Assert.Equal([0.9, 1000, 1], outcome.Thresholds.Select(t => t.Value));
        // a: 0.8 < 0.9 (P0, from the profile) fails; b: p95 1000 <= 1000 (override) passes.
        Assert.Equal(["a"], outcome.Findings.Select(f => f.Subject));
    }
}
