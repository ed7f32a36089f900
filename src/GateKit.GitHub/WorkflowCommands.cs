using System.Globalization;
using System.Text;
using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>
/// GitHub Actions workflow commands written to standard output (<c>::error file=…,line=…::message</c>),
/// the annotations that need no token, and the $GITHUB_OUTPUT file format. Escaping follows the
/// runner's rules: in data, <c>%</c> first, then CR and LF; in property values also <c>:</c> and
/// <c>,</c>. So a finding can never end its own command or start another one.
/// </summary>
public static class WorkflowCommands
{
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>The annotation command for one finding: error, warning or notice, at its file/line/column when known.</summary>
    public static string Annotation(string gate, Finding finding)
    {
        var level = finding.IsWaived ? "notice" : finding.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "notice",
        };
        var properties = new List<string>();
        if (finding.Location is { } at)
        {
            properties.Add("file=" + EscapeProperty(at.File));
            if (at.Line is { } line) properties.Add("line=" + line.ToString(CultureInfo.InvariantCulture));
            if (at.Column is { } col) properties.Add("col=" + col.ToString(CultureInfo.InvariantCulture));
        }
        properties.Add("title=" + EscapeProperty(AnnotationText.Title(gate, finding)));
        return $"::{level} {string.Join(",", properties)}::{EscapeData(AnnotationText.Message(finding))}";
    }

    /// <summary>
    /// One name/value pair for $GITHUB_OUTPUT in the multi-line form (<c>name&lt;&lt;DELIMITER</c>), so
    /// that a value with a newline cannot set a second output. The delimiter is random per value.
    /// </summary>
    public static string Output(string name, string value)
    {
        if (name.Contains('\n') || name.Contains('\r') || name.Contains('<') || name.Contains('='))
            throw new ArgumentException("output names are plain identifiers", nameof(name));
        string delimiter;
        do delimiter = "ghadelimiter_" + Guid.NewGuid().ToString("N");
        while (value.Contains(delimiter, StringComparison.Ordinal));
        return new StringBuilder().Append(name).Append("<<").Append(delimiter).Append('\n')
            .Append(value).Append('\n').Append(delimiter).Append('\n').ToString();
    }
}

/// <summary>Title and message of an annotation for a finding, shared by check runs and workflow commands.</summary>
public static class AnnotationText
{
    public static string Title(string gate, Finding finding) =>
        GitHubLimits.TruncateChars($"{gate}: {finding.Code} ({finding.Priority}){(finding.IsWaived ? " waived" : "")}", GitHubLimits.TitleChars);

    public static string Message(Finding finding)
    {
        var message = finding.Waiver is { } w
            ? $"{finding.Message} (waived by {w.Owner}, waiver {w.Id}, expires {w.Expires})"
            : finding.Message;
        return GitHubLimits.TruncateUtf8(message, GitHubLimits.AnnotationMessageBytes);
    }
}
