using System.Globalization;
using System.Text.Json;
using GateKit.Gates.Quality;

namespace GateKit.Thresholds;

/// <summary>A threshold's value: a number, or a [min, max] range for between.</summary>
public readonly record struct ThresholdValue(double Value, double? Max)
{
    public static bool TryParse(JsonElement element, ComparisonOp op, out ThresholdValue value, out string problem)
    {
        value = default;
        problem = "";
        if (op == ComparisonOp.Between)
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2
                || element[0].ValueKind != JsonValueKind.Number || element[1].ValueKind != JsonValueKind.Number)
            {
                problem = "between needs a threshold [min, max] of two numbers";
                return false;
            }
            var (min, max) = (element[0].GetDouble(), element[1].GetDouble());
            if (min > max)
            {
                problem = $"between needs min <= max, found [{Format(min)}, {Format(max)}]";
                return false;
            }
            value = new ThresholdValue(min, max);
            return true;
        }
        if (element.ValueKind != JsonValueKind.Number || !double.IsFinite(element.GetDouble()))
        {
            problem = "threshold must be a finite number";
            return false;
        }
        value = new ThresholdValue(element.GetDouble(), null);
        return true;
    }

    /// <summary>Parses a --set value: "0.9" or "0.5..1" / "[0.5,1]" for a range.</summary>
    public static bool TryParse(string text, ComparisonOp op, out ThresholdValue value)
    {
        value = default;
        var t = text.Trim().TrimStart('[').TrimEnd(']');
        if (op == ComparisonOp.Between)
        {
            var parts = t.Split([',', ';'], StringSplitOptions.TrimEntries);
            if (parts.Length == 1) parts = t.Split("..", StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !TryNumber(parts[0], out var min) || !TryNumber(parts[1], out var max) || min > max) return false;
            value = new ThresholdValue(min, max);
            return true;
        }
        if (!TryNumber(t, out var v)) return false;
        value = new ThresholdValue(v, null);
        return true;
    }

    /// <summary>
    /// True when <paramref name="candidate"/> accepts something this value rejects: a lower minimum,
    /// a higher maximum, a wider range, or any change to an equality.
    /// </summary>
    public bool IsLooserThan(ThresholdValue candidate, ComparisonOp op) => op switch
    {
        ComparisonOp.AtLeast => candidate.Value < Value,
        ComparisonOp.AtMost => candidate.Value > Value,
        ComparisonOp.Equal => candidate.Value != Value,
        _ => candidate.Value < Value || candidate.Max > Max,
    };

    public override string ToString() => Max is { } max ? $"[{Format(Value)}, {Format(max)}]" : Format(Value);

    private static bool TryNumber(string s, out double d) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);

    private static string Format(double d) => Numbers.Format(d);
}
