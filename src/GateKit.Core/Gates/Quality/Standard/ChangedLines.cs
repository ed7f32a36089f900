namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// The lines added or changed since a base revision, per repository-relative path ('/'-separated), 1-based.
/// Readers use it for new-code metrics (coverage on changed lines, analyzer results on changed lines).
/// </summary>
public sealed record ChangedLines(IReadOnlyDictionary<string, IReadOnlySet<int>> LinesByPath);
