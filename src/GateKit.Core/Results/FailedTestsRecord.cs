using System.Text.Json.Serialization;

namespace GateKit.Results;

/// <summary>
/// The failed tests of one test report (trx, junit) in one run, recorded in result.json and the history so that the
/// next run can tell which failures are new (<c>tests.new_failed</c>): each test's full name as the report gives it
/// (clipped to 300 characters), distinct, in ordinal order, at most <see cref="MaxTests"/> of them.
/// </summary>
/// <param name="Tests">The names, at most <see cref="MaxTests"/>.</param>
/// <param name="Count">How many distinct tests failed: more than <paramref name="Tests"/> holds when the list was cut.</param>
public sealed record FailedTestsRecord(IReadOnlyList<string> Tests, int Count)
{
    /// <summary>Keeps a history line bounded: a run with more failures cannot tell new ones from old ones anyway.</summary>
    public const int MaxTests = 1000;

    /// <summary>Whether every failed test is listed.</summary>
    [JsonIgnore]
    public bool Complete => Tests.Count == Count;

    public static FailedTestsRecord Of(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new FailedTestsRecord(distinct.Take(MaxTests).ToList(), distinct.Count);
    }
}
