using System.Text.Json;
using GateKit.Results;

namespace GateKit.Output.Reports;

/// <summary>
/// GitLab Code Quality JSON (a subset of the Code Climate issue format): an array with one issue per
/// finding — description, check_name (the finding code), fingerprint, severity, location.path and
/// location.lines.begin (1-based; 1 when the finding has no line). Severity: P0 critical, P1 major,
/// P2 minor; a waived finding is info, so the merge request shows it without alarm. P0 is critical
/// rather than blocker because GitLab reserves no behaviour for blocker and the gate itself blocks.
/// The fingerprint is <see cref="ReportText.Fingerprint"/>, with "-2", "-3"… appended to repeats of the
/// same finding in one run, since GitLab expects each issue's fingerprint to be unique.
/// </summary>
public sealed class CodeQualityReport : IReportWriter
{
    public string Name => "codequality";

    public byte[] Write(RunResult result)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var gate in result.Gates)
            foreach (var finding in gate.Findings)
            {
                var fingerprint = ReportText.Fingerprint(gate.Name, finding);
                seen[fingerprint] = seen.GetValueOrDefault(fingerprint) + 1;
                if (seen[fingerprint] > 1) fingerprint += $"-{seen[fingerprint]}";
                var waived = finding.Waiver is { } waiver ? $" (waived: {waiver.Id}, {waiver.Reason})" : "";
                w.WriteStartObject();
                w.WriteString("description", ReportText.Message($"[{gate.Name}] {finding.Message}{waived}"));
                w.WriteString("check_name", ReportText.Clean(finding.Code));
                w.WriteString("fingerprint", fingerprint);
                w.WriteString("severity", Severity(finding));
                w.WriteStartObject("location");
                w.WriteString("path", ReportText.FilePath(result, finding));
                w.WriteStartObject("lines");
                w.WriteNumber("begin", finding.Location?.Line is >= 1 and var line ? line : 1);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>One of GitLab's severities: info, minor, major, critical, blocker.</summary>
    public static string Severity(Finding finding) => finding.IsWaived ? "info" : finding.Priority switch
    {
        Priority.P0 => "critical",
        Priority.P1 => "major",
        _ => "minor",
    };
}
