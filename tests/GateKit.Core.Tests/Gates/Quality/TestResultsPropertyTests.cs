using System.Text;
using CsCheck;
using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Standard;
using GateKit.Tests.Support;
using static GateKit.Tests.Gates.Quality.StandardReports;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// For any set of test results split into any number of shards, in either format, the metrics are the counts of
/// the results: summed over shards, skipped tests outside the pass rate, and no pass rate when nothing ran.
/// </summary>
public sealed class TestResultsPropertyTests
{
    private static readonly Gen<(bool Trx, TestOutcome[][] Shards)> Runs =
        Gen.Select(Gen.Bool, Gen.Enum<TestOutcome>().Array[0, 12].Array[1, 4]);

    [Fact]
    public void Metrics_are_the_counts_of_the_results_in_every_shard()
    {
        Runs.Sample(run =>
        {
            using var root = new TempFolder();
            for (var i = 0; i < run.Shards.Length; i++)
                root.Write($"shards/{i}/tests.xml", run.Trx ? Trx(run.Shards[i]) : Junit(run.Shards[i]));
            var outcome = Metrics(root.Path, run.Trx ? "trx" : "junit", "shards/**/tests.xml",
                TestMetrics.Total, TestMetrics.Passed, TestMetrics.Failed, TestMetrics.Skipped, TestMetrics.PassRate);
            var all = run.Shards.SelectMany(s => s).ToList();
            int passed = all.Count(o => o == TestOutcome.Passed), failed = all.Count(o => o == TestOutcome.Failed);
            Assert.Equal([all.Count, passed, failed, all.Count - passed - failed],
                [outcome.Metrics["m0"], outcome.Metrics["m1"], outcome.Metrics["m2"], outcome.Metrics["m3"]]);
            if (passed + failed == 0)
            {
                Assert.False(outcome.Metrics.ContainsKey("m4"));
                Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.TestsNoneExecuted);
            }
            else Assert.Equal((double)passed / (passed + failed), outcome.Metrics["m4"], 12);
        }, iter: 60);
    }

    private static string Junit(TestOutcome[] outcomes)
    {
        // Nested suites, as Surefire and pytest write them.
        var xml = new StringBuilder("<testsuites><testsuite name=\"outer\"><testsuite name=\"inner\">");
        for (var i = 0; i < outcomes.Length; i++)
            xml.Append(outcomes[i] switch
            {
                TestOutcome.Passed => $"<testcase classname=\"C\" name=\"t{i}\" time=\"0.5\"/>",
                TestOutcome.Failed => i % 2 == 0 ? $"<testcase name=\"t{i}\"><failure message=\"m\">at X</failure></testcase>" : $"<testcase name=\"t{i}\"><error/></testcase>",
                _ => $"<testcase name=\"t{i}\"><skipped/></testcase>",
            });
        return xml.Append("</testsuite></testsuite></testsuites>").ToString();
    }

    private static string Trx(TestOutcome[] outcomes)
    {
        var xml = new StringBuilder("<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>");
        for (var i = 0; i < outcomes.Length; i++)
        {
            var outcome = outcomes[i] switch { TestOutcome.Passed => "Passed", TestOutcome.Failed => i % 2 == 0 ? "Failed" : "Timeout", _ => "NotExecuted" };
            xml.Append($"<UnitTestResult testName=\"t{i}\" duration=\"00:00:00.5\" outcome=\"{outcome}\">");
            if (outcomes[i] == TestOutcome.Failed) xml.Append("<Output><ErrorInfo><Message>m</Message><StackTrace>at T() in /x/T.cs:line 3</StackTrace></ErrorInfo></Output>");
            // Data rows under a result are part of it, not results of their own.
            xml.Append("<InnerResults><UnitTestResult testName=\"row\" outcome=\"Passed\"/></InnerResults></UnitTestResult>");
        }
        return xml.Append("</Results><ResultSummary outcome=\"Completed\"><Counters total=\"999\"/></ResultSummary></TestRun>").ToString();
    }
}
