using System.Text.Json;
using GateKit.Output.Reports;
using GateKit.Results;
using TestRuns = GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Output.Reports;

/// <summary>The SARIF writer against the SARIF 2.1.0 rules it relies on, GitHub's upload limits, and hostile text.</summary>
public sealed class SarifReportTests
{
    // Written from the OASIS SARIF 2.1.0 specification (sections 3.13 sarifLog, 3.14 run, 3.18-3.19 tool and
    // toolComponent, 3.20 invocation, 3.27 result, 3.28 location, 3.29 physicalLocation, 3.30 region,
    // 3.34 suppression, 3.49 reportingDescriptor, 3.58 notification): the required properties, types and enumerations.
    private static readonly GateKit.Gates.Release.ArtifactSchemaValidator Schema = ReportAssert.Schema("""
    {
      "type": "object", "required": ["version", "runs"],
      "properties": {
        "$schema": { "type": "string", "format": "uri" },
        "version": { "enum": ["2.1.0"] },
        "runs": { "type": "array", "minItems": 1, "maxItems": 1, "items": { "$ref": "#/definitions/run" } }
      },
      "definitions": {
        "message": { "type": "object", "required": ["text"], "properties": { "text": { "type": "string" } } },
        "run": {
          "type": "object", "required": ["tool"],
          "properties": {
            "tool": { "type": "object", "required": ["driver"], "properties": { "driver": {
              "type": "object", "required": ["name"],
              "properties": {
                "name": { "type": "string", "minLength": 1 }, "version": { "type": "string" },
                "rules": { "type": "array", "items": { "type": "object", "required": ["id"], "properties": {
                  "id": { "type": "string", "minLength": 1 }, "name": { "type": "string" },
                  "shortDescription": { "$ref": "#/definitions/message" }, "help": { "$ref": "#/definitions/message" } } } } } } } },
            "invocations": { "type": "array", "items": { "type": "object", "required": ["executionSuccessful"], "properties": {
              "executionSuccessful": { "type": "boolean" },
              "toolExecutionNotifications": { "type": "array", "items": { "type": "object", "required": ["message"], "properties": {
                "message": { "$ref": "#/definitions/message" }, "level": { "enum": ["none", "note", "warning", "error"] } } } } } } },
            "results": { "type": "array", "maxItems": 25000, "items": { "$ref": "#/definitions/result" } },
            "properties": { "type": "object" }
          }
        },
        "result": {
          "type": "object", "required": ["message", "ruleId", "locations", "partialFingerprints"],
          "properties": {
            "ruleId": { "type": "string" }, "ruleIndex": { "type": "integer", "minimum": -1 },
            "level": { "enum": ["none", "note", "warning", "error"] },
            "message": { "$ref": "#/definitions/message" },
            "locations": { "type": "array", "minItems": 1, "items": { "type": "object", "required": ["physicalLocation"], "properties": {
              "physicalLocation": { "type": "object", "required": ["artifactLocation"], "properties": {
                "artifactLocation": { "type": "object", "required": ["uri"], "properties": { "uri": { "type": "string", "minLength": 1 } } },
                "region": { "type": "object", "required": ["startLine"], "properties": {
                  "startLine": { "type": "integer", "minimum": 1 }, "startColumn": { "type": "integer", "minimum": 1 } } } } } } } },
            "partialFingerprints": { "type": "object", "additionalProperties": { "type": "string" } },
            "suppressions": { "type": "array", "items": { "type": "object", "required": ["kind"], "properties": {
              "kind": { "enum": ["inSource", "external"] }, "justification": { "type": "string" },
              "status": { "enum": ["accepted", "underReview", "rejected"] } } } },
            "properties": { "type": "object" }
          }
        }
      }
    }
    """);

    private static JsonElement Run(byte[] bytes) => JsonDocument.Parse(bytes).RootElement.GetProperty("runs")[0];

    [Fact]
    public void An_ordinary_run_follows_the_SARIF_rules_with_levels_locations_and_suppressions()
    {
        var bytes = new SarifReport().Write(ReportRuns.Ordinary());
        ReportAssert.Valid(Schema, bytes);
        var run = Run(bytes);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["artifact_missing", "condition_violated", "monitoring_alert", "nothing_evaluated", "schema_violation"], rules);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        foreach (var r in results) Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()]);
        Assert.Equal(["error", "warning", "note", "warning", "note"], results.Select(r => r.GetProperty("level").GetString()));

        var located = results[1].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("dist/meta.json", located.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(7, located.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(3, located.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.False(results[0].GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _), "no line, no region");
        Assert.Equal("gatekit.json", results[4].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());

        var waived = results.Where(r => r.TryGetProperty("suppressions", out _)).ToList();
        var suppression = Assert.Single(waived).GetProperty("suppressions")[0];
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Contains("accepted until the fix ships", suppression.GetProperty("justification").GetString());
        Assert.False(run.GetProperty("properties").GetProperty("gatekit").TryGetProperty("trimmed", out _));
    }

    [Fact]
    public void Each_rule_s_text_is_the_code_catalogue_s_so_code_scanning_shows_what_gatekit_explain_says()
    {
        var rules = Run(new SarifReport().Write(ReportRuns.Ordinary())).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            var doc = GateKit.Results.CodeCatalog.Find(rule.GetProperty("id").GetString()!).First();
            Assert.Equal(doc.Meaning, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.StartsWith(doc.Fix, rule.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_result_gives_the_same_bytes_and_fingerprints_survive_a_moved_line()
    {
        var writer = new SarifReport();
        Assert.Equal(writer.Write(ReportRuns.Ordinary()), writer.Write(ReportRuns.Ordinary()));
        static List<string?> Fingerprints(byte[] b) => Run(b).GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty(SarifReport.FingerprintKey).GetString()).ToList();
        var before = Fingerprints(writer.Write(ReportRuns.Ordinary(line: 7)));
        Assert.Equal(before, Fingerprints(writer.Write(ReportRuns.Ordinary(line: 70))));
        Assert.Equal(before.Count, before.Distinct().Count());
        Assert.All(before, f => Assert.Matches("^[0-9a-f]{64}$", f));
    }

    [Fact]
    public void Hostile_messages_and_file_names_stay_valid_clean_and_bounded()
    {
        var bytes = new SarifReport().Write(ReportRuns.Hostile());
        ReportAssert.Valid(Schema, bytes);
        Assert.True(bytes.Length < SarifReport.MaxBytes, "clipped messages and file names keep the file small");
        var results = ReportAssert.CleanJson(bytes).GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("message").GetProperty("text").GetString() == "]]> <![CDATA[ x ]]>");
        Assert.Contains(results, r => r.GetProperty("message").GetProperty("text").GetString() == "<script>&amp;&lt;\"'</script>");
        Assert.Contains(results, r => r.GetProperty("message").GetProperty("text").GetString() == "\t\n\r");
        Assert.Contains(results, r => r.GetProperty("message").GetProperty("text").GetString() == "lone high \uFFFD lone low \uFFFD end high \uFFFD");
        var huge = results.Single(r => r.GetProperty("ruleId").GetString() == "huge_message").GetProperty("message").GetProperty("text").GetString()!;
        Assert.InRange(huge.Length, ReportText.MaxMessageLength, ReportText.MaxMessageLength + 200);
        Assert.Contains("clipped", huge);
        foreach (var r in results)
        {
            var uri = r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.True(Uri.TryCreate(uri, UriKind.Relative, out _), $"not a relative URI reference: {uri[..Math.Min(uri.Length, 80)]}");
            Assert.DoesNotContain(uri, c => c is '\n' or '\r' or ' ' or '#' or '?' or '<');
        }
    }

    [Fact]
    public void More_results_than_code_scanning_accepts_keeps_the_most_severe_and_says_so()
    {
        var findings = Enumerable.Range(0, SarifReport.MaxResults + 10)
            .Select(i => new Finding(i < SarifReport.MaxResults ? "minor" : "major", i < SarifReport.MaxResults ? Priority.P2 : Priority.P0, $"finding {i}"))
            .ToList();
        var bytes = new SarifReport().Write(TestRuns.Run("many", Decision.NoGo, TestRuns.Gate("quality", GateStatus.Fail, findings)));
        ReportAssert.Valid(Schema, bytes);
        var run = Run(bytes);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(SarifReport.MaxResults, results.Count);
        Assert.Equal(10, results.Count(r => r.GetProperty("level").GetString() == "error"));
        Assert.Equal(SarifReport.MaxResults + 10, run.GetProperty("properties").GetProperty("gatekit").GetProperty("trimmed").GetProperty("total").GetInt32());
        var note = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString();
        Assert.Contains("10 of 25010 findings left out", note);
    }

    [Fact]
    public void A_file_over_10_MB_compressed_is_trimmed_below_it()
    {
        // Random letters compress to about 6 of 8 bits: 4,000 findings of 4 KB are about 12 MB compressed.
        var random = new Random(19);
        var findings = Enumerable.Range(0, 4000)
            .Select(i => new Finding("long", Priority.P1, string.Create(ReportText.MaxMessageLength, random, (span, r) => { for (var c = 0; c < span.Length; c++) span[c] = (char)r.Next('0', 'z' + 1); })))
            .ToList();
        var bytes = new SarifReport().Write(TestRuns.Run("big", Decision.NoGo, TestRuns.Gate("quality", GateStatus.Warn, findings)));
        Assert.InRange(SarifReport.CompressedSize(bytes), SarifReport.MaxBytes / 2, SarifReport.MaxBytes);
        var gatekit = Run(bytes).GetProperty("properties").GetProperty("gatekit");
        Assert.Equal(4000, gatekit.GetProperty("trimmed").GetProperty("total").GetInt32());
        Assert.InRange(gatekit.GetProperty("trimmed").GetProperty("kept").GetInt32(), 1, 3999);
    }
}
