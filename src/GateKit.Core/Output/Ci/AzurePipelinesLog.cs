using System.Globalization;
using System.Text;
using GateKit.Output.Reports;
using GateKit.Results;

namespace GateKit.Output.Ci;

/// <summary>
/// Azure Pipelines logging commands for a run: one <c>##vso[task.logissue type=error|warning;sourcepath=…;
/// linenumber=…;columnnumber=…;code=…]message</c> per finding (at most <see cref="MaxIssues"/>, most severe
/// first) and a closing <c>##vso[task.complete result=…;]</c> from the decision. Escaping follows the agent's
/// rules (its percent-encoding design note and azure-pipelines-task-lib): in data <c>%</c> first (to
/// <c>%AZP25</c>), then CR and LF; in property values also <c>;</c> and <c>]</c>. Text is cleaned and clipped
/// with <see cref="ReportText"/> first, so no finding can end its own command, start another one on a new
/// line, or carry a control character into the log.
/// </summary>
public static class AzurePipelinesLog
{
    /// <summary>Issues written at most; the rest are counted in one more warning (they are all in result.json).</summary>
    public const int MaxIssues = 100;

    public static string EscapeData(string value) =>
        value.Replace("%", "%AZP25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(";", "%3B", StringComparison.Ordinal)
            .Replace("]", "%5D", StringComparison.Ordinal);

    /// <summary>
    /// The lines to write to standard output, each ending in a line feed. Waived findings and P1/P2 are
    /// warnings, unwaived P0 errors. The task result is Failed when the run's exit code is not 0
    /// (<see cref="ExitCodes.ForRun"/>), SucceededWithIssues for go-with-conditions, else Succeeded.
    /// </summary>
    public static string Commands(RunResult result, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = new StringBuilder();
        var findings = result.Gates.SelectMany(g => g.Findings.Select(f => (Gate: g.Name, Finding: f)))
            .OrderBy(x => x.Finding.IsWaived).ThenBy(x => x.Finding.Priority).ToList();
        foreach (var (gate, finding) in findings.Take(MaxIssues)) o.Append(Issue(result, gate, finding)).Append('\n');
        if (findings.Count > MaxIssues)
            o.Append("##vso[task.logissue type=warning;code=gatekit]")
                .Append(EscapeData($"{findings.Count - MaxIssues} more findings are in result.json and summary.md")).Append('\n');
        o.Append("##vso[task.complete result=").Append(TaskResult(result, failOn)).Append(";]")
            .Append(EscapeData($"gatekit {result.Decision.Name()}, run {ReportText.Clean(result.RunId)}")).Append('\n');
        return o.ToString();
    }

    /// <summary>Succeeded, SucceededWithIssues or Failed: the values task.complete accepts.</summary>
    public static string TaskResult(RunResult result, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (ExitCodes.ForRun(result, failOn) != ExitCodes.Go) return "Failed";
        return result.Decision == Decision.GoWithConditions ? "SucceededWithIssues" : "Succeeded";
    }

    private static string Issue(RunResult result, string gate, Finding finding)
    {
        var type = finding.Priority == Priority.P0 && !finding.IsWaived ? "error" : "warning";
        var properties = new List<string> { "type=" + type };
        if (finding.Location is { } at)
        {
            properties.Add("sourcepath=" + EscapeProperty(ReportText.FilePath(result, finding)));
            if (at.Line is >= 1 and var line) properties.Add("linenumber=" + line.ToString(CultureInfo.InvariantCulture));
            if (at.Column is >= 1 and var column) properties.Add("columnnumber=" + column.ToString(CultureInfo.InvariantCulture));
        }
        properties.Add("code=" + EscapeProperty(ReportText.Clean(finding.Code)));
        var waived = finding.Waiver is { } w ? $" (waived: {w.Id}, {w.Reason})" : "";
        var message = ReportText.Message($"{gate}: {finding.Code} ({finding.Priority}) {finding.Message}{waived}");
        return $"##vso[task.logissue {string.Join(";", properties)}]{EscapeData(message)}";
    }
}
