using System.Text;
using System.Text.Json.Nodes;
using GateKit.History;
using GateKit.Output;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Schemas;

/// <summary>What ResultJsonContext writes must validate against schemas/result.schema.json and history.schema.json.</summary>
public sealed class ResultSchemaTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    internal static RunResult FullResult() => new(
        SchemaVersion: 1,
        Tool: new ToolInfo("gatekit", "0.1.0"),
        RunId: "20250101T120000Z-9f86d081",
        StartedAt: "2025-01-01T12:00:00Z",
        FinishedAt: "2025-01-01T12:00:03Z",
        Git: new GitInfo("refs/heads/main", "0123456789abcdef0123456789abcdef01234567"),
        Profile: "prod",
        Tag: "v1.2.3",
        Deterministic: true,
        Interrupted: true,
        Decision: Decision.NoGo,
        ReasonCodes: ["metric_below_threshold"],
        Conditions: [new RunCondition("release", GateStatus.Warn, ["monitoring_alert"])],
        Gates:
        [
            new GateResult(
                Name: "quality",
                Status: GateStatus.Fail,
                ReasonCodes: ["metric_below_threshold"],
                Findings:
                [
                    new Finding("metric_below_threshold", Priority.P0, "accuracy 0.8 < 0.9",
                        new Location("reports/eval.json", 3, 14, "$.accuracy"), "accuracy",
                        new WaiverMark("w1", "alice", "known flake", "CHG-42", "2025-02-01")),
                    new Finding("trend_note", Priority.P2, "latency rose"),
                ],
                Metrics: new Dictionary<string, double> { ["accuracy"] = 0.8, ["latency.p95"] = 1.5e-7 },
                Thresholds:
                [
                    new ThresholdUse("quality.accuracy", ">=", 0.9, null, "profile:prod", Priority.P0),
                    new ThresholdUse("quality.latency", "between", 0.5, 2, "override", Priority.P1),
                ],
                Inputs: [new InputDigest("reports/eval.json", Sha, 1234)],
                Trends: [new Trend("accuracy", [0.91, 0.9, 0.8], 0.9, -0.1)]),
            new GateResult("release", GateStatus.Warn, [], [], new Dictionary<string, double>(), [], [], [new Trend("size", [], null, null)]),
            new GateResult("promotion", GateStatus.Warn, ["drill_missing"], [], new Dictionary<string, double>(), [], [], [])
            {
                Promotion = new GateKit.Gates.Promotion.PromotionVerdict(GateKit.Gates.Promotion.PromotionDecision.Hold, ["drills"], ["drill_missing", "backlog_evidence_missing"],
                    ["backlog"], "2025-01-01T12:00:00Z", "carol", FailOnHold: false, SkipOnMissingEvidence: true),
            },
        ],
        Config: new InputDigest("gatekit.json", Sha, 512));

    internal static RunResult MinimalResult() => new(
        1, new ToolInfo("gatekit", "0.1.0"), "20250101T120000Z-00000000", "2025-01-01T12:00:00Z", "2025-01-01T12:00:00Z",
        Git: null, Profile: null, Tag: null, Deterministic: false, Interrupted: false, Decision.NoGo,
        ReasonCodes: [], Conditions: [], Gates: [], Config: new InputDigest("gatekit.json", Sha, 0));

    private static HistoryRecord FullHistory() =>
        new(1, "20250101T120000Z-9f86d081", "2025-01-01T12:00:03Z", "quality", "prod", GateStatus.Partial,
            new Dictionary<string, double> { ["accuracy"] = 0.8, ["cases"] = 120 });

    [Fact]
    public void A_fully_populated_result_validates()
    {
        var json = CanonicalJson.Serialize(FullResult(), ResultJsonContext.Default.RunResult);
        // Every optional member is present, so the schema sees every property it declares.
        var text = Encoding.UTF8.GetString(json);
        foreach (var name in new[] { "\"git\"", "\"profile\"", "\"tag\"", "\"location\"", "\"jsonPath\"", "\"waiver\"", "\"approvalRef\"", "\"max\"", "\"previous\"", "\"delta\"", "\"severity\"", "\"evaluatedBy\"", "\"missingEvidence\"" })
            Assert.Contains(name, text);
        SchemaAssert.ValidResult(json);
    }

    [Fact]
    public void A_minimal_result_with_nulls_omitted_validates()
    {
        var json = CanonicalJson.Serialize(MinimalResult(), ResultJsonContext.Default.RunResult);
        Assert.DoesNotContain("null", Encoding.UTF8.GetString(json));
        SchemaAssert.ValidResult(json);
    }

    [Fact]
    public void A_finding_carries_its_severity_from_its_priority()
    {
        var json = CanonicalJson.Serialize(FullResult(), ResultJsonContext.Default.RunResult);
        var findings = JsonNode.Parse(json)!["gates"]![0]!["findings"]!.AsArray();
        Assert.Equal("error", (string?)findings[0]!["severity"]);
        Assert.Equal("note", (string?)findings[1]!["severity"]);
    }

    [Theory]
    [InlineData("extra property at the root", "$", "unexpected", "true")]
    [InlineData("extra property in a finding", "$.gates[0].findings[0]", "unexpected", "1")]
    [InlineData("extra property in an input digest", "$.gates[0].inputs[0]", "md5", "\"x\"")]
    [InlineData("extra property in a promotion verdict", "$.gates[2].promotion", "status", "\"warn\"")]
    public void A_result_with_an_extra_property_fails(string because, string at, string property, string value)
    {
        var node = JsonNode.Parse(CanonicalJson.Serialize(FullResult(), ResultJsonContext.Default.RunResult))!;
        var target = at == "$" ? node : Navigate(node, at);
        target.AsObject()[property] = JsonNode.Parse(value);

        var errors = SchemaAssert.Errors(SchemaAssert.ResultSchema, node.ToJsonString());
        Assert.True(errors.Count > 0, because);
        Assert.Contains(errors, e => e.Contains("(schema ", StringComparison.Ordinal) && e.EndsWith("/additionalProperties)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("upper-case hex", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData("too short", "9f86d081")]
    [InlineData("not hex", "zf86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void A_digest_that_is_not_64_lower_case_hex_fails(string because, string sha)
    {
        var result = MinimalResult() with { Config = new InputDigest("gatekit.json", sha, 1) };
        var errors = SchemaAssert.Errors(SchemaAssert.ResultSchema, Encoding.UTF8.GetString(CanonicalJson.Serialize(result, ResultJsonContext.Default.RunResult)));
        Assert.True(errors.Count > 0, because);
    }

    [Fact]
    public void A_history_record_validates()
    {
        var line = Encoding.UTF8.GetString(CanonicalJson.Serialize(FullHistory(), ResultJsonContext.Default.HistoryRecord));
        SchemaAssert.ValidHistoryLine(line);
    }

    [Fact]
    public void A_history_record_without_a_profile_validates()
    {
        var line = Encoding.UTF8.GetString(CanonicalJson.Serialize(FullHistory() with { Profile = null }, ResultJsonContext.Default.HistoryRecord));
        Assert.DoesNotContain("profile", line);
        SchemaAssert.ValidHistoryLine(line);
    }

    [Fact]
    public void A_history_record_with_an_extra_property_fails()
    {
        var node = JsonNode.Parse(CanonicalJson.Serialize(FullHistory(), ResultJsonContext.Default.HistoryRecord))!;
        node["metric"] = 1;
        Assert.NotEmpty(SchemaAssert.Errors(SchemaAssert.HistorySchema, node.ToJsonString()));
    }

    [Theory]
    [InlineData("gatekit.schema.json")]
    [InlineData("result.schema.json")]
    [InlineData("history.schema.json")]
    [InlineData("merge.schema.json")]
    public void Core_embeds_each_schema_as_published(string fileName)
    {
        using var stream = typeof(CanonicalJson).Assembly.GetManifestResourceStream($"schemas/{fileName}");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.Equal(File.ReadAllText(SchemaAssert.SchemaPath(fileName)), reader.ReadToEnd());
    }

    private static JsonNode Navigate(JsonNode node, string path)
    {
        // Only the simple ".name" and "[index]" steps the tests above use.
        foreach (var step in path[1..].Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = step.IndexOf('[');
            var name = bracket < 0 ? step : step[..bracket];
            node = node[name]!;
            if (bracket >= 0) node = node[int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }
        return node;
    }
}
