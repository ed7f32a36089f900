using System.Globalization;
using System.Text.Json;

namespace GateKit;

/// <summary>
/// Numbers compare as the user wrote them (spec: "a value equal to its threshold in decimal is equal").
/// The rule, applied by every gate, by relative thresholds, trends, `runs compare` and promotion rates:
/// a number read from JSON is taken as the <see cref="decimal"/> its text spells (28 significant digits);
/// a number recorded as a double (result.json, history) is taken as the shortest decimal that reads back
/// as that double, which is what result.json prints; sums, means, medians, differences and ratios are
/// computed in decimal and recorded as the nearest double. Only a value outside decimal's range
/// (|x| ≥ 7.9e28, or non-zero and below 1e-28 in magnitude, or ±∞) falls back to double arithmetic.
/// </summary>
public static class Numbers
{
    /// <summary>The decimal a double prints as (shortest round-trip text); null outside decimal's range.</summary>
    public static decimal? Exact(double value)
    {
        if (!double.IsFinite(value)) return null;
        if (value == 0) return 0m;
        return decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0
            ? d : null;
    }

    /// <summary>The number a JSON number's text spells, as a decimal; null when it is outside decimal's range.</summary>
    public static decimal? Exact(JsonElement number) =>
        number.TryGetDecimal(out var d) && (d != 0 || number.GetDouble() == 0) ? d : null;

    /// <summary>The double nearest to a decimal (correctly rounded, unlike the cast).</summary>
    public static double ToDouble(decimal value) => double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Compares two numbers as the decimals they print as; doubles only when one is out of decimal's range.</summary>
    public static int Compare(double a, double b) =>
        Exact(a) is { } x && Exact(b) is { } y ? x.CompareTo(y) : a.CompareTo(b);

    /// <summary><paramref name="a"/> − <paramref name="b"/>, in decimal when both are in range.</summary>
    public static double Subtract(double a, double b) =>
        Exact(a) is { } x && Exact(b) is { } y ? ToDouble(x - y) : a - b;

    /// <summary>
    /// (<paramref name="after"/> − <paramref name="before"/>) / |<paramref name="before"/>| in decimal; from zero,
    /// any increase is +∞ and any decrease −∞.
    /// </summary>
    public static double RelativeChange(double before, double after)
    {
        if (before == 0) return after == 0 ? 0 : after > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        if (Exact(before) is { } b && Exact(after) is { } a)
        {
            try { return ToDouble((a - b) / Math.Abs(b)); }
            catch (OverflowException) { }
        }
        return (after - before) / Math.Abs(before);
    }

    /// <summary><paramref name="part"/> / <paramref name="whole"/> in decimal (a rate); <paramref name="whole"/> must not be 0.</summary>
    public static double Ratio(double part, double whole)
    {
        if (Exact(part) is { } p && Exact(whole) is { } w && w != 0)
        {
            try { return ToDouble(p / w); }
            catch (OverflowException) { }
        }
        return part / whole;
    }

    /// <summary>The mean of decimals, recorded as the nearest double.</summary>
    public static double Mean(IReadOnlyCollection<decimal> values)
    {
        decimal sum = 0;
        try
        {
            foreach (var v in values) sum += v;
            return ToDouble(sum / values.Count);
        }
        catch (OverflowException)
        {
            return values.Average(v => (double)v);
        }
    }

    /// <summary>
    /// A number for messages: the decimal it is (<see cref="Exact(double)"/>), without float noise, rounding or an
    /// exponent ("0.021975", "0.000001"); out of decimal's range, the shortest round-trip text ("1E+300", "∞").
    /// </summary>
    public static string Format(double value) =>
        double.IsInfinity(value) ? (value > 0 ? "∞" : "-∞")
        : Exact(value) is { } d ? d.ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);
}
