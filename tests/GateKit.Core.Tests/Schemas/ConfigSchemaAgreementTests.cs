using System.Text;
using GateKit.Config;
using GateKit.Tests.Support;

namespace GateKit.Tests.Schemas;

/// <summary>
/// schemas/gatekit.schema.json and ConfigLoader must agree: a document one accepts the other accepts.
/// Only rules a schema can express are in this table (unique ids and references are the validator's alone).
/// </summary>
public sealed class ConfigSchemaAgreementTests
{
    internal const string Minimal = """
        {
          "schemaVersion": 1,
          "gates": {
            "quality": {
              "reports": [ { "id": "eval", "path": "reports/eval.json" } ],
              "conditions": [
                { "id": "accuracy", "report": "eval", "pointer": "/accuracy", "op": ">=", "threshold": 0.9, "severity": "P0" }
              ]
            }
          }
        }
        """;

    internal const string Full = """
        {
          "$schema": "./schemas/gatekit.schema.json",
          "schemaVersion": 1,
          "defaultProfile": "dev",
          "profiles": {
            "dev": { "description": "laptops", "thresholds": { "quality.latency": [0, 5], "quality.errors": 10 } },
            "prod": { "thresholds": { "quality.accuracy": 0.95 } }
          },
          "gates": {
            "release": {
              "tag": "v1.0.0",
              "artifacts": [
                {
                  "id": "report",
                  "path": "reports/{tag}_report.json",
                  "kind": "json",
                  "schema": "schemas/report.schema.json",
                  "assertions": [ { "pointer": "/passed", "equals": true }, { "pointer": "/status", "equals": "OK" } ],
                  "priority": "P1"
                },
                { "id": "monitor", "path": "reports/{tag}_monitor.json", "kind": "monitoring", "statusPointer": "/state", "severityPointer": "" },
                { "id": "notes", "path": "reports/{tag}.md", "kind": "document" }
              ],
              "signoff": "SIGNOFF.md",
              "partialAt": 1,
              "p2WarnAt": 0
            },
            "quality": {
              "reports": [
                { "id": "eval", "path": "reports/eval.json", "format": "json" },
                { "id": "cases", "path": "reports/cases.jsonl" }
              ],
              "conditions": [
                { "id": "accuracy", "description": "top-1", "report": "eval", "pointer": "/accuracy", "op": ">=", "threshold": 0.9, "severity": "P0" },
                { "id": "latency", "report": "cases", "pointer": "/ms", "aggregate": "p95", "op": "between", "threshold": [0, 10], "severity": "P1" },
                { "id": "errors", "report": "cases", "aggregate": "count", "op": "<=", "threshold": 20, "severity": "P2", "relativeTo": "median", "runs": 10 },
                { "id": "passed", "report": "cases", "pointer": "/ok", "aggregate": "rate", "equals": true, "op": "==", "threshold": 1, "severity": "P1" }
              ],
              "partialAt": 3,
              "p2WarnAt": 7,
              "trend": ["accuracy", "latency"]
            }
          },
          "waivers": [
            { "id": "w1", "gate": "quality", "code": "metric_above_threshold", "subject": "latency", "file": "reports/*.jsonl",
              "owner": "alice", "reason": "known slow runner", "approvalRef": "CHG-42", "expires": "2030-01-31" },
            { "id": "w2", "gate": "release", "owner": "bob", "reason": "docs later", "expires": "2030-01-31T18:00:00+02:00" }
          ]
        }
        """;

    private const string Release = """
        {
          "schemaVersion": 1,
          "gates": { "release": { "artifacts": [ { "id": "report", "path": "r.json", "assertions": [ { "pointer": "/ok", "equals": true } ] } ] } }
        }
        """;

    private const string Promotion = """
        {
          "schemaVersion": 1,
          "gates": {
            "promotion": {
              "windowDays": 7, "minSample": 20, "skipOnMissingEvidence": false, "failOnHold": true, "maxEvaluationAgeHours": 12.5, "maxLineBytes": 4096,
              "policy": { "path": "policy.json", "governancePointer": "/policy/governance", "killSwitchPointer": "/policy/killSwitch" },
              "reliability": {
                "path": "telemetry/handoff.jsonl", "lastRuns": 20, "maxAmbiguityRate": 0.2, "maxFailureRate": 0.2,
                "match": [ { "pointer": "/category", "equals": "fleet_handoff_execute" }, { "pointer": "/dry", "equals": false } ],
                "timestampPointer": "/at", "attemptedPointer": "/n", "ambiguousPointer": "/a", "failedPointer": "/f"
              },
              "backlog": { "path": "telemetry/backlog.jsonl", "max": 5, "sustainedRises": 3, "timestampPointer": "/at", "pendingPointer": "/p", "manualOnlyPointer": "/m" },
              "safety": { "path": "safety.json", "sustainedMinutes": 60 },
              "drills": { "path": "drills.json", "required": ["kill_switch"], "candidateTime": "2026-11-21T00:00:00+01:00" }
            }
          }
        }
        """;

    private const string Docs = """
        {
          "schemaVersion": 1,
          "gates": {
            "docs": {
              "roots": [ { "path": "." }, { "path": "handbook", "slugs": "gitlab" }, { "path": "site", "slugs": "mkdocs" } ],
              "include": [ "**/*.md" ],
              "exclude": [ "vendor/**" ],
              "ignore": [ { "target": "^branch/" }, { "file": "CHANGELOG.md" }, { "target": "x", "file": "*.md" } ],
              "severity": { "reference_unused": "P1" },
              "listExternal": true,
              "maxFileBytes": 1000000,
              "partialAt": 2,
              "p2WarnAt": 10
            }
          }
        }
        """;

    private const string Standard = """
        {
          "schemaVersion": 1,
          "gates": {
            "quality": {
              "reports": [
                { "id": "tests", "path": "TestResults/**/*.trx", "format": "trx" },
                { "id": "junit", "path": "junit.xml", "format": "junit" },
                { "id": "analyzers", "path": "**/*.sarif", "format": "sarif" },
                { "id": "bench", "path": "BenchmarkDotNet.Artifacts/results/*-report-full.json", "format": "benchmarkdotnet" }
              ],
              "conditions": [
                { "id": "failed", "report": "tests", "metric": "tests.failed", "op": "<=", "threshold": 0, "severity": "P0" },
                { "id": "junit_rate", "report": "junit", "metric": "tests.pass_rate", "op": ">=", "threshold": 1, "severity": "P0" },
                { "id": "errors", "report": "analyzers", "metric": "sarif.error", "op": "<=", "threshold": 0, "severity": "P0", "pointer": "" },
                { "id": "ca2000", "report": "analyzers", "metric": "sarif.rule.CA2000", "op": "<=", "threshold": 0, "severity": "P1" },
                { "id": "speed", "report": "bench", "metric": "benchmark.A.B.mean_ns", "op": "<=", "threshold": 10, "severity": "P1", "relativeTo": "previous" }
              ]
            }
          }
        }
        """;

    /// <summary>Name, document, and the JSON path the loader must name (null: both accept it).</summary>
    public static TheoryData<string, string, string?> Documents => new()
    {
        { "minimal quality gate", Minimal, null },
        { "both gates, profiles and waivers", Full, null },
        { "release gate only", Release, null },
        { "promotion gate with every option", Promotion, null },
        { "promotion: unknown property in reliability", Promotion.Replace("\"lastRuns\": 20,", "\"lastRun\": 20,"), "$.gates.promotion.reliability.lastRun" },
        { "promotion: rate above 1", Promotion.Replace("\"maxFailureRate\": 0.2", "\"maxFailureRate\": 1.5"), "$.gates.promotion.reliability.maxFailureRate" },
        { "promotion: match on an object", Promotion.Replace("\"equals\": false", "\"equals\": {}"), "$.gates.promotion.reliability.match[1].equals" },
        { "promotion: no drills section", Promotion.Replace(",\n      \"drills\": { \"path\": \"drills.json\", \"required\": [\"kill_switch\"], \"candidateTime\": \"2026-11-21T00:00:00+01:00\" }", ""), "$.gates.promotion" },
        { "promotion: no required drill", Promotion.Replace("[\"kill_switch\"]", "[]"), "$.gates.promotion.drills.required" },
        { "promotion: windowDays 0", Promotion.Replace("\"windowDays\": 7", "\"windowDays\": 0"), "$.gates.promotion.windowDays" },
        { "promotion: maxEvaluationAgeHours 0", Promotion.Replace("\"maxEvaluationAgeHours\": 12.5", "\"maxEvaluationAgeHours\": 0"), "$.gates.promotion.maxEvaluationAgeHours" },
        { "promotion: sustainedRises 0", Promotion.Replace("\"sustainedRises\": 3", "\"sustainedRises\": 0"), "$.gates.promotion.backlog.sustainedRises" },
        { "evidence gate", """{ "schemaVersion": 1, "gates": { "evidence": { "packs": [ { "id": "p1", "manifest": "packs/p1/manifest.json" } ], "lenient": true, "parallelism": 2 } } }""", null },
        { "evidence pack without a manifest", """{ "schemaVersion": 1, "gates": { "evidence": { "packs": [ { "id": "p1" } ] } } }""", "$.gates.evidence.packs[0]" },
        { "unknown property in an evidence pack", """{ "schemaVersion": 1, "gates": { "evidence": { "packs": [ { "id": "p1", "manifest": "m.json", "strict": true } ] } } }""", "$.gates.evidence.packs[0].strict" },
        { "release gate with only a sign-off", """{ "schemaVersion": 1, "gates": { "release": { "artifacts": [], "signoff": "SIGNOFF.md" } } }""", null },
        { "waivers only with a date-time expiry", Minimal.Replace("\"gates\"", "\"waivers\": [ { \"id\": \"w\", \"gate\": \"quality\", \"owner\": \"o\", \"reason\": \"r\", \"expires\": \"2030-01-01T00:00:00Z\" } ],\n  \"gates\""), null },

        { "docs gate with defaults", """{ "schemaVersion": 1, "gates": { "docs": {} } }""", null },
        { "docs gate, every option", Docs, null },
        { "docs slug dialect hugo", Docs.Replace("\"gitlab\"", "\"hugo\""), "$.gates.docs.roots[1].slugs" },
        { "docs severity P3", Docs.Replace("\"P1\"", "\"P3\""), "$.gates.docs.severity.reference_unused" },
        { "docs ignore rule with nothing to match", Docs.Replace("{ \"file\": \"CHANGELOG.md\" }", "{}"), "$.gates.docs.ignore[1]" },
        { "docs unknown property in a root", Docs.Replace("\"path\": \"handbook\",", "\"path\": \"handbook\", \"slug\": \"gitlab\","), "$.gates.docs.roots[1].slug" },
        { "docs root with an empty path", Docs.Replace("\"path\": \"handbook\"", "\"path\": \"\""), "$.gates.docs.roots[1].path" },

        { "unknown property at the root", Minimal.Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"gate\": {},"), "$.gate" },
        { "unknown property in a condition", Minimal.Replace("\"threshold\": 0.9,", "\"threshold\": 0.9, \"treshold\": 0.9,"), "$.gates.quality.conditions[0].treshold" },
        { "unknown property in an artifact", Release.Replace("\"path\": \"r.json\",", "\"path\": \"r.json\", \"kindd\": \"json\","), "$.gates.release.artifacts[0].kindd" },
        { "unknown property in a profile", Full.Replace("\"description\": \"laptops\",", "\"descripton\": \"laptops\","), "$.profiles.dev.descripton" },
        { "unknown property in a waiver", Full.Replace("\"approvalRef\": \"CHG-42\",", "\"approval\": \"CHG-42\","), "$.waivers[0].approval" },
        { "unknown gate", Minimal.Replace("\"gates\": {", "\"gates\": { \"lint\": {},"), "$.gates.lint" },
        { "string where an integer is expected", Full.Replace("\"partialAt\": 3,", "\"partialAt\": \"3\","), "$.gates.quality.partialAt" },
        { "number where a string is expected", Minimal.Replace("\"path\": \"reports/eval.json\"", "\"path\": 42"), "$.gates.quality.reports[0].path" },
        { "string threshold", Minimal.Replace("\"threshold\": 0.9,", "\"threshold\": \"0.9\","), "$.gates.quality.conditions[0].threshold" },
        { "object where an array is expected", Minimal.Replace("\"reports\": [ { \"id\": \"eval\", \"path\": \"reports/eval.json\" } ]", "\"reports\": { \"id\": \"eval\", \"path\": \"reports/eval.json\" }"), "$.gates.quality.reports" },
        { "missing gates", """{ "schemaVersion": 1 }""", "$" },
        { "missing schemaVersion", Minimal.Replace("\"schemaVersion\": 1,", ""), "$" },
        { "condition without severity", Minimal.Replace(", \"severity\": \"P0\"", ""), "$.gates.quality.conditions[0]" },
        { "waiver without expiry", Full.Replace(", \"expires\": \"2030-01-31T18:00:00+02:00\"", ""), "$.waivers[1]" },
        { "explicit null for optional sections", Minimal.Replace("\"gates\"", "\"waivers\": null, \"profiles\": null, \"defaultProfile\": null,\n  \"gates\""), null },
        { "null for a defaulted property", Minimal.Replace("\"pointer\": \"/accuracy\"", "\"pointer\": null"), "$.gates.quality.conditions[0].pointer" },
        { "severity as an integer", Minimal.Replace("\"P0\"", "0"), "$.gates.quality.conditions[0].severity" },
        { "severity as a numeric string", Minimal.Replace("\"P0\"", "\"0\""), "$.gates.quality.conditions[0].severity" },
        { "severity in lower case", Minimal.Replace("\"P0\"", "\"p0\""), "$.gates.quality.conditions[0].severity" },
        { "severity P3", Minimal.Replace("\"P0\"", "\"P3\""), "$.gates.quality.conditions[0].severity" },
        { "operator >", Minimal.Replace("\">=\"", "\">\""), "$.gates.quality.conditions[0].op" },
        { "aggregate max", Full.Replace("\"aggregate\": \"p95\"", "\"aggregate\": \"max\""), "$.gates.quality.conditions[1].aggregate" },
        { "artifact kind yaml", Release.Replace("\"path\": \"r.json\",", "\"path\": \"r.json\", \"kind\": \"yaml\","), "$.gates.release.artifacts[0].kind" },
        { "schemaVersion 2", Minimal.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"), "$.schemaVersion" },
        { "between with three numbers", Full.Replace("\"threshold\": [0, 10]", "\"threshold\": [0, 5, 10]"), "$.gates.quality.conditions[1].threshold" },
        { "between with one number", Full.Replace("\"threshold\": [0, 10]", "\"threshold\": 10"), "$.gates.quality.conditions[1].threshold" },
        { ">= with a range", Minimal.Replace("\"threshold\": 0.9,", "\"threshold\": [0.9, 1],"), "$.gates.quality.conditions[0].threshold" },
        { "profile threshold of three numbers", Full.Replace("\"quality.latency\": [0, 5]", "\"quality.latency\": [0, 1, 5]"), "$.profiles.dev.thresholds['quality.latency']" },
        { "profile threshold as a string", Full.Replace("\"quality.accuracy\": 0.95", "\"quality.accuracy\": \"0.95\""), "$.profiles.prod.thresholds['quality.accuracy']" },
        { "condition id with a space", Minimal.Replace("\"id\": \"accuracy\"", "\"id\": \"top accuracy\""), "$.gates.quality.conditions[0].id" },
        { "pointer without a leading slash", Minimal.Replace("\"pointer\": \"/accuracy\"", "\"pointer\": \"accuracy\""), "$.gates.quality.conditions[0].pointer" },
        { "waiver for an unknown gate", Full.Replace("\"gate\": \"release\"", "\"gate\": \"deploy\""), "$.waivers[1].gate" },
        { "waiver expiry that is not a date", Full.Replace("\"expires\": \"2030-01-31\"", "\"expires\": \"next week\""), "$.waivers[0].expires" },
        { "empty waiver owner", Full.Replace("\"owner\": \"bob\"", "\"owner\": \" \""), "$.waivers[1].owner" },
        { "no gate configured", """{ "schemaVersion": 1, "gates": {} }""", "$.gates" },
        { "no conditions", Minimal.Replace("{ \"id\": \"accuracy\", \"report\": \"eval\", \"pointer\": \"/accuracy\", \"op\": \">=\", \"threshold\": 0.9, \"severity\": \"P0\" }", ""), "$.gates.quality.conditions" },
        { "partialAt 0", Full.Replace("\"partialAt\": 3,", "\"partialAt\": 0,"), "$.gates.quality.partialAt" },
        { "runs 0", Full.Replace("\"runs\": 10", "\"runs\": 0"), "$.gates.quality.conditions[2].runs" },
        { "standard reports with metrics", Standard, null },
        { "metric as a number", Standard.Replace("\"tests.failed\"", "42"), "$.gates.quality.conditions[0].metric" },
        { "report format xml", Standard.Replace("\"format\": \"junit\"", "\"format\": \"xml\""), "$.gates.quality.reports[1].format" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Loader_and_schema_agree(string name, string json, string? rejectedAt)
    {
        var schemaErrors = SchemaAssert.Errors(SchemaAssert.ConfigSchema, json);
        ConfigException? rejection = null;
        try { ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "gatekit.json"); }
        catch (ConfigException e) { rejection = e; }

        if (rejectedAt is null)
        {
            Assert.True(rejection is null, $"{name}: the loader rejects it: {rejection?.Message}");
            Assert.True(schemaErrors.Count == 0, $"{name}: the schema rejects it: {string.Join("; ", schemaErrors)}");
            return;
        }
        Assert.True(rejection is not null, $"{name}: the loader accepts it");
        Assert.True(schemaErrors.Count > 0, $"{name}: the schema accepts it");
        Assert.Contains(rejection.Errors, e => e.JsonPath == rejectedAt && e.Line is > 0);
    }

    [Fact]
    public void The_schema_names_every_gate_the_tool_knows()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(SchemaAssert.SchemaPath(SchemaAssert.ConfigSchema)))!;
        var gates = schema["definitions"]!["gates"]!["properties"]!.AsObject().Select(p => p.Key);
        var waiverGates = schema["definitions"]!["waiver"]!["properties"]!["gate"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(GateKit.Gates.GateCatalog.Names.Order(), gates.Order());
        Assert.Equal(GateKit.Gates.GateCatalog.Names.Order(), waiverGates.Order());
    }
}
