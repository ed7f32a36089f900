namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// The coverable lines of one source file and their hits, indexed by 1-based line number. Arrays, not a
/// dictionary, so that a 2-million-line report costs about 4 bytes a line (issue 18: bounded memory).
/// Recording a line twice (a second <c>&lt;class&gt;</c> of a partial class, a method's copy of its lines, another
/// shard) keeps the larger hit count and branch counts: a line is covered when any report covered it, and the same
/// line is counted once.
/// </summary>
public sealed class FileCoverage
{
    /// <summary>The largest line number accepted; a larger one is a malformed report, not a huge allocation.</summary>
    public const int MaxLine = 1 << 24;

    // hits + 1 per line, so that the default 0 means "not coverable".
    private int[] hitsPlusOne = [];
    private int[]? branchesCovered;
    private int[]? branchesTotal;

    /// <summary>Lines that can be covered (appear in a report).</summary>
    public int LinesValid { get; private set; }

    /// <summary>Coverable lines hit at least once.</summary>
    public int LinesCovered { get; private set; }

    /// <summary>The highest coverable line number, 0 when none.</summary>
    public int LastLine { get; private set; }

    /// <summary>Records a line; <paramref name="line"/> must be in 1..<see cref="MaxLine"/>, counts non-negative.</summary>
    public void Record(int line, long hits, int coveredBranches = 0, int totalBranches = 0)
    {
        if (line < 1 || line > MaxLine) throw new ArgumentOutOfRangeException(nameof(line), line, $"a line number is 1..{MaxLine}");
        var index = line - 1;
        Grow(ref hitsPlusOne, index);
        var stored = (int)Math.Min(hits, int.MaxValue - 1) + 1;
        var previous = hitsPlusOne[index];
        if (previous == 0) LinesValid++;
        if (stored > 1 && previous <= 1) LinesCovered++;
        if (stored > previous) hitsPlusOne[index] = stored;
        LastLine = Math.Max(LastLine, line);
        if (totalBranches <= 0) return;
        branchesCovered ??= [];
        branchesTotal ??= [];
        Grow(ref branchesCovered, index);
        Grow(ref branchesTotal, index);
        branchesCovered[index] = Math.Max(branchesCovered[index], Math.Min(coveredBranches, totalBranches));
        branchesTotal[index] = Math.Max(branchesTotal[index], totalBranches);
    }

    /// <summary>Whether <paramref name="line"/> is coverable, and if so whether it was hit.</summary>
    public LineState State(int line) =>
        line < 1 || line > hitsPlusOne.Length ? LineState.NotCoverable : hitsPlusOne[line - 1] switch
        {
            0 => LineState.NotCoverable,
            1 => LineState.Uncovered,
            _ => LineState.Covered,
        };

    /// <summary>Branch outcomes summed over the file's lines: (covered, total).</summary>
    public (long Covered, long Total) Branches()
    {
        long covered = 0, total = 0;
        if (branchesTotal is null) return (0, 0);
        for (var i = 0; i < branchesTotal.Length; i++)
        {
            covered += branchesCovered![i];
            total += branchesTotal[i];
        }
        return (covered, total);
    }

    /// <summary>Adds every line of <paramref name="other"/> to this file (shards, or two paths mapped to one file).</summary>
    public void MergeFrom(FileCoverage other)
    {
        for (var i = 0; i < other.hitsPlusOne.Length; i++)
        {
            if (other.hitsPlusOne[i] == 0) continue;
            var total = other.branchesTotal is { } t && i < t.Length ? t[i] : 0;
            var covered = total > 0 ? other.branchesCovered![i] : 0;
            Record(i + 1, other.hitsPlusOne[i] - 1, covered, total);
        }
    }

    private static void Grow(ref int[] array, int index)
    {
        if (index < array.Length) return;
        var size = Math.Max(index + 1, Math.Min(array.Length * 2, MaxLine));
        Array.Resize(ref array, Math.Max(size, 16));
    }
}

/// <summary>What a coverage report says about one line.</summary>
public enum LineState { NotCoverable, Uncovered, Covered }
