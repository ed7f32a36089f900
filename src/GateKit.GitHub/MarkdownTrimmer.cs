using GateKit.Output;

namespace GateKit.GitHub;

/// <summary>
/// Fits summary.md, given as its sections, into a byte budget at a section boundary, the way a reader
/// would want it cut: detail that only confirms a pass (thresholds, trends, inputs) goes first, then
/// whole sections from the end; the banner stays. A cut never leaves a code fence open, and the
/// result ends with one note saying what was left out and where the full summary is.
/// </summary>
public static class MarkdownTrimmer
{
    /// <param name="sections">The sections, in order, '\n' line endings; the first (the banner) is never dropped, only cut.</param>
    /// <param name="maxBytes">UTF-8 budget for the whole result, note included.</param>
    /// <param name="fullSummaryAt">Where a reader finds the whole document (plain text; escaped here).</param>
    public static string Trim(IReadOnlyList<SummarySection> sections, int maxBytes, string fullSummaryAt)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var markdown = string.Concat(sections.Select(s => s.Markdown));
        if (GitHubLimits.Utf8Bytes(markdown) <= maxBytes) return markdown;

        var kept = Enumerable.Range(0, sections.Count).ToList();
        var dropped = new List<int>();
        int Over(bool cut) => Bytes(sections, kept) + GitHubLimits.Utf8Bytes(Note(sections, dropped, fullSummaryAt, cut)) - maxBytes;

        // First the detail sections, last first, whole.
        foreach (var i in kept.Where(i => i > 0 && sections[i].OnlyDetails).Reverse().ToList())
        {
            if (Over(false) <= 0) break;
            kept.Remove(i);
            dropped.Add(i);
        }
        // Then the other sections from the end: whole while that is not enough, else cut at a line.
        string? cutSection = null;
        foreach (var i in kept.Where(i => i > 0).Reverse().ToList())
        {
            if (Over(false) <= 0) break;
            kept.Remove(i);
            if (Over(true) >= 0)
            {
                dropped.Add(i);
                continue;
            }
            cutSection = CutLines(sections[i].Markdown, -Over(true));
            if (cutSection.Length == 0) { dropped.Add(i); cutSection = null; }
            break;
        }
        var body = string.Concat(kept.Select(i => sections[i].Markdown)) + cutSection;
        var note = Note(sections, dropped, fullSummaryAt, cutSection is not null);
        if (GitHubLimits.Utf8Bytes(body) + GitHubLimits.Utf8Bytes(note) > maxBytes)
        {
            // Even the first section alone is too big: cut it at a line outside any code fence.
            note = Note(sections, dropped, fullSummaryAt, true);
            body = CutLines(body, Math.Max(0, maxBytes - GitHubLimits.Utf8Bytes(note)));
        }
        var result = body + note;
        if (GitHubLimits.Utf8Bytes(result) <= maxBytes) return result;
        // No room for any content: the note alone, whole, or nothing (a cut note is broken Markdown).
        var alone = note.TrimStart('\n');
        return GitHubLimits.Utf8Bytes(alone) <= maxBytes ? alone : "";
    }

    private static int Bytes(IReadOnlyList<SummarySection> sections, List<int> kept) => kept.Sum(i => GitHubLimits.Utf8Bytes(sections[i].Markdown));

    private static string Note(IReadOnlyList<SummarySection> sections, List<int> dropped, string fullSummaryAt, bool cut)
    {
        var omitted = dropped.Order().Select(i => sections[i].Title).ToList();
        var what = new List<string>();
        if (omitted.Count > 0) what.Add("left out " + string.Join(", ", omitted.Select(MarkdownText.Inline)));
        if (cut) what.Add("cut the rest short");
        return "\n> [!NOTE]\n> Trimmed to fit GitHub's size limit (" + string.Join("; ", what.DefaultIfEmpty("shortened"))
            + "). The full summary is " + MarkdownText.Inline(fullSummaryAt) + ".\n";
    }

    /// <summary>The longest run of whole lines within the budget whose end is outside every fence.</summary>
    private static string CutLines(string text, int maxBytes)
    {
        var fence = new FenceTracker();
        int used = 0, safeEnd = 0, end = 0;
        foreach (var line in Lines(text))
        {
            var bytes = GitHubLimits.Utf8Bytes(line);
            if (used + bytes > maxBytes) break;
            used += bytes;
            end += line.Length;
            fence.Read(line);
            if (!fence.IsOpen) safeEnd = end;
        }
        return text[..safeEnd];
    }

    /// <summary>Lines with their '\n' kept, so that concatenating them gives the text back.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            yield return text[start..end];
            start = end;
        }
    }

    /// <summary>CommonMark fenced code blocks: ``` or ~~~ (3+), indented at most 3 spaces; closed by the same character, at least as long.</summary>
    private sealed class FenceTracker
    {
        private char fenceChar;
        private int fenceLength;

        public bool IsOpen => fenceLength > 0;

        public void Read(string line)
        {
            var s = line.TrimEnd('\n', '\r');
            var indent = 0;
            while (indent < s.Length && indent < 4 && s[indent] == ' ') indent++;
            if (indent > 3 || indent >= s.Length || s[indent] is not ('`' or '~')) return;
            var c = s[indent];
            var run = 0;
            while (indent + run < s.Length && s[indent + run] == c) run++;
            if (run < 3) return;
            var rest = s[(indent + run)..];
            if (!IsOpen)
            {
                if (c == '`' && rest.Contains('`')) return; // not a fence: backticks in the info string
                fenceChar = c;
                fenceLength = run;
            }
            else if (c == fenceChar && run >= fenceLength && string.IsNullOrWhiteSpace(rest))
            {
                fenceLength = 0;
            }
        }
    }
}
