using System.Globalization;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>One check run per gate, or one for the whole run.</summary>
public enum CheckMode { PerGate, PerRun }

/// <summary>An annotation as GitHub takes it: a file, a line range, a level (notice, warning, failure).</summary>
public sealed record AnnotationDraft(string Path, int StartLine, int EndLine, int? StartColumn, int? EndColumn, string Level, string Title, string Message);

/// <summary>A finding and the gate that reported it.</summary>
public sealed record GateFinding(string Gate, Finding Finding);

/// <summary>Everything one check run will say, already within GitHub's limits.</summary>
public sealed record CheckRunDraft(string Name, string Conclusion, string Title, string Summary, string? Text, IReadOnlyList<AnnotationDraft> Annotations)
{
    /// <summary>Every finding the check run stands for; those with a file are <see cref="Annotations"/>, in the same order.</summary>
    public IReadOnlyList<GateFinding> Findings { get; init; } = [];

    /// <summary>The findings behind the annotations from index <paramref name="sent"/> on: what a failed update left unpublished.</summary>
    public IReadOnlyList<GateFinding> AnnotatedFrom(int sent) => Findings.Where(f => IsAnnotated(f.Finding)).Skip(sent).ToList();

    internal static bool IsAnnotated(Finding f) => f.Location is not null && !string.IsNullOrEmpty(f.Location.File);

    /// <summary>The annotations in batches of <see cref="GitHubLimits.AnnotationsPerRequest"/>: the first goes with the create call, each further one with an update.</summary>
    public IReadOnlyList<IReadOnlyList<AnnotationDraft>> Batches() =>
        Annotations.Chunk(GitHubLimits.AnnotationsPerRequest).Select(b => (IReadOnlyList<AnnotationDraft>)b).ToList();
}

/// <summary>
/// Turns a run result into check run drafts. Pure: no network, no clock. The summary is summary.md
/// for the gate (or the run) as GitHub shows it (<see cref="GitHubMarkdown"/>) trimmed to GitHub's byte
/// limit; the text lists every finding when the summary could not, trimmed the same way; annotations
/// come from findings that name a file. Conclusions follow <see cref="CheckConclusions"/>.
/// </summary>
public static class CheckRunPlanner
{
    /// <param name="result">The result, its paths already relative to the repository (<see cref="GitHubLayout.Rebase"/>).</param>
    /// <param name="inputLinkBase">Absolute URL of the run root at the commit, for input links; null for plain paths.</param>
    public static IReadOnlyList<CheckRunDraft> Plan(RunResult result, CheckMode mode, CheckIdentity identity, FailOn failOn, string fullSummaryAt, string? inputLinkBase = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(identity);
        if (mode == CheckMode.PerRun || result.Gates.Count == 0)
        {
            var title = $"{result.Decision.Banner()}{(result.Interrupted ? " (interrupted)" : "")} — " +
                (result.Gates.Count == 0 ? "no gates evaluated" : string.Join(", ", result.Gates.Select(g => $"{g.Name} {g.Status.Name()}")));
            return [Draft(result, identity.NameFor(null), CheckConclusions.For(result, failOn), title, fullSummaryAt, inputLinkBase)];
        }
        return result.Gates.Select(g =>
        {
            var subset = result with { Gates = [g], Conditions = result.Conditions.Where(c => c.Gate == g.Name).ToList() };
            var waived = g.Findings.Count(f => f.IsWaived);
            var title = $"{g.Name}: {g.Status.Name()} — {Count(g.Findings.Count, "finding")}{(waived > 0 ? $" ({waived.ToString(CultureInfo.InvariantCulture)} waived)" : "")}";
            return Draft(subset, identity.NameFor(g.Name), CheckConclusions.For(g, result, failOn), title, fullSummaryAt, inputLinkBase);
        }).ToList();
    }

    private static CheckRunDraft Draft(RunResult result, string name, string conclusion, string title, string fullSummaryAt, string? inputLinkBase)
    {
        var options = new SummaryOptions();
        var summary = MarkdownTrimmer.Trim(GitHubMarkdown.Sections(result, inputLinkBase), GitHubLimits.CheckOutputBytes, fullSummaryAt);
        var findings = result.Gates.SelectMany(g => g.Findings.Select(f => new GateFinding(g.Name, f))).ToList();
        string? text = null;
        if (findings.Count > options.MaxFindings)
        {
            // The summary lists the worst findings only; the text carries the whole list, as far as it fits.
            var all = GitHubMarkdown.Sections(result, inputLinkBase, int.MaxValue);
            text = MarkdownTrimmer.Trim(all.Where(s => s.Kind == SummarySectionKind.Findings).ToList(), GitHubLimits.CheckOutputBytes, fullSummaryAt);
        }
        var annotations = findings.Where(f => CheckRunDraft.IsAnnotated(f.Finding)).Select(f => Annotation(f.Gate, f.Finding)).ToList();
        return new CheckRunDraft(name, conclusion, GitHubLimits.TruncateChars(title, GitHubLimits.TitleChars), summary, text, annotations) { Findings = findings };
    }

    private static AnnotationDraft Annotation(string gate, Finding f)
    {
        var at = f.Location!;
        var line = Math.Max(1, at.Line ?? 1);
        var column = at.Line is not null && at.Column is { } c && c >= 1 ? c : (int?)null;
        var level = f.IsWaived ? "notice" : f.Severity switch
        {
            Severity.Error => "failure",
            Severity.Warning => "warning",
            _ => "notice",
        };
        return new AnnotationDraft(at.File.Replace('\\', '/'), line, line, column, column, level, AnnotationText.Title(gate, f), AnnotationText.Message(f));
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
