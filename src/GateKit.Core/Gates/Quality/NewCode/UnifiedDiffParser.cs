using System.Globalization;
using System.Text;

namespace GateKit.Gates.Quality.NewCode;

/// <summary>
/// Reads the added lines out of <c>git diff --unified=0</c> output: per <c>+++ b/path</c> file, each hunk
/// <c>@@ -a[,b] +c[,d] @@</c> adds lines c..c+d-1 (d omitted means 1; d = 0 adds none). A hunk's body is consumed by
/// its counts, so an added line that itself starts with "+++ " or "@@" is never taken for a header; "\ No newline at
/// end of file" markers are skipped. A deleted file (<c>+++ /dev/null</c>), a pure rename and a binary file add no
/// lines. Paths git C-quotes (<c>"b/t\303\251st.cs"</c>, a tab, a quote) are unquoted as UTF-8, and the tab git adds
/// after a name containing a space is dropped.
/// </summary>
public static class UnifiedDiffParser
{
    /// <summary>Parses the diff; <paramref name="prefix"/> is the destination prefix the diff was made with (<c>--dst-prefix</c>).</summary>
    /// <exception cref="FormatException">a malformed hunk header or a hunk shorter than its counts.</exception>
    public static Dictionary<string, List<LineRange>> Parse(TextReader diff, string prefix = "b/")
    {
        var files = new Dictionary<string, List<LineRange>>(StringComparer.Ordinal);
        List<LineRange>? current = null;
        var lineNumber = 0;
        while (diff.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith("diff --git ", StringComparison.Ordinal)) current = null;
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                var path = Path(line[4..], prefix);
                current = path is null ? null : files.TryGetValue(path, out var known) ? known : files[path] = [];
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                var (oldCount, newStart, newCount) = Header(line, lineNumber);
                if (newCount > 0) current?.Add(new LineRange(newStart, newStart + newCount - 1));
                // Consume exactly the hunk's body: oldCount '-' lines, newCount '+' lines (no context at -U0).
                var remainingOld = oldCount;
                var remainingNew = newCount;
                while (remainingOld > 0 || remainingNew > 0)
                {
                    var body = diff.ReadLine() ?? throw new FormatException($"diff line {lineNumber}: hunk '{line}' ends early");
                    lineNumber++;
                    if (body.StartsWith('-')) remainingOld--;
                    else if (body.StartsWith('+')) remainingNew--;
                    else if (body.StartsWith(' ')) { remainingOld--; remainingNew--; }
                    else if (!body.StartsWith('\\')) throw new FormatException($"diff line {lineNumber}: '{body}' is not a hunk line of '{line}'");
                }
            }
        }
        foreach (var ranges in files.Values) Normalize(ranges);
        return files;
    }

    private static (int OldCount, int NewStart, int NewCount) Header(string line, int lineNumber)
    {
        // "@@ -a[,b] +c[,d] @@ optional section heading"
        var parts = line.Split(' ', 4);
        if (parts.Length < 4 || parts[1][0] != '-' || parts[2][0] != '+' || !parts[3].StartsWith("@@", StringComparison.Ordinal))
            throw new FormatException($"diff line {lineNumber}: '{line}' is not a hunk header");
        var (_, oldCount) = Range(parts[1][1..], line, lineNumber);
        var (newStart, newCount) = Range(parts[2][1..], line, lineNumber);
        return (oldCount, newStart, newCount);
    }

    private static (int Start, int Count) Range(string text, string line, int lineNumber)
    {
        var comma = text.IndexOf(',');
        var start = comma < 0 ? text : text[..comma];
        var count = comma < 0 ? "1" : text[(comma + 1)..];
        return int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            ? (s, c)
            : throw new FormatException($"diff line {lineNumber}: '{line}' has a malformed range '{text}'");
    }

    /// <summary>The path of a "+++ " line without its prefix; null for /dev/null (a deleted file).</summary>
    private static string? Path(string text, string prefix)
    {
        if (text == "/dev/null") return null;
        var path = text.StartsWith('"') ? Unquote(text) : text.EndsWith('\t') ? text[..^1] : text;
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
    }

    /// <summary>Undoes git's C-style quoting: \a \b \t \n \v \f \r \" \\ and \ooo octal bytes, decoded as UTF-8.</summary>
    private static string Unquote(string quoted)
    {
        var end = quoted.LastIndexOf('"');
        var bytes = new List<byte>(quoted.Length);
        for (var i = 1; i < end; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }
            var e = quoted[++i];
            if (e is >= '0' and <= '7')
            {
                bytes.Add((byte)Convert.ToInt32(quoted.Substring(i, 3), 8));
                i += 2;
                continue;
            }
            bytes.Add((byte)(e switch { 'a' => '\a', 'b' => '\b', 't' => '\t', 'n' => '\n', 'v' => '\v', 'f' => '\f', 'r' => '\r', _ => e }));
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static void Normalize(List<LineRange> ranges)
    {
        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var merged = 0;
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].First <= ranges[merged].Last + 1) ranges[merged] = ranges[merged] with { Last = Math.Max(ranges[merged].Last, ranges[i].Last) };
            else ranges[++merged] = ranges[i];
        }
        if (ranges.Count > 0) ranges.RemoveRange(merged + 1, ranges.Count - merged - 1);
    }
}
