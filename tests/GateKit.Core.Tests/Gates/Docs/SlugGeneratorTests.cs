using GateKit.Gates.Docs;

namespace GateKit.Tests.Gates.Docs;

/// <summary>The slug rules cited in <see cref="SlugGenerator"/>, one row per rule and dialect.</summary>
public sealed class SlugGeneratorTests
{
    [Theory]
    // github: lowercase, drop non-word except '-' and ' ', each space one '-', nothing collapsed or trimmed
    [InlineData(SlugDialect.GitHub, "Getting Started", "getting-started")]
    [InlineData(SlugDialect.GitHub, "API v2.0 -- notes", "api-v20----notes")]
    [InlineData(SlugDialect.GitHub, "Café & Crème", "café--crème")]
    [InlineData(SlugDialect.GitHub, "Привет мир", "привет-мир")]
    [InlineData(SlugDialect.GitHub, "你好 world", "你好-world")]
    [InlineData(SlugDialect.GitHub, "😄 emoji", "-emoji")]
    [InlineData(SlugDialect.GitHub, "⚠️ Warning", "\uFE0F-warning")]
    [InlineData(SlugDialect.GitHub, " a b ", "-a-b-")]
    [InlineData(SlugDialect.GitHub, "snake_case and kebab-case", "snake_case-and-kebab-case")]
    [InlineData(SlugDialect.GitHub, "What's new? (2024)", "whats-new-2024")]
    [InlineData(SlugDialect.GitHub, "2024", "2024")]
    // github: shortcodes are text, so they keep their name; letter numbers are kept; HTML headings: DocsConformanceTests
    [InlineData(SlugDialect.GitHub, ":arrow_left: Username Created", "arrow_left-username-created")]
    [InlineData(SlugDialect.GitHub, "Step :thumbsup: done", "step-thumbsup-done")]
    [InlineData(SlugDialect.GitHub, "Part Ⅱ", "part-ⅱ")]
    [InlineData(SlugDialect.GitHub, "Ⅻ and ⅷ", "ⅻ-and-ⅷ")]
    [InlineData(SlugDialect.GitHub, "x² and ½", "x-and-")]
    [InlineData(SlugDialect.GitHub, "Ⓐ circled", "ⓐ-circled")]
    [InlineData(SlugDialect.GitHub, "İstanbul", "i\u0307stanbul")]
    [InlineData(SlugDialect.GitHub, "ΟΔΟΣ ΣΟΦΟΣ", "οδο\u03C2-σοφο\u03C2")] // JavaScript's Final_Sigma, as github-slugger
    [InlineData(SlugDialect.GitHub, "zero\u200Dwidth", "zerowidth")]
    // gitlab (17.0 and later): strip, then as github: hyphen runs kept, shortcodes keep their name; digits only → "anchor-"
    [InlineData(SlugDialect.GitLab, "A & B", "a--b")]
    [InlineData(SlugDialect.GitLab, "This subsection has a - in it", "this-subsection-has-a---in-it")]
    [InlineData(SlugDialect.GitLab, "Step :thumbsup: done", "step-thumbsup-done")]
    [InlineData(SlugDialect.GitLab, "API v2.0 -- notes", "api-v20----notes")]
    [InlineData(SlugDialect.GitLab, " a b ", "a-b")]
    [InlineData(SlugDialect.GitLab, "Café & Crème", "café--crème")]
    [InlineData(SlugDialect.GitLab, "2024", "anchor-2024")]
    [InlineData(SlugDialect.GitLab, "😄 emoji", "-emoji")]
    [InlineData(SlugDialect.GitLab, "Part Ⅱ", "part-ⅱ")]
    // gitlab-legacy (before 17.0): as gitlab, then hyphen runs squeezed to one
    [InlineData(SlugDialect.GitLabLegacy, "A & B", "a-b")]
    [InlineData(SlugDialect.GitLabLegacy, "This subsection has a - in it", "this-subsection-has-a-in-it")]
    [InlineData(SlugDialect.GitLabLegacy, "API v2.0 -- notes", "api-v20-notes")]
    [InlineData(SlugDialect.GitLabLegacy, " a b ", "a-b")]
    [InlineData(SlugDialect.GitLabLegacy, "Café & Crème", "café-crème")]
    [InlineData(SlugDialect.GitLabLegacy, "2024", "anchor-2024")]
    // Legacy GitLab slugged the shortcode's text too (gitlab-org/gitlab#299481: ":scream_cat:" → "terrible-bugs-scream_cat").
    [InlineData(SlugDialect.GitLabLegacy, "Terrible Bugs :scream_cat:", "terrible-bugs-scream_cat")]
    // mkdocs (Python-Markdown toc, unicode=False): NFKD, ASCII only, [^\w\s-] dropped, strip, [-\s]+ → "-"
    [InlineData(SlugDialect.MkDocs, "Café & Crème", "cafe-creme")]
    [InlineData(SlugDialect.MkDocs, "API v2.0 -- notes", "api-v20-notes")]
    [InlineData(SlugDialect.MkDocs, "Привет мир", "")]
    [InlineData(SlugDialect.MkDocs, "  Spaced  out  ", "spaced-out")]
    [InlineData(SlugDialect.MkDocs, "ﬁle ligature", "file-ligature")]
    public void Slug_follows_the_dialect(SlugDialect dialect, string heading, string expected) =>
        Assert.Equal(expected, SlugGenerator.Slug(dialect, heading));

    [Theory]
    [InlineData(SlugDialect.GitHub, new[] { "foo", "foo", "foo" }, new[] { "foo", "foo-1", "foo-2" })]
    [InlineData(SlugDialect.GitHub, new[] { "foo", "foo-1", "foo" }, new[] { "foo", "foo-1", "foo-2" })]
    [InlineData(SlugDialect.GitLab, new[] { "Foo", "foo" }, new[] { "foo", "foo-1" })]
    [InlineData(SlugDialect.MkDocs, new[] { "foo", "foo", "foo" }, new[] { "foo", "foo_1", "foo_2" })]
    [InlineData(SlugDialect.MkDocs, new[] { "Привет", "мир" }, new[] { "_1", "_2" })]
    // Python-Markdown toc unique(): a taken id's trailing _N is raised, not appended to
    [InlineData(SlugDialect.MkDocs, new[] { "Step", "Step", "Step_1" }, new[] { "step", "step_1", "step_2" })]
    [InlineData(SlugDialect.MkDocs, new[] { "Step_1", "Step", "Step" }, new[] { "step_1", "step", "step_2" })]
    [InlineData(SlugDialect.MkDocs, new[] { "a_2", "a_2", "a_3", "a_2" }, new[] { "a_2", "a_3", "a_4", "a_5" })]
    [InlineData(SlugDialect.MkDocs, new[] { "v_01", "v_01" }, new[] { "v_01", "v_2" })]
    [InlineData(SlugDialect.MkDocs, new[] { "x_99999999999999999999", "x_99999999999999999999" }, new[] { "x_99999999999999999999", "x_100000000000000000000" })]
    [InlineData(SlugDialect.MkDocs, new[] { "", "_1", "" }, new[] { "_1", "_2", "_3" })]
    [InlineData(SlugDialect.GitHub, new[] { "a", "a", "a-1", "a" }, new[] { "a", "a-1", "a-1-1", "a-2" })]
    [InlineData(SlugDialect.GitLab, new[] { "A & B", "a  b" }, new[] { "a--b", "a--b-1" })]
    public void Duplicates_are_numbered_in_document_order(SlugDialect dialect, string[] headings, string[] expected)
    {
        var slugs = new SlugGenerator(dialect);
        Assert.Equal(expected, headings.Select(slugs.Next).ToArray());
    }

    [Theory]
    [InlineData(SlugDialect.GitHub, "same-99999")]
    [InlineData(SlugDialect.GitLab, "same-99999")]
    [InlineData(SlugDialect.MkDocs, "same_99999")]
    public void A_hundred_thousand_equal_headings_are_numbered_in_order(SlugDialect dialect, string last)
    {
        // Each duplicate costs constant work (measured in bench/docs-scale.sh); here the ids are checked.
        var slugs = new SlugGenerator(dialect);
        string id = "";
        for (var i = 0; i < 100_000; i++) id = slugs.Next("Same");
        Assert.Equal(last, id);
    }
}
