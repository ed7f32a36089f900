using System.Text.Json;
using GateKit.Json;

namespace GateKit.Gates.Quality;

/// <summary>
/// Accumulates one condition's aggregate over the cases of a JSONL report, one case at a time, so
/// that only the values the condition needs are kept.
/// </summary>
public sealed class CaseAggregator(ConditionConfig condition)
{
    private readonly List<double> _values = [];
    // The values as the report spells them, for a mean in decimal (Numbers); dropped when one is out of decimal's range.
    private List<decimal>? _exact = [];
    private int _cases, _matches, _invalid;
    private long? _firstInvalidLine;

    public ConditionConfig Condition { get; } = condition;
    public int Invalid => _invalid;
    public long? FirstInvalidLine => _firstInvalidLine;

    public void Add(JsonElement @case, long line)
    {
        _cases++;
        var found = JsonPointer.TryResolve(@case, Condition.Pointer, out var value) && value.ValueKind != JsonValueKind.Null;
        switch (Condition.Aggregate)
        {
            case Aggregate.Count:
                if (found) _matches++;
                break;
            case Aggregate.Rate:
                var expected = Condition.EqualsValue;
                if (found && (expected is { } e ? JsonElement.DeepEquals(value, e) : value.ValueKind == JsonValueKind.True)) _matches++;
                break;
            default:
                if (found && value.ValueKind == JsonValueKind.Number)
                {
                    _values.Add(value.GetDouble());
                    if (Numbers.Exact(value) is { } exact) _exact?.Add(exact);
                    else _exact = null;
                }
                else
                {
                    _invalid++;
                    _firstInvalidLine ??= line;
                }
                break;
        }
    }

    /// <summary>The aggregate, or null when there is no value to aggregate.</summary>
    public double? Result() => Condition.Aggregate switch
    {
        Aggregate.Count => _matches,
        Aggregate.Rate => _cases == 0 ? null : Numbers.Ratio(_matches, _cases),
        _ when _values.Count == 0 => null,
        Aggregate.Mean => _exact is null ? _values.Average() : Numbers.Mean(_exact),
        Aggregate.P50 => Percentile(_values, 50),
        Aggregate.P95 => Percentile(_values, 95),
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
