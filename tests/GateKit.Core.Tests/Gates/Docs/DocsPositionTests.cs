using System.Text;
using CsCheck;
using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GateKit.Tests.Gates.Docs;

/// <summary>
/// Where a finding points: the line and column where the link's text starts ("[" of a link, "![" of an image, "["
/// of a definition's label, the href/src attribute of raw HTML), 1-based; columns count UTF-16 units, a tab is one,
/// a byte order mark is not counted (README: "Positions").
/// </summary>
public sealed class DocsPositionTests
{
    public static TheoryData<string, string, int, int> Cases => new()
    {
        { "definition opens the paragraph", "[ref]: exists.md\nSee [x](missing-a.md) here.", 2, 5 },
        { "two definitions open the paragraph", "[ref]: exists.md\n[r2]: exists.md\nSee [x](missing-a.md) here.", 3, 5 },
        { "definition title on its own line", "[ref]: exists.md\n  \"title\"\nSee [x](missing-a.md) here.", 3, 5 },
        { "definition in a list item", "- [ref]: exists.md\n  See [x](missing-a.md) here.", 2, 7 },
        { "definition in a quote", "> [ref]: exists.md\n> See [x](missing-a.md) here.", 2, 7 },
        { "setext heading", "Title [a](missing-a.md)\n=====", 1, 7 },
        { "two-line setext heading", "Title\nmore [a](missing-a.md)\n---", 2, 6 },
        { "two-line setext heading at the end of the file", "Title\n[a](missing-a.md)\n===", 2, 1 },
        { "tab after a list marker", "-\t[t](missing-a.md)", 1, 3 },
        { "tab after a quote marker", ">\t[q](missing-a.md)", 1, 3 },
        { "tab after text", "text\t[u](missing-a.md)", 1, 6 },
        { "tab in a table", "| a | b |\n|---|---|\n| x\t| [c](missing-a.md) |", 3, 7 },
        { "footnote", "x[^1]\n\n[^1]: see [y](missing-a.md)", 3, 11 },
        { "image", "text ![i](missing-a.md)", 1, 6 },
        { "unused definition points at its label", "text\n\n  [d]: missing-a.md", 3, 3 },
        { "html href", "<p>\n  <a href=\"missing-a.md\">a</a>\n</p>", 2, 6 },
        { "astral characters count two units", "😀 [a](missing-a.md)", 1, 4 },
        { "lone CR ends a line", "first\rsecond [a](missing-a.md)", 2, 8 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_finding_points_where_the_link_text_starts(string name, string markdown, int line, int column)
    {
        using var dir = new TempFolder();
        dir.Write("exists.md", "# E\n");
        dir.Write("case.md", markdown + "\n");
        var report = DocsChecker.Check(new DocsConfig { Include = ["case.md"] }, new FileRoot(dir.Path), null, CancellationToken.None);
        var finding = Assert.Single(report.Findings, f => f.Subject == "missing-a.md" && f.Code == DocsCodes.TargetMissing);
        Assert.True((line, column) == (finding.Location!.Line, finding.Location.Column),
            $"{name}: expected {line}:{column}, got {finding.Location.Line}:{finding.Location.Column}");
    }

    // Block templates; "{L}" is a fresh planted link (each with its own missing target), "{N}" a fresh number.
    private static readonly string[] Templates =
    [
        "text {L} more",
        "first line\n\tsecond {L}",
        "## Heading {L}",
        "Title {L}\n=====",
        "Title\nmore {L}\n---",
        "- {L}",
        "-\t{L}",
        "1. item {L}",
        "- a\n  - b {L}",
        "- [ ] task {L}",
        "- [x] done {L}",
        "> {L}",
        ">\t{L}",
        "> > deep {L}",
        "> - quoted item {L}",
        "| a | b |\n|---|---|\n| x\t| {L} |",
        "x[^f{N}]\n\n[^f{N}]: note {L}",
        "[d{N}]: exists.md\nSee {L} here.",
        "[d{N}]: exists.md\n  \"title\"\nSee {L} here.",
        "- [d{N}]: exists.md\n  See {L} here.",
        "<div>\n\n{L}\n\n</div>",
        "para <a href=\"{T}\">x</a>",
        "![i{N}]({T}) image",
        "```\ncode [no](never.md)\n```\n\nafter {L}",
        "<!-- [no](never.md) -->\n\n{L}",
        "term\t\t{L}\ttail",
    ];

    [Fact]
    public void Positions_hold_to_the_planted_links_and_to_Markdigs_spans_in_generated_documents()
    {
        var document = Gen.Select(Gen.Int[0, Templates.Length - 1].Array[1, 14], Gen.Bool, Gen.Bool);
        document.Sample(input =>
        {
            var (blocks, crlf, bom) = input;
            var (text, planted) = Build(blocks, crlf ? "\r\n" : "\n");
            using var dir = new TempFolder();
            dir.Write("exists.md", "# E\n");
            var bytes = Encoding.UTF8.GetBytes(text);
            File.WriteAllBytes(dir.Combine("case.md"), bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
            var report = DocsChecker.Check(new DocsConfig { Include = ["case.md"] }, new FileRoot(dir.Path), null, CancellationToken.None);
            var found = report.Findings.Where(f => f.Code == DocsCodes.TargetMissing)
                .ToDictionary(f => f.Subject!, f => (f.Location!.Line!.Value, f.Location.Column!.Value));
            Assert.Equal(planted.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
            foreach (var (target, at) in planted)
                Assert.True(at == found[target], $"{target}: planted at {at}, reported at {found[target]} in:\n{text}");

            // Markdig's own spans point at the same places: every link's span starts at its "[" or "![".
            var parsed = Markdown.Parse(text, new MarkdownPipelineBuilder().UsePipeTables().UseFootnotes().Build());
            foreach (var link in parsed.Descendants<LinkInline>())
                if (link.Url is { } url && planted.TryGetValue(url, out var expected))
                    Assert.Equal(expected, Position(text, link.Span.Start));
        }, iter: 300);
    }

    private static (string Text, Dictionary<string, (int Line, int Column)> Planted) Build(int[] blocks, string newline)
    {
        var o = new StringBuilder();
        var targets = new List<(string Target, string Needle)>();
        var n = 0;
        foreach (var b in blocks)
        {
            var block = Templates[b];
            n++;
            block = block.Replace("{N}", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (block.Contains("{L}"))
            {
                var target = $"missing-{n}.md";
                block = block.Replace("{L}", $"[l{n}]({target})");
                targets.Add((target, $"[l{n}]({target})"));
            }
            if (block.Contains("{T}"))
            {
                var target = $"missing-{n}.md";
                var html = block.StartsWith("para", StringComparison.Ordinal);
                block = block.Replace("{T}", target);
                targets.Add((target, html ? $"href=\"{target}\"" : $"![i{n}]({target})"));
            }
            if (o.Length > 0) o.Append(newline).Append(newline);
            o.Append(block.Replace("\n", newline));
        }
        var text = o.Append(newline).ToString();
        return (text, targets.ToDictionary(t => t.Target, t => Position(text, text.IndexOf(t.Needle, StringComparison.Ordinal))));
    }

    /// <summary>The expected 1-based line and column of an offset, counted independently of the scanner.</summary>
    private static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < offset; i++)
            if (text[i] == '\n') { line++; start = i + 1; }
        return (line, offset - start + 1);
    }
}
