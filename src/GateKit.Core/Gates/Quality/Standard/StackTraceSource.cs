using System.Globalization;
using System.Text.RegularExpressions;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Where a failed test failed, from a .NET stack trace: the first frame with a source position
/// ("at Ns.Type.Method() in /path/File.cs:line 12"), which is the test's own code or the code it called.
/// </summary>
public static partial class StackTraceSource
{
    /// <summary>The first frame's file (as the trace spells it) and 1-based line, or null when no frame has one.</summary>
    public static Location? Of(string? stackTrace)
    {
        if (string.IsNullOrEmpty(stackTrace)) return null;
        var match = Frame().Match(stackTrace);
        if (!match.Success || !int.TryParse(match.Groups["line"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line < 1)
            return null;
        return new Location(match.Groups["path"].Value.Trim(), line);
    }

    // One line of a frame only: the path never spans a newline; bounded so a hostile trace cannot make it slow.
    [GeneratedRegex(@" in (?<path>[^\r\n]{1,1024}?):line (?<line>\d{1,9})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Frame();
}
