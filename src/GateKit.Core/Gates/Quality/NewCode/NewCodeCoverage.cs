using GateKit.Gates.Quality.Coverage;
using GateKit.Gates.Quality.Standard;

namespace GateKit.Gates.Quality.NewCode;

/// <summary>
/// coverage.new_lines: of the changed lines a coverage report can cover, the share covered; and where the uncovered
/// ones are, as ranges (consecutive uncovered changed lines, with only changed non-coverable lines between, are one
/// range, so a reviewer gets one annotation per gap rather than one per line). Changed lines in files no report
/// covers are not coverable (a README, a project file), which is how diff-cover counts them too.
/// </summary>
public static class NewCodeCoverage
{
    /// <summary>The covered/coverable counts and the uncovered ranges, by file in ordinal order, lines ascending.</summary>
    public static NewCodeResult Of(ChangedLines changed, MergedCoverage coverage)
    {
        long coverable = 0, covered = 0;
        var uncovered = new List<UncoveredLines>();
        foreach (var (file, set) in changed.LinesByPath.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (coverage.Of(file) is not { } lines) continue;
            int? first = null;
            int last = 0, previous = int.MinValue;
            foreach (var line in set.Where(l => l <= lines.LastLine).Order())
            {
                // An unchanged line between two changed ones ends the range: it is not this change's to cover.
                if (line != previous + 1 && first is { } f) { uncovered.Add(new UncoveredLines(file, f, last)); first = null; }
                previous = line;
                var state = lines.State(line);
                if (state == LineState.NotCoverable) continue;
                coverable++;
                if (state == LineState.Covered)
                {
                    covered++;
                    if (first is { } g) uncovered.Add(new UncoveredLines(file, g, last));
                    first = null;
                    continue;
                }
                first ??= line;
                last = line;
            }
            if (first is { } start) uncovered.Add(new UncoveredLines(file, start, last));
        }
        return new NewCodeResult(coverable, covered, uncovered);
    }
}

/// <summary>Uncovered changed lines <see cref="First"/>..<see cref="Last"/> (1-based, inclusive) of a repository file.</summary>
public sealed record UncoveredLines(string File, int First, int Last);

/// <summary>
/// Coverage of changed lines: <see cref="Rate"/> is null when no changed line is coverable (not applicable, never a
/// pass by 0/0); <see cref="Uncovered"/> lists the uncovered ranges in file order.
/// </summary>
public sealed record NewCodeResult(long Coverable, long Covered, IReadOnlyList<UncoveredLines> Uncovered)
{
    public double? Rate => Coverable == 0 ? null : (double)Covered / Coverable;
}
