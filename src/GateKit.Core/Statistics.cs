namespace GateKit;

/// <summary>Order statistics used by relative thresholds and trend summaries.</summary>
public static class Statistics
{
    /// <summary>The median; the mean of the two middle values for an even count, taken in decimal (see <see cref="Numbers"/>).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : Mean2(sorted[mid - 1], sorted[mid]);
    }

    private static double Mean2(double a, double b)
    {
        if (Numbers.Exact(a) is { } x && Numbers.Exact(b) is { } y) return Numbers.Mean([x, y]);
        return (a + b) / 2;
    }
}
