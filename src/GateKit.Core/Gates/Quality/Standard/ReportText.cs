namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Text taken from a report into a finding: one line, at most <see cref="MaxLength"/> characters, so a
/// hostile report (a 10 MB message, newlines, markup) cannot break an annotation or a summary line.
/// </summary>
public static class ReportText
{
    public const int MaxLength = 300;

    /// <summary>The first non-blank line of <paramref name="text"/>, trimmed and clipped; "" when there is none.</summary>
    public static string FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty) return Clip(trimmed.ToString());
        }
        return "";
    }

    /// <summary><paramref name="text"/> without control characters, clipped to <see cref="MaxLength"/> with an ellipsis.</summary>
    public static string Clip(string text)
    {
        var clean = string.Create(Math.Min(text.Length, MaxLength + 1), text, static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = char.IsControl(s[i]) ? ' ' : s[i];
        });
        return clean.Length <= MaxLength ? clean : clean[..MaxLength] + "…";
    }
}
