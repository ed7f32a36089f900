using System.Security.Cryptography;
using System.Text;
using GateKit.Results;

namespace GateKit.Output.Reports;

/// <summary>
/// Text from inputs made safe for every report format: unpaired surrogates become U+FFFD (UTF-8 and
/// JSON writers reject them), control characters XML 1.0 cannot hold are dropped, and messages are
/// clipped so a hostile 10 MB message cannot make a report its consumers refuse.
/// </summary>
public static class ReportText
{
    /// <summary>The longest message, in UTF-16 code units, a report carries; result.json keeps the full text.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>
    /// Replaces unpaired surrogates with U+FFFD and removes the characters XML 1.0 forbids
    /// (U+0000-U+001F except tab, line feed and carriage return; U+FFFE, U+FFFF). Valid text is returned as is.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = null;
            var pairLength = 1;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) pairLength = 2;
            else if (char.IsSurrogate(c)) replacement = "\uFFFD";
            else if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF') replacement = "";
            if (replacement is null)
            {
                sb?.Append(text, i, pairLength);
            }
            else
            {
                sb ??= new StringBuilder(text.Length).Append(text, 0, i);
                sb.Append(replacement);
            }
            i += pairLength - 1;
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>A finding's message, cleaned and clipped to <see cref="MaxMessageLength"/> with a note saying so.</summary>
    public static string Message(string message)
    {
        var clean = Clean(message);
        return clean.Length <= MaxMessageLength ? clean : $"{Clip(clean)}… (clipped from {clean.Length} characters; the full message is in result.json)";
    }

    private static string Clip(string clean) =>
        clean[..(char.IsHighSurrogate(clean[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength)];

    /// <summary>
    /// A finding's identity across runs, 64 lower-case hex digits: SHA-256 over gate, code, file and the full
    /// message — not the line, so that moving code does not make it a new finding.
    /// </summary>
    public static string Fingerprint(string gate, Finding finding)
    {
        var text = string.Join('\0', gate, finding.Code, finding.Location?.File ?? "", Clean(finding.Message));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A finding's file as a forward-slash relative path, cleaned and clipped to <see cref="MaxMessageLength"/>; the config file when the finding has none.</summary>
    public static string FilePath(RunResult result, Finding finding)
    {
        var clean = Clean((finding.Location?.File ?? result.Config.Path).Replace('\\', '/'));
        return clean.Length <= MaxMessageLength ? clean : Clip(clean) + "…";
    }
}
