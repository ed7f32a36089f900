using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GateKit.Config;
using GateKit.Gates;
using GateKit.Gates.Release;
using GateKit.Inputs;
using GateKit.Results;
using GateKit.Tests.Support;
using GateKit.Thresholds;

namespace GateKit.Tests.Gates;

public sealed class ReleaseGateTests : IDisposable
{
    private const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["passed", "items"],
          "properties": {
            "passed": { "type": "boolean" },
            "items": { "type": "array", "items": { "type": "object", "properties": { "count": { "type": "integer" } } } }
          }
        }
        """;

    private const string GoodReport = """
        {
          "passed": true,
          "status": "OK",
          "items": [ { "count": 1 }, { "count": 2 } ]
        }
        """;

    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    // ---- all good -------------------------------------------------------------------------------

    [Fact]
    public void A_complete_artifact_set_passes_with_every_input_digested()
    {
        dir.Write("schemas/report.schema.json", Schema);
        dir.Write("reports/v1.0_report.json", GoodReport);
        dir.Write("reports/v1.0_monitoring.json", """{ "status": "OK" }""");
        dir.Write("reports/v1.0_report.md", "# Report\n");
        dir.Write("SIGNOFF.md", "Approved by the release owner.\n");
        var release = new ReleaseConfig
        {
            Artifacts =
            [
                Artifact("report", "reports/{tag}_report.json") with
                {
                    Schema = "schemas/report.schema.json",
                    Assertions = [Assertion("/passed", "true"), Assertion("/status", "\"OK\"")],
                },
                Artifact("monitoring", "reports/{tag}_monitoring.json", ArtifactKind.Monitoring),
                Artifact("report-md", "reports/{tag}_report.md", ArtifactKind.Document),
            ],
            Signoff = "SIGNOFF.md",
        };

        var outcome = Run(release, tag: "v1.0");

        Assert.Empty(outcome.Findings);
        Assert.Equal(GateStatus.Pass, outcome.Rules.StatusOf(outcome.Findings));
        Assert.Equal(3, outcome.Metrics["artifacts_total"]);
        Assert.Equal(3, outcome.Metrics["artifacts_ok"]);
        Assert.Empty(outcome.Thresholds);
        Assert.Empty(outcome.Trends);
        string[] expected =
        [
            "SIGNOFF.md", "reports/v1.0_monitoring.json", "reports/v1.0_report.json", "reports/v1.0_report.md",
            "schemas/report.schema.json",
        ];
        Assert.Equal(expected, outcome.Inputs.Select(i => i.Path));
        foreach (var input in outcome.Inputs)
        {
            var bytes = File.ReadAllBytes(dir.Combine(input.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), input.Sha256);
            Assert.Equal(bytes.LongLength, input.Size);
        }
    }

    [Fact]
    public void The_gate_is_named_release_and_uses_the_configured_status_rules()
    {
        dir.Write("a.json", "{}");
        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("a", "a.json")], PartialAt = 3, P2WarnAt = 7 });

        Assert.Equal("release", new ReleaseGate().Name);
        Assert.Equal(new StatusRules(3, 7), outcome.Rules);
    }

    // ---- missing, empty, malformed --------------------------------------------------------------

    [Theory]
    [InlineData(ArtifactKind.Json, null, Priority.P0)]
    [InlineData(ArtifactKind.Monitoring, null, Priority.P1)]
    [InlineData(ArtifactKind.Document, null, Priority.P2)]
    [InlineData(ArtifactKind.Json, Priority.P2, Priority.P2)]
    [InlineData(ArtifactKind.Document, Priority.P0, Priority.P0)]
    [InlineData(ArtifactKind.Monitoring, Priority.P2, Priority.P2)]
    public void A_missing_artifact_costs_what_its_kind_or_override_says(ArtifactKind kind, Priority? priorityOverride, Priority expected)
    {
        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("art", "out/missing.json", kind) with { Priority = priorityOverride }] });

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(ReleaseCodes.ArtifactMissing, finding.Code);
        Assert.Equal(expected, finding.Priority);
        Assert.Equal("art", finding.Subject);
        Assert.Equal("out/missing.json", finding.Location?.File);
        Assert.Equal(0, outcome.Metrics["artifacts_ok"]);
        Assert.Empty(outcome.Inputs);
    }

    public static TheoryData<byte[], ArtifactKind, string, Priority> BrokenContents => new()
    {
        { [], ArtifactKind.Json, ReleaseCodes.ArtifactEmpty, Priority.P0 },
        { " \r\n\t "u8.ToArray(), ArtifactKind.Json, ReleaseCodes.ArtifactEmpty, Priority.P0 },
        { [0xEF, 0xBB, 0xBF, (byte)'\n'], ArtifactKind.Json, ReleaseCodes.ArtifactEmpty, Priority.P0 },
        { [], ArtifactKind.Document, ReleaseCodes.ArtifactEmpty, Priority.P2 },
        { "\n\n"u8.ToArray(), ArtifactKind.Monitoring, ReleaseCodes.ArtifactEmpty, Priority.P1 },
        { "{ \"passed\": "u8.ToArray(), ArtifactKind.Json, ReleaseCodes.ArtifactMalformed, Priority.P0 },
        { "{ \"passed\": true, }"u8.ToArray(), ArtifactKind.Json, ReleaseCodes.ArtifactMalformed, Priority.P0 },
        { "NaN"u8.ToArray(), ArtifactKind.Json, ReleaseCodes.ArtifactMalformed, Priority.P0 },
        { "{ \"value\": NaN }"u8.ToArray(), ArtifactKind.Json, ReleaseCodes.ArtifactMalformed, Priority.P0 },
        { "{ \"status\": \"OK\" // done\n}"u8.ToArray(), ArtifactKind.Monitoring, ReleaseCodes.ArtifactMalformed, Priority.P1 },
        { [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'], ArtifactKind.Json, ReleaseCodes.ArtifactMalformed, Priority.P0 },
        { [0xC3, 0x28], ArtifactKind.Json, ReleaseCodes.ArtifactMalformed, Priority.P0 },
    };

    [Theory]
    [MemberData(nameof(BrokenContents))]
    public void Empty_or_malformed_content_is_a_finding_not_a_crash(byte[] content, ArtifactKind kind, string code, Priority priority)
    {
        WriteBytes("out/artifact.json", content);

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("art", "out/artifact.json", kind)] });

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(priority, finding.Priority);
        Assert.Equal("art", finding.Subject);
        Assert.Equal("out/artifact.json", finding.Location?.File);
        // A broken file was still read: its digest is recorded.
        Assert.Equal("out/artifact.json", Assert.Single(outcome.Inputs).Path);
    }

    [Fact]
    public void Malformed_json_points_at_the_line_and_column()
    {
        dir.Write("report.json", "{\n  \"passed\": true,\n  \"count\": ,\n}\n");

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json")] }).Findings);

        Assert.Equal(ReleaseCodes.ArtifactMalformed, finding.Code);
        Assert.Equal(3, finding.Location?.Line);
        Assert.Equal(12, finding.Location?.Column);
    }

    [Fact]
    public void Invalid_utf8_points_at_the_offending_line()
    {
        WriteBytes("report.json", [.. "{\n  \"name\": \""u8, 0xFF, .. "\"\n}"u8]);

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json")] }).Findings);

        Assert.Equal(ReleaseCodes.ArtifactMalformed, finding.Code);
        Assert.Contains("UTF-8", finding.Message);
        Assert.Equal(2, finding.Location?.Line);
    }

    [Fact]
    public void Ten_thousand_nested_arrays_are_malformed_not_a_stack_overflow()
    {
        dir.Write("deep.json", new string('[', 10_000) + new string(']', 10_000));

        var finding = Assert.Single(Run(new ReleaseConfig
        {
            Artifacts = [Artifact("deep", "deep.json") with { Schema = "schema.json", Assertions = [Assertion("/0", "1")] }],
        }).Findings);

        Assert.Equal(ReleaseCodes.ArtifactMalformed, finding.Code);
        Assert.Equal(Priority.P0, finding.Priority);
    }

    [Fact]
    public void A_folder_where_an_artifact_should_be_is_missing()
    {
        Directory.CreateDirectory(dir.Combine("reports/report.json"));

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "reports/report.json")] }).Findings);

        Assert.Equal(ReleaseCodes.ArtifactMissing, finding.Code);
        Assert.Contains("folder", finding.Message);
    }

    [Fact]
    public void A_document_only_needs_to_exist_and_not_be_empty()
    {
        dir.Write("notes.md", "{ this is not JSON and that is fine");

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("notes", "notes.md", ArtifactKind.Document)] });

        Assert.Empty(outcome.Findings);
        Assert.Equal(1, outcome.Metrics["artifacts_ok"]);
    }

    // ---- hostile paths --------------------------------------------------------------------------

    public static TheoryData<string> EscapingPaths => new() { "../outside.json", "ABSOLUTE", "link.json", "linkdir/outside.json", "a/../../outside.json" };

    [Theory]
    [MemberData(nameof(EscapingPaths))]
    public void A_path_that_leaves_the_root_is_never_read(string path)
    {
        var root = dir.Combine("root");
        Directory.CreateDirectory(root);
        var outside = dir.Write("outside.json", """{ "passed": true }""");
        File.CreateSymbolicLink(Path.Combine(root, "link.json"), outside);
        Directory.CreateSymbolicLink(Path.Combine(root, "linkdir"), dir.Path);
        if (path == "ABSOLUTE") path = outside;

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("report", path)] }, rootPath: root);

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(ReleaseCodes.PathOutsideRoot, finding.Code);
        Assert.Equal(Priority.P0, finding.Priority);
        Assert.Equal("report", finding.Subject);
        Assert.Equal(path.Replace('\\', '/'), finding.Location?.File);
        Assert.Empty(outcome.Inputs);
    }

    [Fact]
    public void A_tag_cannot_walk_out_of_the_root()
    {
        var root = dir.Combine("root");
        Directory.CreateDirectory(root);
        dir.Write("x_report.json", "{}");

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("report", "reports/{tag}_report.json")] }, tag: "../../x", rootPath: root);

        Assert.Equal(ReleaseCodes.PathOutsideRoot, Assert.Single(outcome.Findings).Code);
        Assert.Empty(outcome.Inputs);
    }

    [Fact]
    public void A_schema_outside_the_root_is_never_read()
    {
        var root = dir.Combine("root");
        dir.Write("root/report.json", GoodReport);
        dir.Write("outside.schema.json", Schema);

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Schema = "../outside.schema.json" }] }, rootPath: root);

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(ReleaseCodes.PathOutsideRoot, finding.Code);
        Assert.Equal("report", finding.Subject);
        Assert.Equal(["report.json"], outcome.Inputs.Select(i => i.Path));
    }

    // ---- {tag} ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("v2.0", null, "v2.0")]
    [InlineData(null, "v1.5", "v1.5")]
    [InlineData("v2.0", "v1.5", "v2.0")]
    public void The_tag_comes_from_the_command_line_before_the_config(string? contextTag, string? configTag, string used)
    {
        dir.Write($"reports/{used}_report.json", GoodReport);
        dir.Write($"signoff/{used}.md", "ok");

        var outcome = Run(new ReleaseConfig
        {
            Tag = configTag,
            Artifacts = [Artifact("report", "reports/{tag}_report.json")],
            Signoff = "signoff/{tag}.md",
        }, tag: contextTag);

        Assert.Empty(outcome.Findings);
        Assert.Equal([$"reports/{used}_report.json", $"signoff/{used}.md"], outcome.Inputs.Select(i => i.Path));
    }

    [Theory]
    [InlineData("reports/{tag}_report.json", null)]
    [InlineData("reports/report.json", "signoff/{tag}.md")]
    public void Paths_with_tag_and_no_tag_are_a_usage_error(string artifactPath, string? signoff)
    {
        var e = Assert.Throws<RequestException>(() => Run(new ReleaseConfig { Artifacts = [Artifact("report", artifactPath)], Signoff = signoff }));

        Assert.Equal("release gate: paths use {tag} but no tag was given: pass {Tag} or set gates.release.tag", e.Text.Word(input => $"{{{input}}}"));
    }

    // ---- schema ---------------------------------------------------------------------------------

    [Fact]
    public void A_schema_violation_names_the_json_path_and_position_of_the_offending_value()
    {
        dir.Write("schema.json", Schema);
        dir.Write("reports/report.json", "{\n  \"passed\": true,\n  \"items\": [\n    { \"count\": 1 },\n    { \"count\": \"two\" }\n  ]\n}\n");

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("report", "reports/report.json") with { Schema = "schema.json" }] });

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(ReleaseCodes.SchemaViolation, finding.Code);
        Assert.Equal(Priority.P0, finding.Priority);
        Assert.Equal("report", finding.Subject);
        Assert.Equal(new Location("reports/report.json", 5, 7, "$.items[1].count"), finding.Location);
        Assert.Contains("$.items[1].count", finding.Message);
        Assert.Equal(["reports/report.json", "schema.json"], outcome.Inputs.Select(i => i.Path));
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Theory]
    [InlineData("""{ "type": "object", "properties": { "a": { "type": "object", "properties": { "b": { "type": "string" } } } } }""", """{ "a": { "b": 1 } }""", "$.a.b", "type: ")]
    [InlineData("""{ "type": "object", "additionalProperties": false }""", """{ "extra field": 1 }""", "$['extra field']", "additionalProperties: ")]
    [InlineData("""{ "type": "object", "additionalProperties": { "type": "integer" } }""", """{ "x": "y" }""", "$.x", "type: ")]
    [InlineData("""{ "type": "array", "items": { "enum": ["OK"] } }""", """["OK", "BAD"]""", "$[1]", "enum: ")]
    [InlineData("""{ "anyOf": [ { "type": "string" }, { "type": "integer" } ] }""", """true""", "$", "anyOf: the value matches none")]
    [InlineData("""{ "type": "object", "properties": { "d": { "type": "string", "format": "date-time" } } }""", """{ "d": "2026-01-01T00:00:00Z" }""", null, null)]
    public void Schema_violations_are_reported_at_the_offending_value(string schema, string json, string? path, string? message)
    {
        dir.Write("schema.json", schema);
        dir.Write("report.json", json);

        var findings = Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Schema = "schema.json" }] }).Findings;

        if (path is null)
        {
            Assert.Empty(findings);
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal(ReleaseCodes.SchemaViolation, finding.Code);
        Assert.Equal(path, finding.Location?.JsonPath);
        Assert.NotNull(finding.Location?.Line);
        Assert.Contains(message!, finding.Message);
    }

    [Fact]
    public void A_missing_required_property_points_at_the_object_that_lacks_it()
    {
        dir.Write("schema.json", Schema);
        dir.Write("report.json", """{ "items": [] }""");

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Schema = "schema.json" }] }).Findings);

        Assert.Equal(ReleaseCodes.SchemaViolation, finding.Code);
        Assert.Equal("$", finding.Location?.JsonPath);
        Assert.Contains("passed", finding.Message);
    }

    [Fact]
    public void Schema_violations_are_capped_at_twenty_per_artifact_with_a_count_of_the_rest()
    {
        dir.Write("schema.json", """{ "type": "array", "items": { "type": "integer" } }""");
        dir.Write("report.json", "[" + string.Join(",", Enumerable.Repeat("\"x\"", 25)) + "]");

        var findings = Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Schema = "schema.json" }] }).Findings;

        Assert.Equal(21, findings.Count);
        Assert.All(findings, f => Assert.Equal(ReleaseCodes.SchemaViolation, f.Code));
        Assert.Equal("$[0]", findings[0].Location?.JsonPath);
        Assert.Contains("5 more", findings[^1].Message);
    }

    public static TheoryData<string, byte[]?> BrokenSchemas => new()
    {
        { "missing", null },
        { "empty", [] },
        { "malformed", "{ \"type\": \"object\", "u8.ToArray() },
        { "invalid utf-8", [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'] },
        { "external file ref", "{ \"$ref\": \"other.schema.json\" }"u8.ToArray() },
        { "url ref", "{ \"$ref\": \"http://127.0.0.1:9/never.json\" }"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BrokenSchemas))]
    public void A_schema_that_cannot_be_used_is_schema_unreadable(string why, byte[]? schema)
    {
        if (schema is not null) WriteBytes("schema.json", schema);
        dir.Write("other.schema.json", "{}");
        dir.Write("report.json", GoodReport);

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Schema = "schema.json" }] });

        var finding = Assert.Single(outcome.Findings);
        Assert.True(finding.Code == ReleaseCodes.SchemaUnreadable, $"{why}: {finding.Code} {finding.Message}");
        Assert.Equal(Priority.P0, finding.Priority);
        Assert.Equal("report", finding.Subject);
        Assert.Equal("schema.json", finding.Location?.File);
        Assert.DoesNotContain(outcome.Inputs, i => i.Path == "other.schema.json");
    }

    [Fact]
    public void A_pattern_that_backtracks_without_end_is_a_violation_naming_it_not_a_hang()
    {
        dir.Write("schema.json", """{ "properties": { "id": { "pattern": "^(a+)+$" } } }""");
        dir.Write("report.json", $$"""{ "id": "{{new string('a', 40)}}!" }""");

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Schema = "schema.json" }] }).Findings);

        Assert.Equal(ReleaseCodes.SchemaViolation, finding.Code);
        Assert.Equal("$.id", finding.Location?.JsonPath);
        Assert.Contains("pattern: the pattern ^(a+)+$ did not finish matching within 1000 ms", finding.Message);
    }

    [Fact]
    public void A_schema_shared_by_two_artifacts_is_one_input()
    {
        dir.Write("schema.json", Schema);
        dir.Write("a.json", GoodReport);
        dir.Write("b.json", GoodReport);

        var outcome = Run(new ReleaseConfig
        {
            Artifacts = [Artifact("a", "a.json") with { Schema = "schema.json" }, Artifact("b", "b.json") with { Schema = "./schema.json" }],
        });

        Assert.Empty(outcome.Findings);
        Assert.Equal(["a.json", "b.json", "schema.json"], outcome.Inputs.Select(i => i.Path));
    }

    // ---- assertions -----------------------------------------------------------------------------

    [Theory]
    [InlineData("""{ "n": 1 }""", "/n", "1.0", true)]
    [InlineData("""{ "n": 1.0 }""", "/n", "1", true)]
    [InlineData("""{ "n": 1e2 }""", "/n", "100", true)]
    [InlineData("""{ "n": "1" }""", "/n", "1", false)]
    [InlineData("""{ "passed": true }""", "/passed", "true", true)]
    [InlineData("""{ "passed": false }""", "/passed", "true", false)]
    [InlineData("""{ "status": "OK" }""", "/status", "\"OK\"", true)]
    [InlineData("""{ "status": "ok" }""", "/status", "\"OK\"", false)]
    [InlineData("""{ "a": { "x": [1, 2], "y": null } }""", "/a", """{ "y": null, "x": [1.0, 2] }""", true)]
    [InlineData("""{ "a": [1, 2] }""", "/a", "[2, 1]", false)]
    [InlineData("""{ "a/b": { "~": 3 } }""", "/a~1b/~0", "3", true)]
    public void An_assertion_compares_json_values_deeply(string json, string pointer, string expected, bool holds)
    {
        dir.Write("report.json", json);

        var findings = Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Assertions = [Assertion(pointer, expected)] }] }).Findings;

        if (holds)
        {
            Assert.Empty(findings);
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal(ReleaseCodes.AssertionFailed, finding.Code);
        Assert.Equal(Priority.P0, finding.Priority);
        Assert.Contains("expected", finding.Message);
        Assert.Contains("found", finding.Message);
    }

    [Fact]
    public void A_failed_assertion_states_expected_and_actual_and_where()
    {
        dir.Write("report.json", "{\n  \"passed\": false\n}");

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Assertions = [Assertion("/passed", "true")] }] }).Findings);

        Assert.Equal("report: assertion /passed failed: expected true, found false", finding.Message);
        Assert.Equal(new Location("report.json", 2, 3, "$.passed"), finding.Location);
    }

    [Fact]
    public void An_assertion_on_a_missing_pointer_says_not_found()
    {
        dir.Write("report.json", """{ "status": "OK" }""");

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Assertions = [Assertion("/passed", "true")] }] }).Findings);

        Assert.Equal(ReleaseCodes.AssertionFailed, finding.Code);
        Assert.EndsWith("/passed not found", finding.Message);
    }

    [Fact]
    public void Long_values_are_truncated_in_assertion_messages()
    {
        dir.Write("report.json", $$"""{ "log": "{{new string('x', 5000)}}" }""");

        var finding = Assert.Single(Run(new ReleaseConfig { Artifacts = [Artifact("report", "report.json") with { Assertions = [Assertion("/log", "\"short\"")] }] }).Findings);

        Assert.True(finding.Message.Length < 400, finding.Message);
        Assert.Contains("…", finding.Message);
    }

    // ---- monitoring -----------------------------------------------------------------------------

    [Theory]
    [InlineData("""{ "status": "OK" }""", null, null)]
    [InlineData("""{ "status": "OK", "severity": "CRITICAL" }""", null, null)]
    [InlineData("""{ "status": "ALERT", "severity": "HIGH" }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "ALERT", "severity": "critical" }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "ALERT", "severity": "High" }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "ALERT", "severity": "LOW" }""", ReleaseCodes.MonitoringAlert, Priority.P2)]
    [InlineData("""{ "status": "ALERT", "severity": "medium" }""", ReleaseCodes.MonitoringAlert, Priority.P2)]
    [InlineData("""{ "status": "ALERT", "severity": "INFO" }""", ReleaseCodes.MonitoringAlert, Priority.P2)]
    // Phase 4 runbook: ALERT with HIGH severity is P1; a missing or unknown severity fails closed, as high.
    [InlineData("""{ "status": "ALERT", "severity": 5 }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "ALERT" }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "ALERT", "severity": null }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "ALERT", "severity": "" }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "ALERT", "severity": "SEV2" }""", ReleaseCodes.MonitoringAlert, Priority.P1)]
    [InlineData("""{ "status": "WARN" }""", ReleaseCodes.MonitoringStatusInvalid, Priority.P0)]
    [InlineData("""{ "status": "ok" }""", ReleaseCodes.MonitoringStatusInvalid, Priority.P0)]
    [InlineData("""{ "status": 1 }""", ReleaseCodes.MonitoringStatusInvalid, Priority.P0)]
    [InlineData("""{ "state": "OK" }""", ReleaseCodes.MonitoringStatusInvalid, Priority.P0)]
    [InlineData("""[]""", ReleaseCodes.MonitoringStatusInvalid, Priority.P0)]
    public void A_monitoring_snapshot_is_ok_or_an_alert_by_severity(string json, string? code, Priority? priority)
    {
        dir.Write("monitoring.json", json);

        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("mon", "monitoring.json", ArtifactKind.Monitoring)] });

        if (code is null)
        {
            Assert.Empty(outcome.Findings);
            return;
        }
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(priority, finding.Priority);
        Assert.Equal("mon", finding.Subject);
        Assert.Equal("monitoring.json", finding.Location?.File);
        var namedHigh = json.Contains("high", StringComparison.OrdinalIgnoreCase) || json.Contains("critical", StringComparison.OrdinalIgnoreCase);
        if (code == ReleaseCodes.MonitoringAlert && priority == Priority.P1 && !namedHigh) Assert.Contains("treated as high", finding.Message);
    }

    [Fact]
    public void Monitoring_pointers_are_configurable()
    {
        dir.Write("monitoring.json", """{ "health": { "state": "ALERT", "level": "HIGH" } }""");

        var finding = Assert.Single(Run(new ReleaseConfig
        {
            Artifacts = [Artifact("mon", "monitoring.json", ArtifactKind.Monitoring) with { StatusPointer = "/health/state", SeverityPointer = "/health/level" }],
        }).Findings);

        Assert.Equal(ReleaseCodes.MonitoringAlert, finding.Code);
        Assert.Equal(Priority.P1, finding.Priority);
        Assert.Equal("$.health.state", finding.Location?.JsonPath);
    }

    // ---- sign-off, nothing to do, bookkeeping ---------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    public void A_missing_or_empty_signoff_fails(string? content)
    {
        if (content is not null) dir.Write("SIGNOFF.md", content);

        var outcome = Run(new ReleaseConfig { Artifacts = [], Signoff = "SIGNOFF.md" });

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(ReleaseCodes.SignoffMissing, finding.Code);
        Assert.Equal(Priority.P0, finding.Priority);
        Assert.Equal("signoff", finding.Subject);
        Assert.Equal("SIGNOFF.md", finding.Location?.File);
    }

    [Fact]
    public void A_present_signoff_alone_passes_and_is_digested()
    {
        dir.Write("docs/SIGNOFF.md", "signed");

        var outcome = Run(new ReleaseConfig { Artifacts = [], Signoff = "docs/SIGNOFF.md" });

        Assert.Empty(outcome.Findings);
        Assert.Equal("docs/SIGNOFF.md", Assert.Single(outcome.Inputs).Path);
        Assert.Equal(0, outcome.Metrics["artifacts_total"]);
    }

    [Fact]
    public void Nothing_to_evaluate_fails()
    {
        var outcome = Run(new ReleaseConfig { Artifacts = [] });

        Assert.Equal(ReleaseCodes.NothingEvaluated, Assert.Single(outcome.Findings).Code);
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Fact]
    public void Findings_follow_config_order_and_only_clean_artifacts_count_as_ok()
    {
        dir.Write("good.json", GoodReport);
        dir.Write("bad.json", """{ "passed": false }""");

        var outcome = Run(new ReleaseConfig
        {
            Artifacts =
            [
                Artifact("missing", "missing.json", ArtifactKind.Document),
                Artifact("good", "good.json") with { Assertions = [Assertion("/passed", "true")] },
                Artifact("bad", "bad.json") with { Assertions = [Assertion("/passed", "true")] },
            ],
        });

        Assert.Equal(["missing", "bad"], outcome.Findings.Select(f => f.Subject));
        Assert.Equal(3, outcome.Metrics["artifacts_total"]);
        Assert.Equal(1, outcome.Metrics["artifacts_ok"]);
    }

    [Fact]
    public void Subfolder_paths_are_reported_with_forward_slashes()
    {
        var outcome = Run(new ReleaseConfig { Artifacts = [Artifact("r", "reports\\nested\\r.json")] });

        Assert.Equal("reports/nested/r.json", Assert.Single(outcome.Findings).Location?.File);
    }

    [Fact]
    public void Cancellation_stops_between_artifacts()
    {
        dir.Write("a.json", "{}");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ReleaseGate().Evaluate(Context(new ReleaseConfig { Artifacts = [Artifact("a", "a.json")] }, null, dir.Path), cancelled.Token));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>The gate with the run's tag as the engine resolves it once (PreparedRun.Tag): the request's, else the config's.</summary>
    private GateOutcome Run(ReleaseConfig release, string? tag = null, string? rootPath = null) =>
        new ReleaseGate().Evaluate(Context(release, tag ?? release.Tag, rootPath ?? dir.Path), CancellationToken.None);

    private static GateContext Context(ReleaseConfig release, string? tag, string root) =>
        new(
            new GateKitConfig { SchemaVersion = 1, Gates = new GatesConfig([new(ReleaseGate.GateName, release)]) },
            new FileRoot(root),
            DateTimeOffset.Parse("2026-01-01T00:00:00Z"),
            new ResolvedThresholds(null, new Dictionary<string, ResolvedThreshold>()),
            tag,
            []);

    private static ArtifactConfig Artifact(string id, string path, ArtifactKind kind = ArtifactKind.Json) =>
        new() { Id = id, Path = path, Kind = kind };

    private static AssertionConfig Assertion(string pointer, string expectedJson)
    {
        using var document = JsonDocument.Parse(expectedJson);
        return new AssertionConfig { Pointer = pointer, Expected = document.RootElement.Clone() };
    }

    private void WriteBytes(string relative, byte[] bytes)
    {
        var full = dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }
}
