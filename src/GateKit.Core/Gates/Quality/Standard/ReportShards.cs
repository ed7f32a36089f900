using GateKit.Inputs;
using GateKit.Results;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// The files a report entry's path names: one file, or every file a glob (<c>**/TestResults/*.trx</c>) matches
/// inside the file root, in ordinal order of their relative paths, so shards merge the same way everywhere.
/// A glob that matches nothing is a P0 finding: a gate that read no report must never pass.
/// </summary>
public static class ReportShards
{
    /// <summary>Whether <paramref name="path"/> is a glob rather than one file's path.</summary>
    public static bool IsGlob(string path) => path.Contains('*', StringComparison.Ordinal);

    /// <summary>The shards of <paramref name="path"/> (already tag-expanded), or an empty list with the reason in <paramref name="problem"/>.</summary>
    public static IReadOnlyList<ReportSource> Resolve(FileRoot files, string reportId, string path, out Finding? problem)
    {
        problem = null;
        var relativePaths = IsGlob(path) ? Match(files, path) : [path];
        if (relativePaths.Count == 0)
        {
            problem = new Finding(QualityCodes.ReportMissing, Priority.P0,
                $"report '{reportId}': no file matches '{path}' under {files.Directory}", new Location(path), reportId);
            return [];
        }
        var shards = new List<ReportSource>(relativePaths.Count);
        foreach (var relative in relativePaths)
        {
            if (!files.TryResolve(relative, out var full, out var outside))
            {
                problem = new Finding(QualityCodes.PathOutsideRoot, Priority.P0, $"report '{reportId}': {outside}", new Location(relative), reportId);
                return [];
            }
            if (!File.Exists(full))
            {
                problem = new Finding(QualityCodes.ReportMissing, Priority.P0,
                    $"report '{reportId}': {(Directory.Exists(full) ? $"{relative} is a folder, not a file" : $"{relative} does not exist")}",
                    new Location(relative), reportId);
                return [];
            }
            shards.Add(new ReportSource(relative.Replace('\\', '/'), full));
        }
        return shards;
    }

    private static List<string> Match(FileRoot files, string glob)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(glob);
        var result = matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(files.Directory)));
        return [.. result.Files.Select(f => f.Path).Order(StringComparer.Ordinal)];
    }
}
