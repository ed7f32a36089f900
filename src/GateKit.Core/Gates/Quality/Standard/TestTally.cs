using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Counts test results across the shards of one report. Shards are summed: a test that ran in two matrix
/// legs (two shards) counts once per shard, as each leg's run is a run of its own.
/// </summary>
public sealed class TestTally
{
    private readonly List<ReportedItem> failures = [];
    private long passed, failed, skipped;
    private double seconds;

    public void Add(TestOutcome outcome, double seconds)
    {
        switch (outcome)
        {
            case TestOutcome.Passed: passed++; break;
            case TestOutcome.Failed: failed++; break;
            default: skipped++; break;
        }
        this.seconds += seconds;
    }

    /// <summary>Counts a failed test and keeps it as an item: its name, its message's first line and where it failed.</summary>
    public void AddFailure(string name, string? message, Location? source, Location inReport, double seconds)
    {
        Add(TestOutcome.Failed, seconds);
        var text = ReportText.FirstLine(message);
        failures.Add(new ReportedItem(QualityCodes.TestFailed, text.Length == 0 ? $"{ReportText.Clip(name)} failed" : $"{ReportText.Clip(name)} failed: {text}",
            source, inReport, [TestMetrics.Failed, TestMetrics.PassRate, TestMetrics.NewFailed], ReportText.Clip(name)));
    }

    /// <summary>A test report's reading: each shard tallied by <paramref name="readShard"/> (unusable ones a finding), the tallies summed.</summary>
    public static StandardReading Read(IReadOnlyList<ReportSource> shards, ReadContext context, Func<ShardStream, ReportSource, TestTally> readShard,
        CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var inputs = new List<InputDigest>();
        var tallies = ShardParser.ParseEach(shards, context, findings, inputs, readShard, cancellationToken);
        return Sum(tallies).Reading(context.ReportId, shards[0].RelativePath, findings, inputs, tallies.Count);
    }

    /// <summary>The counts of all <paramref name="tallies"/> (the shards read to their end) added up.</summary>
    private static TestTally Sum(IEnumerable<TestTally> tallies)
    {
        var sum = new TestTally();
        foreach (var t in tallies)
        {
            sum.passed += t.passed;
            sum.failed += t.failed;
            sum.skipped += t.skipped;
            sum.seconds += t.seconds;
            sum.failures.AddRange(t.failures);
        }
        return sum;
    }

    /// <summary>The metrics and items of every shard counted; a run that executed no test is a P0 finding and has no pass rate.</summary>
    public StandardReading Reading(string reportId, string path, List<Finding> findings, List<InputDigest> inputs, int usableShards)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (usableShards > 0)
        {
            var total = passed + failed + skipped;
            metrics[TestMetrics.Total] = total;
            metrics[TestMetrics.Passed] = passed;
            metrics[TestMetrics.Failed] = failed;
            metrics[TestMetrics.Skipped] = skipped;
            metrics[TestMetrics.DurationSeconds] = Math.Round(seconds, 6);
            var executed = passed + failed;
            if (executed > 0) metrics[TestMetrics.PassRate] = Numbers.Ratio(passed, executed);
            else
                findings.Add(new Finding(QualityCodes.TestsNoneExecuted, Priority.P0,
                    $"report '{reportId}' ({path}) lists {total} test results and none was executed: a run that tested nothing never passes",
                    new Location(path), reportId));
        }
        return new StandardReading(metrics, findings, failures, inputs);
    }
}
