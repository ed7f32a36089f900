using GateKit.Gates;
using GateKit.Gates.Quality;
using GateKit.History;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Quality;

/// <summary>Runs the quality gate over standard reports under a root: one report entry, the given conditions.</summary>
public static class StandardReports
{
    public static string ConfigFor(string format, string path, string conditions, string extra = "") => Configs.Quality(conditions,
        $$"""[{ "id": "r", "path": "{{path}}", "format": "{{format}}" }]""", extra).Replace("\"conditions\"", "\"maxFileBytes\": 268435456, \"conditions\"");

    public static string Condition(string metric, string op = ">=", string threshold = "0", string severity = "P1", string id = "c") =>
        $$"""{ "id": "{{id}}", "report": "r", "metric": "{{metric}}", "op": "{{op}}", "threshold": {{threshold}}, "severity": "{{severity}}" }""";

    public static GateOutcome Evaluate(string root, string config, IReadOnlyList<HistoryRecord>? history = null) =>
        new QualityGate().Evaluate(Configs.Context(Configs.Parse(config), root, history: history), CancellationToken.None);

    /// <summary>The metrics of one report: a condition per metric, each always met, so the outcome lists them all.</summary>
    public static GateOutcome Metrics(string root, string format, string path, params string[] metrics) =>
        Evaluate(root, ConfigFor(format, path, string.Join(",", metrics.Select((m, i) => Condition(m, ">=", "-1e300", "P2", $"m{i}")))));

    public static string SamplePath(string relative) => Path.Combine(SchemaAssert.RepositoryRoot, "samples", "dotnet", relative);
}
