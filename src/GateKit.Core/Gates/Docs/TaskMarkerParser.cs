using Markdig.Extensions.TaskLists;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace GateKit.Gates.Docs;

/// <summary>
/// A GFM task list marker as cmark-gfm reads it: <c>[ ]</c>, <c>[x]</c> or <c>[X]</c> at the very start of a list
/// item's first paragraph, followed by white space. Markdig's own task list parser takes a bracket pair anywhere
/// in a list item and without the white space, so <c>- [x](a.md)</c> and <c>- item [x](a.md)</c> lost their links;
/// anything that is not a marker by this rule is left to the link parser.
/// </summary>
internal sealed class TaskMarkerParser : InlineParser
{
    public TaskMarkerParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (processor.Block is not ParagraphBlock paragraph || paragraph.Parent is not ListItemBlock item || item.Count == 0 || item[0] != paragraph)
            return false;
        if (slice.PeekChar(1) is not (' ' or 'x' or 'X') || slice.PeekChar(2) != ']' || slice.PeekChar(3) is not (' ' or '\t' or '\n' or '\r'))
            return false;
        // At the very start: nothing before it in the paragraph has become an inline yet.
        if (paragraph.Inline?.FirstChild is not null) return false;
        var start = processor.GetSourcePosition(slice.Start, out var line, out var column);
        var marker = new TaskList { Checked = slice.PeekChar(1) != ' ', Line = line, Column = column };
        marker.Span.Start = start;
        marker.Span.End = start + 2;
        slice.SkipChar();
        slice.SkipChar();
        slice.SkipChar();
        processor.Inline = marker;
        return true;
    }
}
