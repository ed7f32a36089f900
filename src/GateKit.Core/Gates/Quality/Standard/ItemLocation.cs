using GateKit.Inputs;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Where a reported item is shown: at its source file when the path lies in the file root (relative, or
/// absolute under the root's folder), so it reaches annotations and MSBuild at file:line; otherwise (a
/// path from another machine's checkout, or none) at its place in the report, naming the source path in
/// the message so nothing is dropped.
/// </summary>
public static class ItemLocation
{
    public static (Location Location, string Message) Of(ReportedItem item, FileRoot files)
    {
        if (item.Source is not { } source) return (item.InReport, item.Message);
        var path = source.File.Replace('\\', '/');
        if (!IsAbsolute(path)) return (source with { File = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path }, item.Message);
        var root = files.Directory.Replace('\\', '/').TrimEnd('/') + "/";
        if (path.StartsWith(root, StringComparison.Ordinal)) return (source with { File = path[root.Length..] }, item.Message);
        var at = source.Line is { } line ? $"{path}:{line}" : path;
        return (item.InReport, $"{item.Message} (at {ReportText.Clip(at)}, outside {files.Directory})");
    }

    /// <summary>Absolute on this machine or on another: "/…", "C:/…", "//server/…".</summary>
    public static bool IsAbsolute(string path) =>
        path.StartsWith('/') || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '/');
}
