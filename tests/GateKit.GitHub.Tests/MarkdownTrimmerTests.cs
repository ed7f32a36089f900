using System.Text;
using GateKit.GitHub.Tests.Support;
using GateKit.Output;
using GateKit.Results;
using Markdig;
using Markdig.Syntax;

namespace GateKit.GitHub.Tests;

public sealed class MarkdownTrimmerTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static IReadOnlyList<SummarySection> Doc(params (string Title, string Body)[] sections) =>
        Summaries.Of("## ✅ GO\n\nbanner line\n\n", sections.Select(s => (s.Title, s.Body + "\n\n")).ToArray());

    private static int Bytes(IReadOnlyList<SummarySection> doc) => doc.Sum(s => Encoding.UTF8.GetByteCount(s.Markdown));

    private static string Filler(string word, int bytes) =>
        string.Join("\n", Enumerable.Range(0, bytes / (word.Length + 8) + 1).Select(i => $"- {word} {i}"));

    [Fact]
    public void A_document_within_the_limit_is_unchanged()
    {
        var doc = Doc(("Gates", "| a |"), ("Inputs", "x"));
        Assert.Equal(string.Concat(doc.Select(s => s.Markdown)), MarkdownTrimmer.Trim(doc, 10_000, "in summary.md"));
    }

    [Fact]
    public void Passing_detail_goes_first_then_whole_sections_from_the_end()
    {
        var doc = Doc(("Gates", Filler("gate", 300)), ("Findings", Filler("finding", 300)),
            ("Thresholds", Filler("threshold", 300)), ("Trends", Filler("trend", 300)), ("Inputs", Filler("input", 300)));
        var budget = Bytes(doc) - 100;

        var trimmed = MarkdownTrimmer.Trim(doc, budget, "in the step summary");

        Assert.True(Encoding.UTF8.GetByteCount(trimmed) <= budget);
        Assert.Contains("### Findings", trimmed);
        Assert.Contains("### Thresholds", trimmed);
        Assert.DoesNotContain("### Inputs", trimmed);
        Assert.Contains("left out Inputs", trimmed);
        Assert.EndsWith("The full summary is in the step summary.\n", trimmed);

        // Too small for all non-detail sections: the last one left is cut at a line, not dropped.
        var cut = MarkdownTrimmer.Trim(doc, 600, "in the step summary");
        Assert.True(Encoding.UTF8.GetByteCount(cut) <= 600);
        Assert.StartsWith("## ✅ GO\n\nbanner line\n\n### Gates\n\n- gate 0", cut);
        Assert.Contains("### Findings\n\n- finding 0\n", cut);
        Assert.Contains("left out Thresholds, Trends, Inputs; cut the rest short", cut);

        var smaller = MarkdownTrimmer.Trim(doc, 300, "in the step summary");
        Assert.True(Encoding.UTF8.GetByteCount(smaller) <= 300);
        Assert.DoesNotContain("### Findings", smaller);
        Assert.Contains("left out Findings, Thresholds, Trends, Inputs; cut the rest short", smaller);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(333)]
    [InlineData(512)]
    [InlineData(1000)]
    [InlineData(4000)]
    public void A_cut_never_leaves_a_code_fence_open(int budget)
    {
        var chart = "```mermaid\n" + Filler("line", 3000) + "\n```\n";
        var doc = Summaries.Of("## ❌ NO-GO\n\n" + chart + "\nafter\n\n", ("Gates", chart));

        var trimmed = MarkdownTrimmer.Trim(doc, budget, "in summary.md");

        Assert.True(Encoding.UTF8.GetByteCount(trimmed) <= budget, $"{Encoding.UTF8.GetByteCount(trimmed)} > {budget}");
        // The note is the last block and is a quote, not text swallowed by an open fence.
        var last = Markdown.Parse(trimmed, Pipeline).Where(b => b is not LinkReferenceDefinitionGroup).Last();
        Assert.IsAssignableFrom<QuoteBlock>(last);
        Assert.Equal(0, trimmed.Split('\n').Count(l => l.StartsWith("```", StringComparison.Ordinal)) % 2);
    }

    [Fact]
    public void The_pointer_is_escaped()
    {
        var doc = Doc(("Gates", Filler("gate", 2000)));
        var trimmed = MarkdownTrimmer.Trim(doc, 500, "in <script>`x`</script>\n# heading");
        Assert.DoesNotContain("<script>", trimmed);
        Assert.DoesNotContain("\n# heading", trimmed);
    }

    [Fact]
    public void Ten_thousand_findings_render_within_the_check_run_limit()
    {
        var result = Sample.Run(Decision.NoGo, Sample.Many("quality", 10_000));
        var full = MarkdownSummary.Sections(result, new SummaryOptions(MaxFindings: int.MaxValue));
        Assert.True(Bytes(full) > GitHubLimits.CheckOutputBytes);

        var trimmed = MarkdownTrimmer.Trim(full, GitHubLimits.CheckOutputBytes, "in summary.md");

        Assert.InRange(Encoding.UTF8.GetByteCount(trimmed), GitHubLimits.CheckOutputBytes - 1000, GitHubLimits.CheckOutputBytes);
        Assert.Contains("### Gates", trimmed);
        // Cut at a line: the findings table ends on a whole row.
        var rows = trimmed.Split('\n').Where(l => l.StartsWith('|')).ToList();
        Assert.All(rows, r => Assert.EndsWith("|", r));
    }
}
