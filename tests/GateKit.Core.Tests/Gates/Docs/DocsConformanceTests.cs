using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>
/// The conformance table: link forms × fragment forms × false-positive traps. Each row writes docs/case.md
/// into a fresh copy of one small repository and asserts exactly which finding codes come out ("" = clean).
/// </summary>
public sealed class DocsConformanceTests
{
    private static readonly (string Path, string Text)[] Tree =
    [
        ("README.md", """
            # Project

            ## Getting Started

            ## Getting Started

            ## Café & Crème

            ## Привет мир

            ## 😄 Emoji heading

            ## :rocket: Launch

            ## ⚠️ Warning

            ## `code` in *heading* [link](docs/guide.md)

            ## Trailing ##

            Setext Heading
            --------------

            <a name="legacy-anchor"></a>
            <div id="html-id"></div>

            ## API v2.0 -- notes

            ## 2024

            ### :arrow_left: Username Created

            ## Part Ⅱ

            <h1 align="center">My Project</h1>

            <h2>Docs &amp; <em>more</em></h2>

            <h3 id="own-id">Titled</h3>

            <h2>Project</h2>
            """),
        ("docs/guide.md", "# Guide\n\n## Install\n"),
        ("docs/My File.md", "# Spaced\n"),
        ("docs/mk.md", "## Intro {#custom}\n"),
        ("folder/README.md", "# Folder Title\n"),
        ("nofolder-readme/notes.txt", "x\n"),
        ("page.html", "<html><body><h1 id=\"h1\">x</h1><a name=\"n1\"></a></body></html>\n"),
        ("src/app.py", string.Concat(Enumerable.Range(1, 20).Select(i => $"line{i}\n"))),
        ("images/logo.png", "\u0089PNG"),
    ];

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // ---- link forms -------------------------------------------------------------------------
        { "inline ok", "github", "[a](guide.md)", "" },
        { "inline missing", "github", "[a](nope.md)", "target_missing" },
        { "dot-slash", "github", "[a](./guide.md)", "" },
        { "parent folder", "github", "[a](../README.md)", "" },
        { "root-relative", "github", "[a](/README.md)", "" },
        { "root-relative missing", "github", "[a](/docs/nope.md)", "target_missing" },
        { "image ok", "github", "![x](../images/logo.png)", "" },
        { "image missing", "github", "![x](../images/nope.png)", "target_missing" },
        { "reference ok", "github", "[a][g]\n\n[g]: guide.md", "" },
        { "reference definition missing", "github", "[a][g]\n\n[g]: nope.md", "target_missing" },
        { "reference unused", "github", "text\n\n[g]: guide.md", "reference_unused" },
        { "reference duplicate", "github", "[a][g]\n\n[g]: guide.md\n[g]: other.md", "reference_duplicate" },
        { "reference collapsed", "github", "[g][]\n\n[g]: guide.md", "" },
        { "reference shortcut, label case-folded", "github", "[g]\n\n[G]: guide.md", "" },
        { "autolink external", "github", "<https://example.com/nope.md>", "" },
        { "GFM bare autolink", "github", "see www.example.com/nope.md", "" },
        { "html a ok", "github", "<a href=\"guide.md\">g</a>", "" },
        { "html a missing (inline)", "github", "text <a href=\"nope.md\">g</a>", "target_missing" },
        { "html img missing (block)", "github", "<img src=\"../images/none.png\">", "target_missing" },
        { "html img ok", "github", "<p><img src='../images/logo.png' alt=\"\"></p>", "" },
        { "percent-encoded space", "github", "[a](My%20File.md)", "" },
        { "angle brackets with space", "github", "[a](<My File.md>)", "" },
        { "folder with slash", "github", "[a](../folder/)", "" },
        { "folder without slash", "github", "[a](../folder)", "" },
        { "folder missing", "github", "[a](../nofolder/)", "target_missing" },
        { "case mismatch file", "github", "[a](Guide.md)", "case_mismatch" },
        { "case mismatch folder", "github", "[a](../Folder/README.md)", "case_mismatch" },
        { "escapes the root", "github", "[a](../../../etc/passwd)", "link_outside_root" },
        { "query string", "github", "[a](guide.md?plain=1)", "" },
        { "mailto", "github", "[m](mailto:someone@example.com)", "" },
        { "protocol-relative", "github", "[a](//cdn.example.com/x.js)", "" },
        { "external with fragment", "github", "[a](https://example.com/#nope)", "" },

        // ---- fragments --------------------------------------------------------------------------
        { "own anchor ok", "github", "# Title\n\n[a](#title)", "" },
        { "own anchor missing", "github", "# Title\n\n[a](#nope)", "own_anchor_missing" },
        { "own file by name, missing anchor", "github", "# Title\n\n[a](case.md#nowhere)", "anchor_missing" },
        { "duplicate heading -1", "github", "[a](../README.md#getting-started-1)", "" },
        { "duplicate heading -2 absent", "github", "[a](../README.md#getting-started-2)", "anchor_missing" },
        { "unicode letters kept", "github", "[a](../README.md#café--crème)", "" },
        { "unicode percent-encoded", "github", "[a](../README.md#caf%C3%A9--cr%C3%A8me)", "" },
        { "cyrillic", "github", "[a](../README.md#привет-мир)", "" },
        { "emoji dropped", "github", "[a](../README.md#-emoji-heading)", "" },
        { "emoji shortcode keeps its name", "github", "[a](../README.md#rocket-launch)", "" },
        { "emoji shortcode is not dropped", "github", "[a](../README.md#-launch)", "anchor_missing" },
        { "shortcode heading from the issue", "github", "[a](../README.md#arrow_left-username-created)", "" },
        { "letter number kept", "github", "[a](../README.md#part-ⅱ)", "" },
        { "letter number not dropped", "github", "[a](../README.md#part-)", "anchor_missing" },
        { "html heading gets an id", "github", "[a](../README.md#my-project)", "" },
        { "html heading with markup inside", "github", "[a](../README.md#docs--more)", "" },
        { "html heading keeps its own id", "github", "[a](../README.md#own-id)", "" },
        { "html heading with an id is not slugged", "github", "[a](../README.md#titled)", "anchor_missing" },
        { "html heading numbered with markdown ones", "github", "[a](../README.md#project-1)", "" },
        { "html heading in own file", "github", "<h2 align=\"center\">Local Title</h2>\n\n[a](#local-title)", "" },
        { "html headings are github only", "gitlab", "[a](../README.md#my-project)", "anchor_missing" },
        { "variation selector kept", "github", "[a](../README.md#%EF%B8%8F-warning)", "" },
        { "code, emphasis and link in heading", "github", "[a](../README.md#code-in-heading-link)", "" },
        { "closing hashes not in slug", "github", "[a](../README.md#trailing)", "" },
        { "setext heading", "github", "[a](../README.md#setext-heading)", "" },
        { "html name anchor", "github", "[a](../README.md#legacy-anchor)", "" },
        { "html id anchor", "github", "[a](../README.md#html-id)", "" },
        { "punctuation keeps hyphen runs", "github", "[a](../README.md#api-v20----notes)", "" },
        { "gitlab squeezed slug under github", "github", "[a](../README.md#api-v20-notes)", "anchor_missing" },
        { "gitlab squeezed slug", "gitlab-legacy", "[a](../README.md#api-v20-notes)", "" },
        { "gitlab 17 keeps hyphen runs", "gitlab", "[a](../README.md#api-v20----notes)", "" },
        { "gitlab 17 does not squeeze", "gitlab", "[a](../README.md#api-v20-notes)", "anchor_missing" },
        { "gitlab shortcode keeps its name", "gitlab", "[a](../README.md#rocket-launch)", "" },
        { "gitlab duplicate", "gitlab", "[a](../README.md#getting-started-1)", "" },
        { "gitlab digits prefixed", "gitlab", "[a](../README.md#anchor-2024)", "" },
        { "gitlab bare digits absent", "gitlab", "[a](../README.md#2024)", "anchor_missing" },
        { "mkdocs ascii folding", "mkdocs", "[a](../README.md#cafe-creme)", "" },
        { "mkdocs duplicate underscore", "mkdocs", "[a](../README.md#getting-started_1)", "" },
        { "mkdocs rejects github duplicate", "mkdocs", "[a](../README.md#getting-started-1)", "anchor_missing" },
        { "mkdocs explicit {#id}", "mkdocs", "[a](mk.md#custom)", "" },
        { "github has no {#id}", "github", "[a](mk.md#custom)", "anchor_missing" },
        { "github slugs {#id} as text", "github", "[a](mk.md#intro-custom)", "" },
        { "line anchor", "github", "[a](../src/app.py#L10)", "" },
        { "line range", "github", "[a](../src/app.py#L5-L20)", "" },
        { "line anchor past the end", "github", "[a](../src/app.py#L99)", "line_anchor_out_of_range" },
        { "line anchor on Markdown is no heading", "github", "[a](guide.md#L1)", "anchor_missing" },
        { "html file id", "github", "[a](../page.html#h1)", "" },
        { "html file name", "github", "[a](../page.html#n1)", "" },
        { "html file missing id", "github", "[a](../page.html#zzz)", "anchor_missing" },
        { "folder README anchor", "github", "[a](../folder/#folder-title)", "" },
        { "folder README anchor missing", "github", "[a](../folder#nope)", "anchor_missing" },
        { "folder without README, anchor", "github", "[a](../nofolder-readme/#x)", "anchor_missing" },
        { "user-content- prefix", "github", "[a](../README.md#user-content-project)", "" },
        { "uppercase fragment (GitHub matches lowercased)", "github", "[a](../README.md#Project)", "" },
        { "uppercase fragment under gitlab", "gitlab", "[a](../README.md#Project)", "anchor_missing" },
        { "#top", "github", "[a](#top)", "" },
        { "empty fragment", "github", "[a](guide.md#)", "" },
        { "reference-style with fragment", "github", "[a][g]\n\n[g]: guide.md#nope", "anchor_missing" },

        // ---- never a link (false-positive traps) ------------------------------------------------
        { "code span", "github", "`[a](nope.md)`", "" },
        { "fenced code", "github", "```\n[a](nope.md)\n<a href=\"nope.md\">x</a>\n```", "" },
        { "tilde fence", "github", "~~~md\n[a](nope.md)\n~~~", "" },
        { "indented code", "github", "para\n\n    [a](nope.md)", "" },
        { "html comment block", "github", "<!-- [a](nope.md) <a href=\"nope.md\"> -->", "" },
        { "html comment inline", "github", "text <!-- <a href=\"nope.md\">x</a> --> more", "" },
        { "front matter", "github", "---\nlink: \"[a](nope.md)\"\n---\n# T", "" },
        { "escaped brackets", "github", "\\[a\\](nope.md)", "" },
        { "undefined reference is text", "github", "[a][nodef]", "" },
        { "branch-like text is not a link", "github", "checkout feature/nope.md then", "" },

        // ---- links inside containers are found --------------------------------------------------
        { "blockquote", "github", "> [a](nope.md)", "target_missing" },
        { "table cell", "github", "| a |\n|---|\n| [x](nope.md) |", "target_missing" },
        { "footnote", "github", "x[^1]\n\n[^1]: see [y](nope.md)", "target_missing" },
        { "heading with link", "github", "# See [x](nope.md)", "target_missing" },
        { "nested list", "github", "- a\n  - b\n    - [deep](nope.md)", "target_missing" },
        { "self cycle", "github", "# Here\n\n[a](case.md#here) [b](./case.md)", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conformance(string name, string dialect, string markdown, string expected)
    {
        using var dir = new TempFolder();
        foreach (var (path, text) in Tree) dir.Write(path, text);
        dir.Write("docs/case.md", markdown + "\n");
        var config = new DocsConfig
        {
            Roots = [new DocsRootConfig { Path = ".", Slugs = Enum.Parse<SlugDialect>(dialect.Replace("-", ""), ignoreCase: true) }],
            Include = ["docs/case.md"],
        };

        var report = DocsChecker.Check(config, new FileRoot(dir.Path), null, CancellationToken.None);

        var codes = string.Join(",", report.Findings.Select(f => f.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.True(expected == codes, $"{name}: expected [{expected}], got [{codes}]: {string.Join(" | ", report.Findings.Select(f => f.Message))}");
        Assert.All(report.Findings, f => Assert.Equal("docs/case.md", f.Location?.File));
    }

    [Fact]
    public void The_table_has_at_least_sixty_cases() => Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");
}
