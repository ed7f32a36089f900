namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// Paths as reports write them, on any machine: POSIX (<c>/home/runner/work/x/src/a.cs</c>), Windows
/// (<c>C:\a\b.cs</c>, <c>\\server\share\a.cs</c>) or relative; split into segments for suffix matching.
/// </summary>
public static class ReportPath
{
    private static readonly char[] Separators = ['/', '\\'];

    /// <summary>Whether the path is absolute on POSIX or on Windows, whatever the current OS.</summary>
    public static bool IsAbsolute(string path) =>
        path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':');

    /// <summary>The path's segments, either separator, without a drive, empty segments or ".".</summary>
    public static string[] Segments(string path)
    {
        var start = path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':' ? 2 : 0;
        var segments = path[start..].Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        return Array.IndexOf(segments, ".") < 0 ? segments : [.. segments.Where(s => s != ".")];
    }
}
