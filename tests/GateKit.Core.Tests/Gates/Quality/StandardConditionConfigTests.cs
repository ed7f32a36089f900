using GateKit.Config;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// A condition on a standard report names a metric its format provides and nothing of json/jsonl's; a json/jsonl
/// report has no metric and no glob. Each broken rule is refused at its JSON path, with its line.
/// </summary>
public sealed class StandardConditionConfigTests
{
    private static string Config(string report, string condition) => Configs.Quality(condition, $"[{report}]");

    private const string Trx = """{ "id": "r", "path": "TestResults/**/*.trx", "format": "trx" }""";
    private const string Json = """{ "id": "r", "path": "eval.json" }""";

    public static TheoryData<string, string, string, string> Broken => new()
    {
        { "pointer on a trx report", Trx, """{ "id": "c", "report": "r", "metric": "tests.failed", "pointer": "/failed", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.conditions[0].pointer" },
        { "aggregate on a trx report", Trx, """{ "id": "c", "report": "r", "metric": "tests.failed", "aggregate": "mean", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.conditions[0].aggregate" },
        { "unknown metric", Trx, """{ "id": "c", "report": "r", "metric": "tests.flaky", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.conditions[0].metric" },
        { "coverage metric on a trx report", Trx, """{ "id": "c", "report": "r", "metric": "coverage.line", "op": ">=", "threshold": 0.8, "severity": "P0" }""", "$.gates.quality.conditions[0].metric" },
        { "no metric on a trx report", Trx, """{ "id": "c", "report": "r", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.conditions[0]" },
        { "sarif rule without an id", """{ "id": "r", "path": "a.sarif", "format": "sarif" }""", """{ "id": "c", "report": "r", "metric": "sarif.rule.", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.conditions[0].metric" },
        { "benchmark without a unit", """{ "id": "r", "path": "b.json", "format": "benchmarkdotnet" }""", """{ "id": "c", "report": "r", "metric": "benchmark.A.B", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.conditions[0].metric" },
        { "metric on a json report", Json, """{ "id": "c", "report": "r", "metric": "tests.failed", "pointer": "/failed", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.conditions[0].metric" },
        { "glob on a json report", """{ "id": "r", "path": "reports/*.json" }""", """{ "id": "c", "report": "r", "pointer": "/a", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.reports[0].path" },
        { "relativeTo on tests.new_failed", Trx, """{ "id": "c", "report": "r", "metric": "tests.new_failed", "op": "<=", "threshold": 0, "severity": "P0", "relativeTo": "previous" }""", "$.gates.quality.conditions[0].relativeTo" },
        { "unusable glob", """{ "id": "r", "path": "**/../**/*.trx", "format": "trx" }""", """{ "id": "c", "report": "r", "metric": "tests.failed", "op": "<=", "threshold": 0, "severity": "P0" }""", "$.gates.quality.reports[0].path" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_rule_is_refused_at_its_path(string name, string report, string condition, string path)
    {
        var refused = Assert.Throws<ConfigException>(() => Configs.Parse(Config(report, condition)));
        Assert.True(refused.Errors.Any(e => e.JsonPath == path && e.Line > 0), $"{name}: {string.Join("; ", refused.Errors.Select(e => $"{e.JsonPath} {e.Problem}"))}");
    }

    [Theory]
    [InlineData("trx", "tests.pass_rate")]
    [InlineData("junit", "tests.duration_s")]
    [InlineData("trx", "tests.new_failed")]
    [InlineData("sarif", "sarif.rule.CA2000")]
    [InlineData("sarif", "sarif.note")]
    [InlineData("benchmarkdotnet", "benchmark.Ns.Type.Method(N: 10).allocated_bytes")]
    public void A_metric_of_its_format_is_accepted(string format, string metric) =>
        Configs.Parse(Config($$"""{ "id": "r", "path": "reports/**/*.x", "format": "{{format}}" }""",
            $$"""{ "id": "c", "report": "r", "metric": "{{metric}}", "op": ">=", "threshold": 0, "severity": "P1" }"""));
}
