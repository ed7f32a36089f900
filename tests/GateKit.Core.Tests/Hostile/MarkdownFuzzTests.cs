using System.Text;
using CsCheck;
using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Hostile;

/// <summary>
/// Malformed Markdown is a finding, never a crash (issue 20, kind 4): generated documents of hostile pieces —
/// deep nesting of every container and inline kind, long unbroken lines, unbalanced brackets and parentheses,
/// raw HTML, NUL, lone surrogates, bytes that are not UTF-8, CR-only line ends — go through the scanner (both
/// dialects) and through the whole docs checker from the bytes of a file. A fixed number of cases, so the time is
/// bounded; the counts are recorded in bench/README.md.
/// </summary>
public sealed class MarkdownFuzzTests
{
    public const int ScanIterations = 1000;
    public const int CheckIterations = 150;

    private static readonly string[] Pieces =
    [
        "# ", "## Same\n", "Same\n===\n", "> ", "- ", "1. ", "* ", "+ [ ] ", "    ", "\t", "```\n", "~~~", "`", "``", "\n", "\r", "\r\n", "\n\n",
        "[", "]", "(", ")", "](", "[a](", "![i](", "[a][b]", "[b]: /x \"t\"\n", "[^1]", "[^1]: note\n", "<", ">", "<http://x>", "<a href=\"",
        "<a href='x.md#y'>", "<h1>T</h1>", "<img src=\"a.png\">", "<!--", "-->", "<div>\n", "</div>", "{#id}", "---\n", "|a|b|\n|-|-|\n",
        "*", "**", "_", "~~", "\\", "&amp;", "&#0;", "&#x110000;", "\0", "\ud800", "\udfff", "\ud83d\ude00", "\u202e", "\ufeff", "é", "e\u0301",
        "x.md", "#frag", "../../etc/passwd", "/abs.md", "C:\\x", "%00", "%zz", "http://", "www.x.com", "mailto:a@b", "a@b.c", " ",
    ];

    /// <summary>A document: hostile pieces, some repeated many times in a row (nesting, long lines).</summary>
    private static readonly Gen<string> Documents =
        Gen.Select(Gen.Int[0, Pieces.Length - 1], Gen.OneOf(Gen.Const(1), Gen.Int[1, 8], Gen.Int[100, 1000]))
            .Array[1, 20]
            .Select(parts =>
            {
                var text = new StringBuilder();
                foreach (var (piece, times) in parts) text.Insert(text.Length, Pieces[piece], times);
                return text.ToString();
            });

    /// <summary>Bytes of a document, with a few bytes replaced by ones that are not UTF-8 where asked.</summary>
    private static readonly Gen<byte[]> Files =
        Gen.Select(Documents, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOfConst<byte>(0xFF, 0xC3, 0xED, 0x80, 0xF4, 0x00)).Array[0, 3])
            .Select(t =>
            {
                var bytes = Encoding.UTF8.GetBytes(t.Item1);
                foreach (var (at, b) in t.Item2)
                    if (bytes.Length > 0) bytes[at % bytes.Length] = b;
                return bytes;
            });

    [Fact]
    public void The_scanner_answers_every_document_with_a_scan_or_its_own_refusal() =>
        Documents.Sample(text =>
        {
            foreach (var dialect in new[] { SlugDialect.GitHub, SlugDialect.MkDocs })
            {
                try
                {
                    var scanned = MarkdownScanner.Scan(text, dialect);
                    Assert.All(scanned.Links, l => Assert.True(l.Line >= 1 && l.Column >= 1, $"{l.Kind} {l.Url} at {l.Line}:{l.Column}"));
                }
                catch (MarkdownNestingException) { }
                catch (MarkdownTooComplexException e) { Assert.True(e.Line >= 1); }
            }
        }, iter: ScanIterations, threads: 1);

    [Fact]
    public void The_docs_checker_answers_every_file_with_a_report()
    {
        using var temp = new TempFolder();
        temp.Write("other.md", "# Other\n\n[back](README.md#same)\n");
        Files.Sample(bytes =>
        {
            File.WriteAllBytes(temp.Combine("README.md"), bytes);
            var report = DocsChecker.Check(new DocsConfig(), new FileRoot(temp.Path), null, CancellationToken.None);
            Assert.All(report.Findings, f => Assert.True(f.Location is null || f.Location.File is "README.md" or "other.md", $"{f.Code}: {f.Message}"));
        }, iter: CheckIterations, threads: 1);
    }
}
