using System.Text;

namespace GateKit.Output;

/// <summary>
/// Escaping of input-derived strings for Markdown (CommonMark + GitHub/Markdig extensions), in one place.
/// Spec ("One config, one result"): a file name, message or code must not inject Markdown or HTML.
/// The output is always a single line, so it cannot start a heading, list, quote, fence or table row,
/// and every character that could open an inline construct is a backslash escape or an entity.
/// </summary>
public static class MarkdownText
{
    /// <summary>
    /// Escapes text for inline use (paragraphs, list items, headings, link text, table cells).
    /// ASCII punctuation is backslash-escaped (CommonMark allows that for every ASCII punctuation
    /// character), except a few that no parser or extension gives meaning to; <c>&amp; &lt; &gt;</c>
    /// become entities; CR, LF, tabs and other control characters fold to one space; bidi controls,
    /// which can make a name display as a different one, become U+FFFD.
    /// </summary>
    public static string Inline(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var o = new StringBuilder(value.Length + 16);
        var previousWasSpace = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n') continue; // CRLF folds once
            if (IsFolded(c)) c = ' ';
            if (c == ' ')
            {
                // Leading, trailing and repeated spaces would be trimmed, or after a line prefix ("- ")
                // could open an indented code block: only a single space between words stays literal.
                var literal = !previousWasSpace && i + 1 < value.Length && value[i + 1] != ' ' && !IsFolded(value[i + 1]);
                o.Append(literal ? " " : "&#32;");
                previousWasSpace = true;
                continue;
            }
            previousWasSpace = false;
            switch (c)
            {
                case '&': o.Append("&amp;"); break;
                case '<': o.Append("&lt;"); break;
                case '>': o.Append("&gt;"); break;
                default:
                    if (IsBidiControl(c)) { o.Append('\uFFFD'); break; }
                    if (char.IsAsciiLetterOrDigit(c) || c > '\u007F' || IsInert(c)) o.Append(c);
                    else o.Append('\\').Append(c);
                    break;
            }
        }
        return o.ToString();
    }

    /// <summary>
    /// Escapes text for a GitHub pipe-table cell. <see cref="Inline"/> already escapes every pipe and
    /// never emits a line break, which is what a cell needs; this name says where the value goes.
    /// </summary>
    public static string Cell(string? value) => Inline(value);

    /// <summary>
    /// A code span that survives backticks in the value: the fence is one backtick longer than the
    /// longest run inside, padded when the value starts or ends with a backtick or space. A value with a
    /// pipe falls back to <see cref="Inline"/>, because GitHub tables split cells on pipes before they
    /// see code spans, and a code span cannot escape anything.
    /// </summary>
    public static string Code(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var folded = new StringBuilder(value.Length);
        foreach (var ch in value) folded.Append(IsFolded(ch) ? ' ' : IsBidiControl(ch) ? '\uFFFD' : ch);
        var text = folded.ToString();
        if (text.Contains('|') || string.IsNullOrWhiteSpace(text)) return Inline(value);

        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        // CommonMark strips one space from each side when both are present; pad so the value survives.
        var pad = text[0] == '`' || text[^1] == '`' || (text[0] == ' ' && text[^1] == ' ') ? " " : "";
        return fence + pad + text + pad + fence;
    }

    /// <summary>
    /// Percent-encodes one URL path segment (RFC 3986 unreserved characters stay), so that a file name
    /// can go into a link destination without closing it or changing the path.
    /// </summary>
    public static string UrlSegment(string segment) => Uri.EscapeDataString(segment);

    /// <summary>
    /// Makes a caller-given URL prefix safe as a Markdown link destination: characters that would end or
    /// break the destination (space, parentheses, angle brackets, quotes, backslash, controls, non-ASCII)
    /// are percent-encoded; the rest is kept so that "../../" or an absolute base still works.
    /// </summary>
    public static string UrlPrefix(string prefix)
    {
        var o = new StringBuilder(prefix.Length);
        foreach (var b in Encoding.UTF8.GetBytes(prefix))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~/:@!$&'*+,;=%?#".Contains(c))) o.Append(c);
            else o.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return o.ToString();
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool IsFolded(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';

    // Punctuation that neither CommonMark nor a Markdig/GitHub extension treats as syntax inline:
    // left as-is so that paths and messages stay readable in the raw file.
    private static bool IsInert(char c) => c is '/' or ',' or ';' or '?' or '%' or '\'';
}
