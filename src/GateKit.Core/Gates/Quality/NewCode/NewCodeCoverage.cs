using GateKit.Gates.Quality.Coverage;

namespace GateKit.Gates.Quality.NewCode;

/// <summary>
/// coverage.new_lines: of the changed lines a coverage report can cover, the share covered; and where the uncovered
/// ones are, as ranges (consecutive uncovered lines, with only changed non-coverable lines between, are one range,
/// so a reviewer gets one annotation per gap rather than one per line). Changed lines in files no report covers are
/// not coverable (a README, a project file), which is how diff-cover counts them too.
/// </summary>
public static class NewCodeCoverage
{
    /// <summary>The covered/coverable counts and the uncovered ranges, by file in ordinal order.</summary>
    public static NewCodeResult Of(ChangedLines changed, MergedCoverage coverage)
    {
        long coverable = 0, covered = 0;
        var uncovered = new List<(string File, LineRange Lines)>();
        foreach (var (file, ranges) in changed.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (coverage.Of(file) is not { } lines) continue;
            foreach (var range in ranges)
            {
                int? open = null, last = null;
                for (var line = range.First; line <= Math.Min(range.Last, lines.LastLine); line++)
                {
                    var state = lines.State(line);
                    if (state == LineState.NotCoverable) continue;
                    coverable++;
                    if (state == LineState.Covered)
                    {
                        covered++;
                        if (open is { } o) uncovered.Add((file, new LineRange(o, last!.Value)));
                        open = null;
                        continue;
                    }
                    open ??= line;
                    last = line;
                }
                if (open is { } start) uncovered.Add((file, new LineRange(start, last!.Value)));
            }
        }
        return new NewCodeResult(coverable, covered, uncovered);
    }
}

/// <summary>
/// Coverage of changed lines: <see cref="Rate"/> is null when no changed line is coverable (not applicable, never a
/// pass by 0/0); <see cref="Uncovered"/> lists file and line ranges in file order.
/// </summary>
public sealed record NewCodeResult(long Coverable, long Covered, IReadOnlyList<(string File, LineRange Lines)> Uncovered)
{
    public double? Rate => Coverable == 0 ? null : (double)Covered / Coverable;
}
