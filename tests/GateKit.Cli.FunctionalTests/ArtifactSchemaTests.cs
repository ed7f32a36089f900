using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// A release artifact's JSON Schema as the tool reads it (run with GATEKIT_TEST_TOOL against the
/// Native AOT executable too): drafts 07 and 2020-12, references inside the schema resolve (pointers and
/// anchors), violations carry the value's JSON path and keyword, references to other files are refused
/// with a finding.
/// </summary>
public sealed class ArtifactSchemaTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public ArtifactSchemaTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void References_inside_the_schema_resolve_and_violations_name_the_value()
    {
        WriteSchema("""
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "required": ["tag", "status", "metrics"],
              "properties": {
                "status": { "$ref": "#/definitions/status" },
                "metrics": { "$ref": "#/definitions/metrics" }
              },
              "definitions": {
                "status": { "enum": ["GREEN"] },
                "metrics": { "type": "object", "properties": { "coverage": { "type": "number", "maximum": 0.5 } } }
              }
            }
            """);

        var findings = ReleaseFindings(GateKitProcess.Run(_sample, "run"), expectedExit: 1);

        var violations = findings.Where(f => f.StartsWith("schema_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, violations.Count);
        Assert.StartsWith("schema_violation $.metrics.coverage report: $.metrics.coverage violates schemas/report.schema.json: maximum: ", violations[0]);
        Assert.StartsWith("schema_violation $.status report: $.status violates schemas/report.schema.json: enum: ", violations[1]);
    }

    [Fact]
    public void A_draft_2020_12_schema_with_defs_and_anchors_validates()
    {
        WriteSchema("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "status": { "$ref": "#status" },
                "metrics": { "$ref": "#/$defs/metrics" }
              },
              "$defs": {
                "status": { "$anchor": "status", "enum": ["GREEN"] },
                "metrics": { "type": "object", "properties": { "coverage": { "type": "number", "maximum": 0.5 } } }
              }
            }
            """);

        var findings = ReleaseFindings(GateKitProcess.Run(_sample, "run"), expectedExit: 1);

        Assert.Equal(["schema_violation $.metrics.coverage", "schema_violation $.status"],
            findings.Where(f => f.StartsWith("schema_", StringComparison.Ordinal)).Select(f => string.Join(' ', f.Split(' ')[..2])).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_reference_to_another_file_is_refused()
    {
        WriteSchema("""{ "properties": { "status": { "$ref": "status.schema.json" } } }""");

        var findings = ReleaseFindings(GateKitProcess.Run(_sample, "run"), expectedExit: 1);

        Assert.Contains("schema_unreadable - report: schema schemas/report.schema.json cannot be used: schema refers to another file (status.schema.json); only references inside the schema are supported", findings);
    }

    private void WriteSchema(string schema) => File.WriteAllText(Path.Combine(_sample, "schemas", "report.schema.json"), schema);

    // "code jsonPath message" of each release finding of the run's result.
    private List<string> ReleaseFindings(ProcessResult run, int expectedExit)
    {
        Assert.True(run.ExitCode == expectedExit, run.StdOut + run.StdErr);
        var result = Directory.GetFiles(Path.Combine(_sample, ".gatekit", "runs"), "result.json", SearchOption.AllDirectories).Single();
        using var document = JsonDocument.Parse(File.ReadAllBytes(result));
        var release = document.RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "release");
        return release.GetProperty("findings").EnumerateArray().Select(f =>
        {
            var path = f.TryGetProperty("location", out var location) && location.TryGetProperty("jsonPath", out var p) ? p.GetString() : "-";
            return $"{f.GetProperty("code").GetString()} {path} {f.GetProperty("message").GetString()}";
        }).ToList();
    }
}
