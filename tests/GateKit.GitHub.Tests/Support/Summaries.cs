using GateKit.Output;

namespace GateKit.GitHub.Tests.Support;

/// <summary>Summaries written by hand as their sections, the way MarkdownSummary.Sections gives them.</summary>
public static class Summaries
{
    /// <summary>The banner, then one "### Title\n\n" section per entry, its kind named by its title ("Findings").</summary>
    public static IReadOnlyList<SummarySection> Of(string banner, params (string Title, string Body)[] sections) =>
        [new SummarySection(SummarySectionKind.Banner, "", banner),
         .. sections.Select(s => new SummarySection(Enum.Parse<SummarySectionKind>(s.Title), s.Title, $"### {s.Title}\n\n{s.Body}"))];
}
