namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// The lines added or changed since a base revision, per path relative to the gate's root ('/'-separated), 1-based,
/// as <see cref="NewCode.GitChangedLines"/> computes them from <c>git diff --unified=0 -M</c>. Readers use it for
/// new-code metrics (coverage on changed lines, analyzer results on changed lines). A deleted file, a pure rename and
/// a binary file have no changed lines.
/// </summary>
public sealed record ChangedLines(IReadOnlyDictionary<string, IReadOnlySet<int>> LinesByPath)
{
    /// <summary>Whether <paramref name="line"/> of <paramref name="path"/> was added or changed.</summary>
    public bool Contains(string path, int line) => LinesByPath.TryGetValue(path, out var lines) && lines.Contains(line);
}
