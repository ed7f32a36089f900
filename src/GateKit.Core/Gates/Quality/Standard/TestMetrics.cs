namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// The metrics of test results, the same for every test report format (trx, junit): counts of test
/// results, the pass rate as a ratio in [0, 1] and the summed duration in seconds.
/// </summary>
public static class TestMetrics
{
    public const string Total = "tests.total";
    public const string Passed = "tests.passed";
    public const string Failed = "tests.failed";
    public const string Skipped = "tests.skipped";
    /// <summary>passed / (total − skipped): skipped tests say nothing either way. Absent when no test was executed.</summary>
    public const string PassRate = "tests.pass_rate";
    /// <summary>The sum of the test results' durations, in seconds (not the wall time of a parallel run).</summary>
    public const string DurationSeconds = "tests.duration_s";
    /// <summary>
    /// Tests that failed in this run and did not fail (passed, were skipped or were absent) in the previous recorded run
    /// of the quality gate with the same profile that read this report; computed by the gate from the history, not by a reader.
    /// </summary>
    public const string NewFailed = "tests.new_failed";

    public static IReadOnlyList<string> Names { get; } = [Total, Passed, Failed, Skipped, PassRate, DurationSeconds, NewFailed];
}
