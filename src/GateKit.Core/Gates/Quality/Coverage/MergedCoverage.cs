namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// Coverage of the repository's files, merged from one or more reports (shards of a matrix, or Cobertura and lcov
/// of the same run): report paths are mapped with a <see cref="RepositoryPathMap"/>, then lines are merged per file
/// and line — covered when any report covered it, counted once however many reports name it.
/// Paths that map to no file, or to several, are kept (with the report that named them) to be reported once.
/// </summary>
public sealed class MergedCoverage(RepositoryPathMap map)
{
    private readonly SortedDictionary<string, FileCoverage> files = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, PathMatch> unresolved = new(StringComparer.Ordinal);

    /// <summary>Covered files by repository path.</summary>
    public IReadOnlyDictionary<string, FileCoverage> Files => files;

    /// <summary>Report paths that matched no repository file, or tied between several, by report path.</summary>
    public IReadOnlyDictionary<string, PathMatch> Unresolved => unresolved;

    /// <summary>Adds one report's files.</summary>
    public void Add(CoverageReport report)
    {
        foreach (var reported in report.Files)
        {
            var match = map.Map(reported.Candidates);
            if (match.Kind != MatchKind.Mapped)
            {
                unresolved.TryAdd(reported.Name, match);
                continue;
            }
            if (files.TryGetValue(match.File!, out var existing)) existing.MergeFrom(reported.Coverage);
            else files[match.File!] = reported.Coverage;
        }
    }

    /// <summary>The coverage of <paramref name="repositoryPath"/>, or null when no report covered it.</summary>
    public FileCoverage? Of(string repositoryPath) => files.GetValueOrDefault(repositoryPath);

    /// <summary>coverage.line: covered / coverable lines, a ratio 0..1; null when no line is coverable (not a pass by 0/0).</summary>
    public double? LineRate()
    {
        long valid = 0, covered = 0;
        foreach (var file in files.Values)
        {
            valid += file.LinesValid;
            covered += file.LinesCovered;
        }
        return valid == 0 ? null : (double)covered / valid;
    }

    /// <summary>coverage.branch: covered / total branch outcomes, a ratio 0..1; null when no report has branch data.</summary>
    public double? BranchRate()
    {
        long covered = 0, total = 0;
        foreach (var file in files.Values)
        {
            var (c, t) = file.Branches();
            covered += c;
            total += t;
        }
        return total == 0 ? null : (double)covered / total;
    }
}
