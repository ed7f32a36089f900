namespace GateKit.Gates.Docs;

/// <summary>
/// Bounds the work of Markdig's inline-link destination scan before a file is parsed. After each <c>](</c>
/// Markdig (1.6.0, <c>LinkHelper.TryParseUrl</c>) reads the destination up to the next space or control
/// character, or up to the <c>)</c> that closes its <c>(</c>; unlike cmark-gfm it has no limit on nested
/// parentheses, so a line of <c>[a](</c> × N, where no <c>(</c> closes, costs N²/2 character steps (8k → 1 s,
/// 16k → 3.7 s, issue 20 kind 2). This pre-scan computes exactly those lengths in one pass (each <c>(</c> is
/// matched with a stack; an unmatched one runs to the end of its unbroken run of characters), and a file whose
/// total exceeds <see cref="MaxSteps"/> is refused instead of parsed. Ordinary text costs the length of its
/// link destinations, far below the limit.
/// </summary>
public static class LinkScanBudget
{
    /// <summary>Character steps the destination scans of one file may take (2^24, about 0.1 s of Markdig's time).</summary>
    public const long MaxSteps = 1L << 24;

    /// <summary>The 1-based line at which the scans of <paramref name="text"/> exceed <paramref name="maxSteps"/>, or null when they stay within it.</summary>
    public static int? LineOverBudget(string text, long maxSteps = MaxSteps)
    {
        var open = new Stack<(int Offset, bool AfterBracket)>();
        long steps = 0;
        var line = 1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (c == ' ' || char.IsControl(c))
            {
                // The run ends: every "](" still open would have been read to here.
                while (open.Count > 0)
                {
                    var (offset, afterBracket) = open.Pop();
                    if (afterBracket && (steps += i - offset) > maxSteps) return line;
                }
                if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) line++;
                continue;
            }
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '(' or ')') { i++; continue; } // an escaped parenthesis neither opens nor closes
            if (c == '(') open.Push((i, i > 0 && text[i - 1] == ']'));
            else if (c == ')' && open.Count > 0)
            {
                var (offset, afterBracket) = open.Pop();
                if (afterBracket && (steps += i - offset) > maxSteps) return line;
            }
        }
        return null;
    }
}
