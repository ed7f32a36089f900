namespace GateKit.Gates.Quality.NewCode;

/// <summary>A run of changed lines in a file: 1-based, <see cref="First"/>..<see cref="Last"/> inclusive.</summary>
public readonly record struct LineRange(int First, int Last)
{
    public bool Contains(int line) => line >= First && line <= Last;
}

/// <summary>
/// The lines added or changed since a base, per file (paths relative to the gate's root, '/' separators), each file's
/// ranges sorted and disjoint. A deleted file, a pure rename and a binary file have no changed lines.
/// </summary>
public sealed record ChangedLines(string Base, IReadOnlyDictionary<string, IReadOnlyList<LineRange>> Files)
{
    /// <summary>Whether <paramref name="line"/> of <paramref name="file"/> was added or changed.</summary>
    public bool Contains(string file, int line)
    {
        if (!Files.TryGetValue(file, out var ranges)) return false;
        int low = 0, high = ranges.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (ranges[mid].Last < line) low = mid + 1;
            else if (ranges[mid].First > line) high = mid - 1;
            else return true;
        }
        return false;
    }
}
