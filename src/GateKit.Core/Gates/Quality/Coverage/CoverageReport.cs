namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// The files of one coverage report as the report names them (before mapping onto the repository). A file may be
/// named by several candidate paths: Cobertura's relative <c>filename</c> under each of its <c>&lt;source&gt;</c> roots.
/// </summary>
public sealed class CoverageReport
{
    private readonly Dictionary<string, ReportedFile> files = new(StringComparer.Ordinal);

    /// <summary>The files in the order first seen.</summary>
    public IEnumerable<ReportedFile> Files => files.Values;

    /// <summary>The file named <paramref name="name"/> in the report, created on first use with its candidate paths.</summary>
    public FileCoverage File(string name, Func<string, IReadOnlyList<string>> candidates)
    {
        if (!files.TryGetValue(name, out var file)) files[name] = file = new ReportedFile(name, candidates(name), new FileCoverage());
        return file.Coverage;
    }
}

/// <summary>A file as a report names it: the name, the paths it may stand for (most specific first), its lines.</summary>
public sealed record ReportedFile(string Name, IReadOnlyList<string> Candidates, FileCoverage Coverage);
