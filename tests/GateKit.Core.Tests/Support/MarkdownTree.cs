using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GateKit.Tests.Support;

/// <summary>Parses rendered Markdown the way GitHub-like renderers do, and reads it back as plain text.</summary>
public static class MarkdownTree
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>The text a reader sees: literals, decoded entities and code span contents.</summary>
    public static string Text(Inline? inline)
    {
        var o = new StringBuilder();
        Append(inline, o);
        return o.ToString();
    }

    public static string Text(Block block) => block switch
    {
        LeafBlock { Inline: { } inline } => Text(inline),
        ContainerBlock container => string.Join(" ", container.Select(Text)),
        _ => "",
    };

    public static IReadOnlyList<HeadingBlock> Headings(MarkdownDocument doc) => doc.Descendants<HeadingBlock>().ToList();

    /// <summary>The first block of type T after the heading with the given text, before the next heading of the same or a higher level.</summary>
    public static T? After<T>(MarkdownDocument doc, string heading) where T : Block
    {
        var found = false;
        var level = 0;
        foreach (var block in doc)
        {
            if (block is HeadingBlock h)
            {
                if (found && h.Level <= level) return null;
                if (!found && Text(h) == heading) { found = true; level = h.Level; }
                continue;
            }
            if (found && block is T t) return t;
        }
        return null;
    }

    /// <summary>A table as rows of cell texts, header first.</summary>
    public static List<List<string>> Rows(Table table) =>
        table.OfType<TableRow>().Select(r => r.OfType<TableCell>().Select(c => Text(c)).ToList()).ToList();

    private static void Append(Inline? inline, StringBuilder o)
    {
        switch (inline)
        {
            case null: return;
            case LiteralInline l: o.Append(l.Content.ToString()); break;
            case HtmlEntityInline e: o.Append(e.Transcoded.ToString()); break;
            case CodeInline c: o.Append(c.Content); break;
            case LineBreakInline: o.Append('\n'); break;
            case ContainerInline container:
                foreach (var child in container) Append(child, o);
                break;
        }
    }
}
