using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GateKit.Gates.Docs;

/// <summary>How a reference appears in the source.</summary>
public enum LinkKind { Inline, Image, Reference, Definition, Autolink, HtmlHref, HtmlSrc }

/// <summary>
/// One reference as written: its destination and where its text starts, 1-based. The column counts UTF-16 code
/// units from the start of the line, a tab is one unit wherever it stands, and a byte order mark is not counted;
/// lines end at LF, CRLF or a lone CR (CommonMark's line endings). For an inline link or image that is its "[" or
/// "![", for a reference definition the "[" of its label, for an autolink its "&lt;" or first letter, for raw HTML
/// the href or src attribute.
/// </summary>
public sealed record LinkRef(LinkKind Kind, string Url, int Line, int Column);

/// <summary>A link reference definition; <see cref="Used"/> when a reference-style link resolved to it.</summary>
public sealed record DefinitionRef(string Label, LinkRef Link, bool Used, bool Duplicate);

/// <summary>What one Markdown file offers and asks: its anchors, its links, its definitions.</summary>
public sealed record ScannedDocument(IReadOnlyList<LinkRef> Links, IReadOnlySet<string> Anchors, IReadOnlyList<DefinitionRef> Definitions);

/// <summary>
/// Reads one Markdown file with Markdig as the chosen renderer would (GitHub/GitLab: CommonMark + GFM
/// tables, autolinks, strikethrough, task list markers as cmark-gfm reads them, footnotes; emoji shortcodes
/// stay text, as the renderers slug them; MkDocs: attr_list <c>{#id}</c>), and collects links from the syntax
/// tree only, so that text in code spans, code blocks, HTML comments and front matter is never a link.
/// Positions come from Markdig's source spans (offsets), never from its line/column fields, which count a
/// paragraph's removed reference definitions and setext underlines wrongly and expand tabs. Raw HTML
/// headings (<c>&lt;h1&gt;</c>…<c>&lt;h6&gt;</c>) get slugs on GitHub as Markdown headings do. Walks the tree
/// without recursion: a 10,000-deep nesting cannot overflow the stack here.
/// </summary>
public static partial class MarkdownScanner
{
    private static readonly MarkdownPipeline GitHubPipeline = BuildGitHubPipeline();

    private static readonly MarkdownPipeline MkDocsPipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter().UsePipeTables().UseFootnotes().UseGenericAttributes().Build();

    private static MarkdownPipeline BuildGitHubPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().UseEmphasisExtras().UseAutoLinks().UseFootnotes();
        builder.InlineParsers.InsertBefore<Markdig.Parsers.Inlines.LinkInlineParser>(new TaskMarkerParser());
        return builder.Build();
    }

    /// <summary>Scans one document.</summary>
    /// <exception cref="MarkdownNestingException">The text nests deeper than the parser's limit.</exception>
    /// <exception cref="MarkdownTooComplexException">Reading its link destinations would take the parser quadratic time.</exception>
    public static ScannedDocument Scan(string text, SlugDialect dialect)
    {
        if (LinkScanBudget.LineOverBudget(text) is { } line) throw new MarkdownTooComplexException(line);
        var pipeline = dialect == SlugDialect.MkDocs ? MkDocsPipeline : GitHubPipeline;
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(text, pipeline);
        }
        catch (ArgumentException e)
        {
            // With a non-null text Markdig's Parse has one ArgumentException: its nesting limit
            // (MarkdownPipeline.MaximumNestingDepth). Matched by type at this one call, never by message.
            throw new MarkdownNestingException(pipeline.MaximumNestingDepth, e);
        }
        var lines = new LineIndex(text);
        var slugs = new SlugGenerator(dialect);
        var links = new List<LinkRef>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var definitions = new List<(string Label, LinkRef Link, LinkReferenceDefinition Node)>();
        var used = new HashSet<LinkReferenceDefinition>(ReferenceEqualityComparer.Instance);
        var headings = new List<(int Offset, HeadingBlock? Block, string? HtmlText)>();
        var htmlHeadings = dialect == SlugDialect.GitHub ? headings : null;

        var blocks = new Stack<Block>();
        blocks.Push(document);
        while (blocks.Count > 0)
        {
            var block = blocks.Pop();
            switch (block)
            {
                case YamlFrontMatterBlock or CodeBlock:
                    break;
                case Markdig.Extensions.Footnotes.FootnoteLinkReferenceDefinition:
                    break;
                case LinkReferenceDefinition definition:
                    var at = lines.At(definition.Span.Start);
                    definitions.Add((definition.Label ?? "", new LinkRef(LinkKind.Definition, definition.Url ?? "", at.Line, at.Column), definition));
                    break;
                case HtmlBlock html:
                    ScanHtml(text, html.Span.Start, html.Span.Length, lines, links, anchors, htmlHeadings);
                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--) blocks.Push(container[i]);
                    break;
                case LeafBlock { Inline: { } inline } leaf:
                    if (leaf is HeadingBlock heading) headings.Add((heading.Span.Start, heading, null));
                    ScanInlines(inline, text, lines, links, anchors, used);
                    break;
            }
        }

        // Explicit ids first (the renderer keeps them as written), then headings in document order.
        foreach (var (_, heading, _) in headings)
            if (dialect == SlugDialect.MkDocs && heading?.TryGetAttributes()?.Id is { Length: > 0 } explicitId)
                slugs.Reserve(explicitId);
        headings.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        foreach (var (_, heading, htmlText) in headings)
        {
            if (dialect == SlugDialect.MkDocs && heading?.TryGetAttributes()?.Id is { Length: > 0 } explicitId)
            {
                anchors.Add(explicitId);
                continue;
            }
            anchors.Add(slugs.Next(heading is null ? htmlText! : HeadingText(heading.Inline)));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var usedLabels = used.Select(u => NormalizeLabel(u.Label ?? "")).ToHashSet(StringComparer.Ordinal);
        var result = definitions
            .OrderBy(d => d.Link.Line).ThenBy(d => d.Link.Column)
            .Select(d => new DefinitionRef(d.Label, d.Link, used.Contains(d.Node) || IsUsedByLabel(d.Node, usedLabels), !seen.Add(NormalizeLabel(d.Label))))
            .ToList();
        return new ScannedDocument(links, anchors, result);
    }

    private static bool IsUsedByLabel(LinkReferenceDefinition node, HashSet<string> usedLabels) =>
        usedLabels.Contains(NormalizeLabel(node.Label ?? ""));

    /// <summary>CommonMark label matching: case-folded, inner whitespace collapsed.</summary>
    private static string NormalizeLabel(string label) =>
        string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant().ToLowerInvariant();

    private static void ScanInlines(ContainerInline root, string text, LineIndex lines, List<LinkRef> links, HashSet<string> anchors,
        HashSet<LinkReferenceDefinition> used)
    {
        var stack = new Stack<Inline>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var inline = stack.Pop();
            switch (inline)
            {
                case LinkInline link:
                    if (link.Reference is { } reference) used.Add(reference);
                    else if (link.Url is { } url)
                    {
                        var kind = link.IsImage ? LinkKind.Image : link.IsAutoLink ? LinkKind.Autolink : LinkKind.Inline;
                        var at = lines.At(link.Span.Start);
                        links.Add(new LinkRef(kind, url, at.Line, at.Column));
                    }
                    break;
                case AutolinkInline autolink when !autolink.IsEmail:
                    var start = lines.At(autolink.Span.Start);
                    links.Add(new LinkRef(LinkKind.Autolink, autolink.Url, start.Line, start.Column));
                    break;
                case HtmlInline html:
                    ScanHtml(text, html.Span.Start, html.Span.Length, lines, links, anchors, null);
                    break;
            }
            if (inline is ContainerInline container)
            {
                var children = new List<Inline>();
                for (var child = container.FirstChild; child is not null; child = child.NextSibling) children.Add(child);
                for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
            }
        }
    }

    /// <summary>The text a renderer slugs: what the rendered heading's text content is (code spans included, images and tags not).</summary>
    public static string HeadingText(ContainerInline? root)
    {
        var o = new StringBuilder();
        if (root is null) return "";
        var stack = new Stack<Inline>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var inline = stack.Pop();
            switch (inline)
            {
                case LiteralInline literal: o.Append(literal.Content.AsSpan()); break;
                case CodeInline code: o.Append(code.Content); break;
                case HtmlEntityInline entity: o.Append(entity.Transcoded.AsSpan()); break;
                case AutolinkInline autolink: o.Append(autolink.Url); break;
                case LineBreakInline: o.Append('\n'); break;
                case LinkInline { IsImage: true }: continue;
            }
            if (inline is ContainerInline container)
            {
                var children = new List<Inline>();
                for (var child = container.FirstChild; child is not null; child = child.NextSibling) children.Add(child);
                for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
            }
        }
        return o.ToString();
    }

    /// <summary>
    /// Raw HTML: a href and img src are links; id and name are anchors; with <paramref name="headings"/>, each
    /// <c>&lt;h1&gt;</c>…<c>&lt;h6&gt;</c> without an id adds its text content (tags removed, entities decoded) to be slugged.
    /// Comments are blanked first.
    /// </summary>
    private static void ScanHtml(string text, int start, int length, LineIndex lines, List<LinkRef> links, HashSet<string> anchors,
        List<(int Offset, HeadingBlock? Block, string? HtmlText)>? headings)
    {
        if (start < 0 || length <= 0 || start + length > text.Length) return;
        var html = HtmlComment().Replace(text.Substring(start, length), m => new string(' ', m.Length));
        if (headings is not null) AddHtmlHeadings(html, start, headings);
        foreach (Match tag in HtmlTag().Matches(html))
        {
            var name = tag.Groups["name"].Value;
            foreach (Match attribute in HtmlAttribute().Matches(tag.Groups["attrs"].Value))
            {
                var key = attribute.Groups["key"].Value;
                var value = System.Net.WebUtility.HtmlDecode(attribute.Groups["v1"].Success ? attribute.Groups["v1"].Value
                    : attribute.Groups["v2"].Success ? attribute.Groups["v2"].Value : attribute.Groups["v3"].Value);
                var isHref = key.Equals("href", StringComparison.OrdinalIgnoreCase) && name.Equals("a", StringComparison.OrdinalIgnoreCase);
                var isSrc = key.Equals("src", StringComparison.OrdinalIgnoreCase) && name.Equals("img", StringComparison.OrdinalIgnoreCase);
                if (isHref || isSrc)
                {
                    var at = lines.At(start + tag.Groups["attrs"].Index + attribute.Index);
                    links.Add(new LinkRef(isHref ? LinkKind.HtmlHref : LinkKind.HtmlSrc, value.Trim(), at.Line, at.Column));
                }
                else if (key.Equals("id", StringComparison.OrdinalIgnoreCase)
                         || (key.Equals("name", StringComparison.OrdinalIgnoreCase) && name.Equals("a", StringComparison.OrdinalIgnoreCase)))
                {
                    if (value.Length > 0) anchors.Add(value);
                }
            }
        }
    }

    /// <summary>Pairs each heading start tag with the next end tag in one pass (an unclosed tag costs nothing extra); one with an id keeps that id.</summary>
    private static void AddHtmlHeadings(string html, int start, List<(int Offset, HeadingBlock? Block, string? HtmlText)> headings)
    {
        Match? open = null;
        foreach (Match tag in HtmlHeadingTag().Matches(html))
        {
            if (!tag.Groups["close"].Success) open = tag;
            else if (open is not null)
            {
                var hasId = HtmlAttribute().Matches(open.Groups["attrs"].Value)
                    .Any(a => a.Groups["key"].Value.Equals("id", StringComparison.OrdinalIgnoreCase));
                var body = html[(open.Index + open.Length)..tag.Index];
                if (!hasId) headings.Add((start + open.Index, null, System.Net.WebUtility.HtmlDecode(AnyTag().Replace(body, ""))));
                open = null;
            }
        }
    }

    /// <summary>The ids and names an HTML file offers as fragments.</summary>
    public static IReadOnlySet<string> HtmlAnchors(string html)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        ScanHtml(html, 0, html.Length, new LineIndex(html), [], anchors, null);
        return anchors;
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex("""<(?<close>/)?h[1-6](?<attrs>\s[^>]*)?>""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlHeadingTag();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex("""<(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attrs>(?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")]
    private static partial Regex HtmlTag();

    [GeneratedRegex("""(?<key>[^\s=>/"']+)(?:\s*=\s*(?:"(?<v1>[^"]*)"|'(?<v2>[^']*)'|(?<v3>[^\s"'=<>`]+)))?""")]
    private static partial Regex HtmlAttribute();
}

/// <summary>Offsets to 1-based line and column (UTF-16 units; lines end at LF, CRLF or a lone CR, as in CommonMark).</summary>
internal sealed class LineIndex
{
    private readonly List<int> starts = [0];

    public LineIndex(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) starts.Add(i + 1);
    }

    public int Count => starts.Count;

    public (int Line, int Column) At(int offset)
    {
        var i = starts.BinarySearch(offset);
        if (i < 0) i = ~i - 1;
        return (i + 1, offset - starts[i] + 1);
    }
}
