using System.Text.RegularExpressions;
using GateKit.Output;
using GateKit.Tests.Support;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GateKit.Tests.Output;

public class MarkdownTextTests
{
    public static TheoryData<string> Hostile =>
    [
        "a|b`<script>alert(1)</script>\n# x",
        "[x](javascript:alert(1))",
        "![img](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "<!-- comment --> <div>",
        "line1\r\nline2\ttab\rcr",
        "*bold* _em_ ~~strike~~ **x** __y__",
        "``` fence",
        "    indented code",
        "- item",
        "1. one",
        "> quote",
        "# heading",
        "===",
        "http://example.com www.example.com <http://x.y> a@b.c",
        ":smile: $x$ @user #12 [^1] {#id} ==mark== ++ins++ ^sup^ ~sub~",
        "&amp; &lt; &#x3C; &copy;",
        "\\` back\\slash \\",
        "| --- | --- |",
        "trailing  ",
        "  leading",
        "a\u202Eevil.cs\u2066",
        "tab\there\u0000nul",
        "`` `code` ``",
    ];

    /// <summary>What a reader should see: newlines, tabs and controls folded to spaces, bidi controls replaced.</summary>
    private static string Folded(string value)
    {
        var s = value.Replace("\r\n", "\n");
        s = Regex.Replace(s, @"[\p{Cc}\u2028\u2029]", " ");
        return Regex.Replace(s, "[\u202A-\u202E\u2066-\u2069]", "\uFFFD");
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Inline_text_is_one_plain_paragraph_that_reads_as_the_value(string value)
    {
        var doc = MarkdownTree.Parse("Before " + MarkdownText.Inline(value) + " after\n");

        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(doc));
        Assert.Equal("Before " + Folded(value) + " after", MarkdownTree.Text(paragraph));
        AssertOnlyText(doc);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Inline_text_after_a_line_prefix_stays_in_that_block(string value)
    {
        var list = MarkdownTree.Parse("- " + MarkdownText.Inline(value) + "\n");
        var heading = MarkdownTree.Parse("## " + MarkdownText.Inline(value) + "\n");

        var item = Assert.IsType<ListItemBlock>(Assert.Single(Assert.IsType<ListBlock>(Assert.Single(list))));
        Assert.IsType<ParagraphBlock>(Assert.Single(item));
        Assert.Equal(Folded(value), MarkdownTree.Text(item));
        // AutoIdentifiers adds a link reference definition group for the heading; it is not content.
        var h = Assert.Single(heading.OfType<HeadingBlock>());
        Assert.Single(heading, b => b is not LinkReferenceDefinitionGroup);
        Assert.Equal(Folded(value).Trim(), MarkdownTree.Text(h).Trim());
        AssertOnlyText(list);
        AssertOnlyText(heading);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Cell_text_stays_in_its_cell(string value)
    {
        var markdown = "| A | B | C |\n| --- | --- | --- |\n| x | " + MarkdownText.Cell(value) + " | y |\n\nafter\n";
        var doc = MarkdownTree.Parse(markdown);

        var table = Assert.IsType<Table>(doc[0]);
        var rows = MarkdownTree.Rows(table);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["x", Folded(value).Trim(), "y"], rows[1].Select(c => c.Trim()));
        Assert.Equal(2, doc.Count);
        AssertOnlyText(doc);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a`b")]
    [InlineData("`starts")]
    [InlineData("ends`")]
    [InlineData("a``b```c")]
    [InlineData(" both ")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[x](javascript:alert(1))")]
    public void Code_is_one_code_span_holding_the_value(string value)
    {
        var doc = MarkdownTree.Parse("see " + MarkdownText.Code(value) + " here\n");

        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(doc));
        var code = Assert.Single(paragraph.Inline!.Descendants<CodeInline>());
        Assert.Equal(value, code.Content);
        Assert.Empty(doc.Descendants<HtmlInline>());
        Assert.Empty(doc.Descendants<LinkInline>());
    }

    [Theory]
    [InlineData("a|b`c")]
    [InlineData("x\ny")]
    public void Code_with_a_pipe_or_newline_is_still_safe_in_a_table(string value)
    {
        var doc = MarkdownTree.Parse("| A | B |\n| --- | --- |\n| " + MarkdownText.Code(value) + " | y |\n");

        var rows = MarkdownTree.Rows(Assert.IsType<Table>(Assert.Single(doc)));
        Assert.Equal([Folded(value), "y"], rows[1].Select(c => c.Trim()));
    }

    [Theory]
    [InlineData("a b.json", "a%20b.json")]
    [InlineData("(x)[y]<z>", "%28x%29%5By%5D%3Cz%3E")]
    [InlineData("é#?", "%C3%A9%23%3F")]
    public void Url_segments_are_percent_encoded(string segment, string expected) =>
        Assert.Equal(expected, MarkdownText.UrlSegment(segment));

    [Theory]
    [InlineData("../../", "../../")]
    [InlineData("../my dir (1)/", "../my%20dir%20%281%29/")]
    [InlineData("https://example.com/blob/main/", "https://example.com/blob/main/")]
    public void Url_prefixes_keep_their_shape(string prefix, string expected) =>
        Assert.Equal(expected, MarkdownText.UrlPrefix(prefix));

    private static void AssertOnlyText(MarkdownDocument doc)
    {
        Assert.Empty(doc.Descendants<HtmlBlock>());
        Assert.Empty(doc.Descendants<HtmlInline>());
        Assert.Empty(doc.Descendants<LinkInline>());
        Assert.Empty(doc.Descendants<AutolinkInline>());
        Assert.Empty(doc.Descendants<CodeInline>());
        Assert.Empty(doc.Descendants<EmphasisInline>());
        Assert.Empty(doc.Descendants<CodeBlock>());
        Assert.Empty(doc.Descendants<QuoteBlock>());
    }
}
