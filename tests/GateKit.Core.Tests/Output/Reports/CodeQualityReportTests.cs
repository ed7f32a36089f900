using System.Text.Json;
using GateKit.Output.Reports;

namespace GateKit.Tests.Output.Reports;

/// <summary>The GitLab Code Quality writer against the report format's documented fields, determinism and hostile text.</summary>
public sealed class CodeQualityReportTests
{
    // Written from GitLab's "Code Quality" report format (the Code Climate issue subset GitLab reads): an array of
    // issues, each with description, check_name, fingerprint, severity (info, minor, major, critical, blocker),
    // location.path and location.lines.begin.
    private static readonly GateKit.Gates.Release.ArtifactSchemaValidator Schema = ReportAssert.Schema("""
    {
      "type": "array",
      "items": {
        "type": "object", "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
          "description": { "type": "string", "minLength": 1 },
          "check_name": { "type": "string", "minLength": 1 },
          "fingerprint": { "type": "string", "minLength": 1 },
          "severity": { "enum": ["info", "minor", "major", "critical", "blocker"] },
          "location": { "type": "object", "required": ["path", "lines"], "properties": {
            "path": { "type": "string", "minLength": 1 },
            "lines": { "type": "object", "required": ["begin"], "properties": { "begin": { "type": "integer", "minimum": 1 } } } } }
        }
      }
    }
    """);

    [Fact]
    public void An_ordinary_run_has_one_issue_per_finding_with_mapped_severities_and_locations()
    {
        var bytes = new CodeQualityReport().Write(ReportRuns.Ordinary());
        ReportAssert.Valid(Schema, bytes);
        var issues = JsonDocument.Parse(bytes).RootElement.EnumerateArray().ToList();
        Assert.Equal(["critical", "major", "minor", "info", "minor"], issues.Select(i => i.GetProperty("severity").GetString()));
        Assert.Equal(["artifact_missing", "schema_violation", "monitoring_alert", "condition_violated", "nothing_evaluated"], issues.Select(i => i.GetProperty("check_name").GetString()));
        Assert.Equal("dist/meta.json", issues[1].GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(7, issues[1].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.Equal(1, issues[0].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.Equal("gatekit.json", issues[4].GetProperty("location").GetProperty("path").GetString());
        Assert.Contains("waived: WV-1", issues[3].GetProperty("description").GetString());
    }

    [Fact]
    public void The_same_result_gives_the_same_bytes_and_fingerprints_are_unique_and_survive_a_moved_line()
    {
        var writer = new CodeQualityReport();
        Assert.Equal(writer.Write(ReportRuns.Ordinary()), writer.Write(ReportRuns.Ordinary()));
        static List<string?> Fingerprints(byte[] b) => JsonDocument.Parse(b).RootElement.EnumerateArray().Select(i => i.GetProperty("fingerprint").GetString()).ToList();
        Assert.Equal(Fingerprints(writer.Write(ReportRuns.Ordinary(line: 7))), Fingerprints(writer.Write(ReportRuns.Ordinary(line: 70))));
        var hostile = Fingerprints(writer.Write(ReportRuns.Hostile()));
        Assert.Equal(hostile.Count, hostile.Distinct().Count());
    }

    [Fact]
    public void Hostile_messages_and_file_names_stay_valid_clean_and_bounded()
    {
        var bytes = new CodeQualityReport().Write(ReportRuns.Hostile());
        ReportAssert.Valid(Schema, bytes);
        Assert.True(bytes.Length < 2 * 1024 * 1024, $"{bytes.Length} bytes: messages and paths are clipped");
        var issues = ReportAssert.CleanJson(bytes).EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("description").GetString() == "[release] ]]> <![CDATA[ x ]]>");
        Assert.Contains(issues, i => i.GetProperty("location").GetProperty("path").GetString() == "<script>&amp;&lt;\"'</script>");
        Assert.Contains(issues, i => i.GetProperty("description").GetString() == "[release] lone high \uFFFD lone low \uFFFD end high \uFFFD");
    }
}
