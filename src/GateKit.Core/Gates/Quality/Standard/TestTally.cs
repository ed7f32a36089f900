using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Counts test results across the shards of one report. Shards are summed: a test that ran in two matrix
/// legs (two shards) counts once per shard, as each leg's run is a run of its own.
/// </summary>
public sealed class TestTally
{
    private readonly List<ReportedItem> _failures = [];
    private long _passed, _failed, _skipped;
    private double _seconds;

    public void Add(TestOutcome outcome, double seconds)
    {
        switch (outcome)
        {
            case TestOutcome.Passed: _passed++; break;
            case TestOutcome.Failed: _failed++; break;
            default: _skipped++; break;
        }
        _seconds += seconds;
    }

    /// <summary>Counts a failed test and keeps it as an item: its name, its message's first line and where it failed.</summary>
    public void AddFailure(string name, string? message, Location? source, Location inReport, double seconds)
    {
        Add(TestOutcome.Failed, seconds);
        var text = ReportText.FirstLine(message);
        _failures.Add(new ReportedItem(QualityCodes.TestFailed, text.Length == 0 ? $"{ReportText.Clip(name)} failed" : $"{ReportText.Clip(name)} failed: {text}",
            source, inReport, [TestMetrics.Failed, TestMetrics.PassRate]));
    }

    /// <summary>The counts of all <paramref name="tallies"/> (the shards read to their end) added up.</summary>
    public static TestTally Sum(IEnumerable<TestTally> tallies)
    {
        var sum = new TestTally();
        foreach (var t in tallies)
        {
            sum._passed += t._passed;
            sum._failed += t._failed;
            sum._skipped += t._skipped;
            sum._seconds += t._seconds;
            sum._failures.AddRange(t._failures);
        }
        return sum;
    }

    /// <summary>The metrics and items of every shard counted; a run that executed no test is a P0 finding and has no pass rate.</summary>
    public StandardReading Reading(string reportId, string path, List<Finding> findings, List<InputDigest> inputs, int usableShards)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (usableShards > 0)
        {
            var total = _passed + _failed + _skipped;
            metrics[TestMetrics.Total] = total;
            metrics[TestMetrics.Passed] = _passed;
            metrics[TestMetrics.Failed] = _failed;
            metrics[TestMetrics.Skipped] = _skipped;
            metrics[TestMetrics.DurationSeconds] = Math.Round(_seconds, 6);
            var executed = _passed + _failed;
            if (executed > 0) metrics[TestMetrics.PassRate] = Numbers.Ratio(_passed, executed);
            else
                findings.Add(new Finding(QualityCodes.TestsNoneExecuted, Priority.P0,
                    $"report '{reportId}' ({path}) lists {total} test results and none was executed: a run that tested nothing never passes",
                    new Location(path), reportId));
        }
        return new StandardReading(metrics, findings, _failures, inputs);
    }
}
