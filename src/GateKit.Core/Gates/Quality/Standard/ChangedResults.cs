using GateKit.Gates.Quality.Coverage;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Decides whether a SARIF result lies on a changed line: its path is placed in the repository first (a relative
/// path as it is, an absolute one by <see cref="RepositoryPathMap"/>, built on first need from the root's files),
/// then looked up in <see cref="ChangedLines"/>. Absolute paths that map to no single file are collected in
/// <see cref="Unmapped"/> (ordinal order) so the reader names them once.
/// </summary>
public sealed class ChangedResults(ChangedLines changed, Inputs.FileRoot? root)
{
    private RepositoryPathMap? map;
    private readonly SortedSet<string> unmapped = new(StringComparer.Ordinal);

    /// <summary>Absolute result paths that match no single repository file.</summary>
    public IReadOnlyCollection<string> Unmapped => unmapped;

    /// <summary>The result's location with its repository path when its start line was changed; otherwise null.</summary>
    public Location? At(Location? source)
    {
        if (source is not { Line: { } line }) return null;
        var file = RepositoryPath(source.File);
        return file is not null && changed.Contains(file, line) ? source with { File = file } : null;
    }

    private string? RepositoryPath(string path)
    {
        var normalized = path.Replace('\\', '/');
        if (!ItemLocation.IsAbsolute(normalized)) return normalized.StartsWith("./", StringComparison.Ordinal) ? normalized[2..] : normalized;
        if (root is null) return null;
        map ??= new RepositoryPathMap(RepositoryFiles.Under(root.Directory));
        var match = map.Map(normalized);
        if (match.Kind == MatchKind.Mapped) return match.File;
        unmapped.Add(path);
        return null;
    }
}
