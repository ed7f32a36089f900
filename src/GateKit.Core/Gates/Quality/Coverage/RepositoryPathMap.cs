namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// Maps a path written in a report (absolute, Windows-style, another machine's checkout, a Cobertura source root
/// plus a relative filename) onto one of the repository's files: the file sharing the longest suffix of whole path
/// segments with it, compared case-sensitively (as git does). Two files sharing the same longest suffix make the
/// path ambiguous, and a path whose file name matches no file is unmapped: both are reported, never guessed.
/// </summary>
public sealed class RepositoryPathMap
{
    private readonly Dictionary<string, List<string[]>> byFileName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PathMatch> cache = new(StringComparer.Ordinal);

    /// <param name="repositoryFiles">the repository's files, relative to the root, with '/' separators.</param>
    public RepositoryPathMap(IEnumerable<string> repositoryFiles)
    {
        foreach (var file in repositoryFiles)
        {
            var segments = ReportPath.Segments(file);
            if (segments.Length == 0) continue;
            if (!byFileName.TryGetValue(segments[^1], out var list)) byFileName[segments[^1]] = list = [];
            list.Add(segments);
        }
    }

    /// <summary>The best match of any candidate path (candidates name the same file, e.g. under several source roots).</summary>
    public PathMatch Map(IReadOnlyList<string> candidates)
    {
        var best = Map(candidates[0]);
        for (var i = 1; i < candidates.Count; i++)
        {
            var match = Map(candidates[i]);
            if (match.Length > best.Length || (match.Length == best.Length && best.Kind != MatchKind.Mapped && match.Kind == MatchKind.Mapped)) best = match;
        }
        return best;
    }

    /// <summary>The repository file <paramref name="reportPath"/> stands for.</summary>
    public PathMatch Map(string reportPath)
    {
        if (cache.TryGetValue(reportPath, out var known)) return known;
        var segments = ReportPath.Segments(reportPath);
        var result = new PathMatch(MatchKind.Unmapped, null, [], 0);
        if (segments.Length > 0 && byFileName.TryGetValue(segments[^1], out var files))
        {
            var best = 0;
            var winners = new List<string[]>();
            foreach (var file in files)
            {
                var common = CommonSuffix(segments, file);
                if (common > best) { best = common; winners.Clear(); }
                if (common == best) winners.Add(file);
            }
            result = winners.Count == 1
                ? new PathMatch(MatchKind.Mapped, string.Join('/', winners[0]), [], best)
                : new PathMatch(MatchKind.Ambiguous, null, [.. winners.Select(w => string.Join('/', w)).Order(StringComparer.Ordinal)], best);
        }
        cache[reportPath] = result;
        return result;
    }

    private static int CommonSuffix(string[] a, string[] b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && string.Equals(a[^(n + 1)], b[^(n + 1)], StringComparison.Ordinal)) n++;
        return n;
    }
}

/// <summary>Whether a report path found its repository file.</summary>
public enum MatchKind { Mapped, Ambiguous, Unmapped }

/// <summary>
/// A mapping: the repository file when <see cref="MatchKind.Mapped"/>, the tied files when ambiguous, and how many
/// trailing path segments matched.
/// </summary>
public sealed record PathMatch(MatchKind Kind, string? File, IReadOnlyList<string> Ties, int Length);
