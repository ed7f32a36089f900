using CsCheck;
using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>
/// Markdig's quadratic link-destination scan (issue 20, kind 2) is bounded before parsing: the pre-scan counts
/// exactly the steps a naive re-implementation of the scan takes (property over generated text of brackets,
/// parentheses, escapes and white space), refuses the hostile shapes with a finding naming the line, and lets
/// ordinary text with many links on one line through.
/// </summary>
public sealed class LinkScanBudgetTests : IDisposable
{
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>The scan as Markdig runs it, one "](" at a time: quadratic, for small texts only.</summary>
    private static long NaiveSteps(string text)
    {
        long steps = 0;
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != '(' || text[i - 1] != ']') continue;
            var depth = 0;
            var j = i + 1;
            for (; j < text.Length; j++)
            {
                var c = text[j];
                if (c == ' ' || char.IsControl(c)) break;
                if (c == '\\' && j + 1 < text.Length && text[j + 1] is '(' or ')') { j++; continue; }
                if (c == '(') depth++;
                else if (c == ')' && depth-- == 0) break;
            }
            steps += Math.Min(j, text.Length) - i;
        }
        return steps;
    }

    [Fact]
    public void The_pre_scan_counts_exactly_the_steps_of_the_scan_it_bounds() =>
        Gen.OneOfConst("[", "]", "(", ")", "](", "\\(", "\\)", "a", " ", "\n", "\r\n", "\t", "[a](", "x)")
            .Array[0, 200].Select(parts => string.Concat(parts))
            .Sample(text =>
            {
                var steps = NaiveSteps(text);
                Assert.Null(LinkScanBudget.LineOverBudget(text, steps));
                if (steps > 0) Assert.NotNull(LinkScanBudget.LineOverBudget(text, steps - 1));
            }, iter: 5000);

    [Theory]
    [InlineData("[a](", 1, "")]
    [InlineData("![a](", 1, "")]
    [InlineData("[a](x(", 1, "")]
    [InlineData("[a](", 3, "# Title\n\nsome text ")]
    [InlineData("[a](", 2, "\r\n")]
    public void A_line_of_unclosed_link_openings_is_refused_with_its_line(string item, int line, string before)
    {
        dir.Write("README.md", before + string.Concat(Enumerable.Repeat(item, 100_000)) + "\n\n[after](nope.md)\n");
        var finding = Assert.Single(DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), null, CancellationToken.None).Findings);
        Assert.Equal((DocsCodes.FileTooComplex, "README.md", line), (finding.Code, finding.Location!.File, finding.Location.Line!.Value));
        Assert.Contains($"by line {line} ", finding.Message);
    }

    [Theory]
    [InlineData("[a](nope.md)", 100_000)]
    [InlineData("[a]( ", 100_000)]
    [InlineData("[a](nope.md(x))", 50_000)]
    [InlineData("[a](\n", 100_000)]
    public void Many_links_or_openings_that_close_or_break_stay_checked(string item, int count)
    {
        var text = string.Concat(Enumerable.Repeat(item, count));
        Assert.Null(LinkScanBudget.LineOverBudget(text));
        Assert.Null(LinkScanBudget.LineOverBudget(text + "\n" + string.Concat(Enumerable.Repeat("[a](", 1000))));
    }
}
