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

/// <summary>One reference as written: its destination and where its text starts (1-based).</summary>
public sealed record LinkRef(LinkKind Kind, string Url, int Line, int Column);

/// <summary>A link reference definition; <see cref="Used"/> when a reference-style link resolved to it.</summary>
public sealed record DefinitionRef(string Label, LinkRef Link, bool Used, bool Duplicate);

/// <summary>What one Markdown file offers and asks: its anchors, its links, its definitions.</summary>
public sealed record ScannedDocument(IReadOnlyList<LinkRef> Links, IReadOnlySet<string> Anchors, IReadOnlyList<DefinitionRef> Definitions);

/// <summary>
/// Reads one Markdown file with Markdig as the chosen renderer would (GitHub/GitLab: CommonMark + GFM
/// tables, autolinks, strikethrough, task lists, footnotes, emoji shortcodes; MkDocs: attr_list
/// <c>{#id}</c>), and collects links from the syntax tree only, so that text in code spans, code blocks,
/// HTML comments and front matter is never a link. Walks the tree without recursion: a 10,000-deep
/// nesting cannot overflow the stack here.
/// </summary>
public static partial class MarkdownScanner
{
    private static readonly MarkdownPipeline GitHubPipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter().UsePipeTables().UseEmphasisExtras().UseAutoLinks().UseTaskLists().UseFootnotes()
        .UseEmojiAndSmiley(enableSmileys: false).Build();

    private static readonly MarkdownPipeline MkDocsPipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter().UsePipeTables().UseFootnotes().UseGenericAttributes().Build();

    public static ScannedDocument Scan(string text, SlugDialect dialect)
    {
        var document = Markdown.Parse(text, dialect == SlugDialect.MkDocs ? MkDocsPipeline : GitHubPipeline);
        var lines = new LineIndex(text);
        var slugs = new SlugGenerator(dialect);
        var links = new List<LinkRef>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var definitions = new List<(string Label, LinkRef Link, LinkReferenceDefinition Node)>();
        var used = new HashSet<LinkReferenceDefinition>(ReferenceEqualityComparer.Instance);
        var headings = new List<HeadingBlock>();

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
                    var at = lines.At(definition.UrlSpan.Start >= 0 ? definition.UrlSpan.Start : definition.Span.Start);
                    definitions.Add((definition.Label ?? "", new LinkRef(LinkKind.Definition, definition.Url ?? "", at.Line, at.Column), definition));
                    break;
                case HtmlBlock html:
                    ScanHtml(text, html.Span.Start, html.Span.Length, lines, links, anchors);
                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--) blocks.Push(container[i]);
                    break;
                case LeafBlock { Inline: { } inline } leaf:
                    if (leaf is HeadingBlock heading) headings.Add(heading);
                    ScanInlines(inline, text, lines, links, anchors, used);
                    break;
            }
        }

        // Explicit ids first (the renderer keeps them as written), then headings in document order.
        foreach (var heading in headings)
            if (dialect == SlugDialect.MkDocs && heading.TryGetAttributes()?.Id is { Length: > 0 } explicitId)
                slugs.Reserve(explicitId);
        headings.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        foreach (var heading in headings)
        {
            if (dialect == SlugDialect.MkDocs && heading.TryGetAttributes()?.Id is { Length: > 0 } explicitId)
            {
                anchors.Add(explicitId);
                continue;
            }
            anchors.Add(slugs.Next(HeadingText(heading.Inline)));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = definitions
            .OrderBy(d => d.Link.Line).ThenBy(d => d.Link.Column)
            .Select(d => new DefinitionRef(d.Label, d.Link, used.Contains(d.Node) || IsUsedByLabel(d.Node, used), !seen.Add(NormalizeLabel(d.Label))))
            .ToList();
        return new ScannedDocument(links, anchors, result);
    }

    private static bool IsUsedByLabel(LinkReferenceDefinition node, HashSet<LinkReferenceDefinition> used) =>
        used.Any(u => NormalizeLabel(u.Label ?? "") == NormalizeLabel(node.Label ?? ""));

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
                        links.Add(new LinkRef(kind, url, link.Line + 1, link.Column + 1));
                    }
                    break;
                case AutolinkInline autolink when !autolink.IsEmail:
                    links.Add(new LinkRef(LinkKind.Autolink, autolink.Url, autolink.Line + 1, autolink.Column + 1));
                    break;
                case HtmlInline html:
                    ScanHtml(text, html.Span.Start, html.Span.Length, lines, links, anchors);
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

    /// <summary>Raw HTML: a href and img src are links; id and name are anchors. Comments are blanked first.</summary>
    private static void ScanHtml(string text, int start, int length, LineIndex lines, List<LinkRef> links, HashSet<string> anchors)
    {
        if (start < 0 || length <= 0 || start + length > text.Length) return;
        var html = HtmlComment().Replace(text.Substring(start, length), m => new string(' ', m.Length));
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

    /// <summary>The ids and names an HTML file offers as fragments.</summary>
    public static IReadOnlySet<string> HtmlAnchors(string html)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        ScanHtml(html, 0, html.Length, new LineIndex(html), [], anchors);
        return anchors;
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex("""<(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attrs>(?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")]
    private static partial Regex HtmlTag();

    [GeneratedRegex("""(?<key>[^\s=>/"']+)(?:\s*=\s*(?:"(?<v1>[^"]*)"|'(?<v2>[^']*)'|(?<v3>[^\s"'=<>`]+)))?""")]
    private static partial Regex HtmlAttribute();
}

/// <summary>Offsets to 1-based line and column (in UTF-16 units).</summary>
internal sealed class LineIndex
{
    private readonly List<int> starts = [0];

    public LineIndex(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
    }

    public int Count => starts.Count;

    public (int Line, int Column) At(int offset)
    {
        var i = starts.BinarySearch(offset);
        if (i < 0) i = ~i - 1;
        return (i + 1, offset - starts[i] + 1);
    }
}
