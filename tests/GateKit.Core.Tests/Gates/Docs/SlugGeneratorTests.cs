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
    // gitlab: strip, then as github, then squeeze hyphen runs; digits only → "anchor-"
    [InlineData(SlugDialect.GitLab, "API v2.0 -- notes", "api-v20-notes")]
    [InlineData(SlugDialect.GitLab, " a b ", "a-b")]
    [InlineData(SlugDialect.GitLab, "Café & Crème", "café-crème")]
    [InlineData(SlugDialect.GitLab, "2024", "anchor-2024")]
    [InlineData(SlugDialect.GitLab, "😄 emoji", "-emoji")]
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
    public void Duplicates_are_numbered_in_document_order(SlugDialect dialect, string[] headings, string[] expected)
    {
        var slugs = new SlugGenerator(dialect);
        Assert.Equal(expected, headings.Select(slugs.Next).ToArray());
    }
}
