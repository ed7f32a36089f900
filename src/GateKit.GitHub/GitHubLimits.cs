using System.Text;

namespace GateKit.GitHub;

/// <summary>
/// Every size limit GitHub imposes on what GateKit sends, in one place. Past these GitHub rejects the
/// request ("summary exceeds a maximum bytesize of 65535") or silently drops content, which is what
/// the users of other reporters run into; nothing else in GateKit hard-codes them.
/// </summary>
public static class GitHubLimits
{
    /// <summary>Check run output summary and text: each at most 65,535 bytes of UTF-8.</summary>
    public const int CheckOutputBytes = 65_535;

    /// <summary>Annotations accepted per create/update call; more go into further update calls.</summary>
    public const int AnnotationsPerRequest = 50;

    /// <summary>A job step summary must stay under 1 MiB; GitHub refuses to show a larger one.</summary>
    public const int StepSummaryBytes = 1024 * 1024;

    /// <summary>An issue or PR comment body: at most 65,536 characters.</summary>
    public const int CommentChars = 65_536;

    /// <summary>Check run output title and annotation title: kept to 255 characters.</summary>
    public const int TitleChars = 255;

    /// <summary>An annotation message: at most 64 KB.</summary>
    public const int AnnotationMessageBytes = 64 * 1024 - 1;

    public static int Utf8Bytes(string s) => Encoding.UTF8.GetByteCount(s);

    /// <summary>The longest prefix of <paramref name="s"/> within <paramref name="maxBytes"/> UTF-8 bytes, never splitting a surrogate pair.</summary>
    public static string TruncateUtf8(string s, int maxBytes, string ellipsis = "…")
    {
        if (Utf8Bytes(s) <= maxBytes) return s;
        var budget = maxBytes - Utf8Bytes(ellipsis);
        if (budget <= 0) return "";
        var used = 0;
        var end = 0;
        while (end < s.Length)
        {
            var width = char.IsHighSurrogate(s[end]) && end + 1 < s.Length && char.IsLowSurrogate(s[end + 1]) ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(s.AsSpan(end, width));
            if (used + bytes > budget) break;
            used += bytes;
            end += width;
        }
        return s[..end] + ellipsis;
    }

    /// <summary>At most <paramref name="max"/> UTF-16 characters, never splitting a surrogate pair.</summary>
    public static string TruncateChars(string s, int max, string ellipsis = "…")
    {
        if (s.Length <= max) return s;
        var end = max - ellipsis.Length;
        if (end > 0 && char.IsHighSurrogate(s[end - 1])) end--;
        return s[..Math.Max(0, end)] + ellipsis;
    }
}
