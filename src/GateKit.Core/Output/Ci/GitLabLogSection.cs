using System.Globalization;
using System.Text;
using GateKit.Output.Reports;
using GateKit.Results;

namespace GateKit.Output.Ci;

/// <summary>
/// A run as one collapsible section of a GitLab CI job log: GitLab's section markers
/// (<c>ESC[0Ksection_start:UNIX:NAME[collapsed=true]\rESC[0KHEADER</c> … <c>ESC[0Ksection_end:UNIX:NAME\rESC[0K</c>)
/// around a line per gate and per finding (at most <see cref="MaxFindings"/>, most severe first). The section
/// is collapsed when the decision is go, open otherwise. Text from inputs is cleaned and clipped with
/// <see cref="ReportText"/>, its line breaks shown as " ⏎ " and every remaining control character (C0, DEL, C1)
/// dropped, so no finding can add a line, end the section or send a terminal escape sequence.
/// </summary>
public static class GitLabLogSection
{
    /// <summary>Finding lines written at most; the rest are counted in one more line (they are all in result.json).</summary>
    public const int MaxFindings = 200;

    /// <summary>The section text, each line ending in a line feed; times are the run's own start and finish (Unix seconds), so the same result gives the same text.</summary>
    public static string Text(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = SectionName(result.RunId);
        var o = new StringBuilder();
        o.Append("\e[0Ksection_start:").Append(UnixSeconds(result.StartedAt)).Append(':').Append(name)
            .Append(result.Decision == Decision.Go ? "[collapsed=true]" : "").Append("\r\e[0K")
            .Append(LogText($"GateKit {result.Decision.Banner()}{(result.Interrupted ? " (interrupted)" : "")}: run {result.RunId}")).Append('\n');
        foreach (var gate in result.Gates)
            o.Append(LogText($"  {gate.Name}: {gate.Status.Name()}{(gate.ReasonCodes.Count > 0 ? " (" + string.Join(", ", gate.ReasonCodes) + ")" : "")}")).Append('\n');
        var findings = result.Gates.SelectMany(g => g.Findings.Select(f => (Gate: g.Name, Finding: f)))
            .OrderBy(x => x.Finding.IsWaived).ThenBy(x => x.Finding.Priority).ToList();
        foreach (var (gate, finding) in findings.Take(MaxFindings)) o.Append(FindingLine(result, gate, finding)).Append('\n');
        if (findings.Count > MaxFindings)
            o.Append(CultureInfo.InvariantCulture, $"  … {findings.Count - MaxFindings} more findings are in result.json and summary.md").Append('\n');
        o.Append("\e[0Ksection_end:").Append(UnixSeconds(result.FinishedAt)).Append(':').Append(name).Append("\r\e[0K\n");
        return o.ToString();
    }

    private static string FindingLine(RunResult result, string gate, Finding finding)
    {
        var at = finding.Location is { } l
            ? " " + ReportText.FilePath(result, finding) + (l.Line is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) + (l.Column is { } col ? ":" + col.ToString(CultureInfo.InvariantCulture) : "") : "")
            : "";
        var waived = finding.Waiver is { } w ? $" (waived: {w.Id}, {w.Reason})" : "";
        return LogText($"  {finding.Priority} {gate} {finding.Code}{at}: {ReportText.Message(finding.Message + waived)}");
    }

    /// <summary>One log line: cleaned, line breaks shown as " ⏎ ", tabs as spaces, other control characters dropped.</summary>
    public static string LogText(string text)
    {
        var clean = ReportText.Clean(text).Replace("\r\n", " ⏎ ", StringComparison.Ordinal)
            .Replace("\n", " ⏎ ", StringComparison.Ordinal).Replace("\r", " ⏎ ", StringComparison.Ordinal).Replace('\t', ' ');
        return clean.Any(char.IsControl) ? new string(clean.Where(c => !char.IsControl(c)).ToArray()) : clean;
    }

    /// <summary>GitLab section names may hold letters, digits, '_', '.' and '-' only: "gatekit_" and the run id with anything else as '_'.</summary>
    public static string SectionName(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var name = new StringBuilder("gatekit_");
        foreach (var c in runId.Length > 100 ? runId[..100] : runId)
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        return name.ToString();
    }

    private static string UnixSeconds(string isoTime) =>
        DateTimeOffset.TryParse(isoTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            : "0";
}
