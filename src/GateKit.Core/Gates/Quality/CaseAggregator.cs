using System.Text.Json;
using GateKit.Json;

namespace GateKit.Gates.Quality;

/// <summary>
/// Accumulates one condition's aggregate over the cases of a JSONL report, one case at a time, so
/// that only the values the condition needs are kept.
/// </summary>
public sealed class CaseAggregator(ConditionConfig condition)
{
    private readonly List<double> values = [];
    // The values as the report spells them, for a mean in decimal (Numbers); dropped when one is out of decimal's range.
    private List<decimal>? exactValues = [];
    private int cases, matches, invalid;
    private long? firstInvalidLine;

    public ConditionConfig Condition { get; } = condition;
    public int Invalid => invalid;
    public long? FirstInvalidLine => firstInvalidLine;

    public void Add(JsonElement @case, long line)
    {
        cases++;
        var found = JsonPointer.TryResolve(@case, Condition.Pointer, out var value) && value.ValueKind != JsonValueKind.Null;
        switch (Condition.Aggregate)
        {
            case Aggregate.Count:
                if (found) matches++;
                break;
            case Aggregate.Rate:
                var expected = Condition.EqualsValue;
                if (found && (expected is { } e ? JsonElement.DeepEquals(value, e) : value.ValueKind == JsonValueKind.True)) matches++;
                break;
            default:
                if (found && value.ValueKind == JsonValueKind.Number)
                {
                    values.Add(value.GetDouble());
                    if (Numbers.Exact(value) is { } exact) exactValues?.Add(exact);
                    else exactValues = null;
                }
                else
                {
                    invalid++;
                    firstInvalidLine ??= line;
                }
                break;
        }
    }

    /// <summary>The aggregate, or null when there is no value to aggregate.</summary>
    public double? Result() => Condition.Aggregate switch
    {
        Aggregate.Count => matches,
        Aggregate.Rate => cases == 0 ? null : Numbers.Ratio(matches, cases),
        _ when values.Count == 0 => null,
        Aggregate.Mean => exactValues is null ? values.Average() : Numbers.Mean(exactValues),
        Aggregate.P50 => Percentile(values, 50),
        Aggregate.P95 => Percentile(values, 95),
        _ => null,
    };

    /// <summary>Nearest-rank percentile: the smallest value with at least p% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
