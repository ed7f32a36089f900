using System.Text;
using System.Text.Json.Nodes;
using GateKit.Config;
using GateKit.Engine;
using GateKit.Gates;
using GateKit.Output;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Always;

/// <summary>
/// A gate is one folder: the test-only <see cref="AlwaysGate"/>, registered by one catalogue line, is read, validated,
/// run, recorded in result.json and summary.md, and described by the composed gatekit.schema.json.
/// </summary>
public sealed class AlwaysGateTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly IDisposable _catalog = GateCatalog.With(new AlwaysGateDescriptor());

    public void Dispose()
    {
        _catalog.Dispose();
        _root.Dispose();
    }

    private static string Config(string always) => $$"""
        {
          "schemaVersion": 1,
          "profiles": { "strict": { "thresholds": { "always.minimum": 5 } } },
          "gates": {
            "always": {{always}}
          }
        }
        """;

    private RunResult Run(string always, string? profile = null, IReadOnlyList<string>? sets = null)
    {
        var path = _root.Write("gatekit.json", Config(always));
        var request = new RunOptions(path, [], profile, sets ?? [], null, null, true, new ToolInfo("gatekit", "0.0.0-test"));
        var loaded = ConfigLoader.Load(path);
        var prepared = new PreparedRun(request, loaded, RunEvaluator.SelectGates(loaded.Config, request.Gates), new FixedClock(Configs.Now), null, [], null);
        return RunEvaluator.Evaluate(prepared, CancellationToken.None);
    }

    [Theory]
    [InlineData("""{ "value": -1 }""", "$.gates.always.value", 5, "must be a finite number, at least 0")]
    [InlineData("""{ "value": 2, "extra": 1 }""", "$.gates.always.extra", 5, "unknown property 'extra'")]
    [InlineData("""{ "value": "two" }""", "$.gates.always.value", 5, "expected a number")]
    [InlineData("""{ }""", "$.gates.always", 5, "missing required property")]
    [InlineData("""null""", null, 0, null)]
    public void Its_section_is_read_and_validated_as_the_built_in_ones_are(string always, string? path, int line, string? problem)
    {
        var bytes = Encoding.UTF8.GetBytes(Config(always));
        if (path is null)
        {
            // A null section is an unconfigured gate, as for every built-in gate: nothing left to run.
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(bytes, "gatekit.json"));
            Assert.Contains(e.Errors, x => x.JsonPath == "$.gates" && x.Problem == "no gate is configured");
            return;
        }
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(bytes, "gatekit.json"));
        Assert.Contains(error.Errors, x => x.JsonPath == path && x.Line == line && x.Problem.StartsWith(problem!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, 3.0, GateStatus.Pass)]
    [InlineData("strict", null, 3.0, GateStatus.Warn)]
    [InlineData(null, "always.minimum=2", 3.0, GateStatus.Pass)]
    [InlineData(null, "always.minimum=4", 3.0, GateStatus.Warn)]
    public void It_runs_with_its_threshold_and_appears_in_the_result_and_summary(string? profile, string? set, double value, GateStatus expected)
    {
        var result = Run($$"""{ "value": {{value}} }""", profile, set is null ? [] : [set]);

        var gate = Assert.Single(result.Gates);
        Assert.Equal(("always", expected, value), (gate.Name, gate.Status, gate.Metrics["value"]));
        Assert.Equal(AlwaysGateDescriptor.MinimumKey, Assert.Single(gate.Thresholds).Key);
        var json = JsonNode.Parse(CanonicalJson.Serialize(result, ResultJsonContext.Default.RunResult))!;
        Assert.Equal("always", json["gates"]![0]!["name"]!.GetValue<string>());
        var summary = MarkdownSummary.Render(result, new SummaryOptions());
        Assert.Contains("### Always\n\n**Value** 3\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_schema_fragment_lands_in_the_composed_schema()
    {
        var schema = JsonNode.Parse(ConfigSchema.Compose(GateCatalog.Descriptors))!["definitions"]!;
        Assert.Equal("Always gate", schema["always"]!["title"]!.GetValue<string>());
        Assert.Equal("#/definitions/always", schema["gates"]!["properties"]!["always"]!["$ref"]!.GetValue<string>());
        Assert.Contains("always", schema["waiver"]!["properties"]!["gate"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Every_problem_of_its_section_is_reported_against_the_composed_schema()
    {
        var error = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Parse(Encoding.UTF8.GetBytes(Config("""{ "value": "two", "extra": 1 }""")), "gatekit.json"));
        Assert.Equal(["$.gates.always.value", "$.gates.always.extra"], error.Errors.Select(e => e.JsonPath));
    }

    [Fact]
    public void Outside_its_catalogue_scope_the_gate_is_unknown()
    {
        _catalog.Dispose();
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Encoding.UTF8.GetBytes(Config("""{ "value": 1 }""")), "gatekit.json"));
        Assert.Contains(error.Errors, x => x.JsonPath == "$.gates.always" && x.Problem == "unknown property 'always'");
    }
}
