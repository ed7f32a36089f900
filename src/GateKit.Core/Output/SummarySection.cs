namespace GateKit.Output;

/// <summary>What a section of summary.md holds, in the order the summary shows them.</summary>
public enum SummarySectionKind
{
    /// <summary>The decision banner and the run's facts, before the first heading.</summary>
    Banner,
    Conditions,
    Gates,
    Findings,
    /// <summary>A gate's own section (the promotion verdict, …), written by its descriptor.</summary>
    Gate,
    Thresholds,
    Trends,
    Inputs,
    FailedRuns,
}

/// <summary>
/// One section of summary.md as <see cref="MarkdownSummary.Sections"/> renders it, so that a host which must
/// shorten the summary (GitHub's size limits) drops or cuts whole sections by what they are, never by reading
/// headings back out of the text.
/// </summary>
/// <param name="Title">The heading's text ("" for the banner), as a shortened summary names what it left out.</param>
/// <param name="Markdown">The section, heading included, '\n' line endings; the sections concatenated are summary.md.</param>
public sealed record SummarySection(SummarySectionKind Kind, string Title, string Markdown)
{
    /// <summary>Thresholds, trends and inputs only detail a pass: a shortened summary drops them before any other.</summary>
    public bool OnlyDetails => Kind is SummarySectionKind.Thresholds or SummarySectionKind.Trends or SummarySectionKind.Inputs;
}
