using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Standard;
using GateKit.Results;
using GateKit.Tests.Support;
using static GateKit.Tests.Gates.Quality.StandardReports;

namespace GateKit.Tests.Gates.Quality;

/// <summary>The readers on reports the real tools made for a run with one passing, one failing and one skipped test and a compiler warning.</summary>
public sealed class ProducedReportsTests(ProducedReportsFixture run) : IClassFixture<ProducedReportsFixture>
{
    [Theory]
    [InlineData("trx", ProducedReportsFixture.Trx)]
    [InlineData("junit", ProducedReportsFixture.Junit)]
    [InlineData("trx", "out/*.trx")]
    [InlineData("junit", "**/*.junit.xml")]
    public void Test_results_count_the_run(string format, string path)
    {
        var outcome = Metrics(run.Root, format, path, TestMetrics.Total, TestMetrics.Passed, TestMetrics.Failed, TestMetrics.Skipped, TestMetrics.PassRate, TestMetrics.DurationSeconds);
        Assert.True(outcome.Findings.Count == 0, string.Join("\n", outcome.Findings) + run.TestOutput);
        Assert.Equal([3, 1, 1, 1, 0.5], [outcome.Metrics["m0"], outcome.Metrics["m1"], outcome.Metrics["m2"], outcome.Metrics["m3"], outcome.Metrics["m4"]]);
        Assert.True(outcome.Metrics["m5"] > 0);
        Assert.Single(outcome.Inputs);
    }

    [Theory]
    [InlineData("trx", ProducedReportsFixture.Trx)]
    [InlineData("junit", ProducedReportsFixture.Junit)]
    public void A_violated_condition_lists_the_failed_test_at_its_source_line(string format, string path)
    {
        var outcome = Evaluate(run.Root, ConfigFor(format, path, Condition(TestMetrics.Failed, "<=", "0", "P0", "no_failures")));
        Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.ConditionViolated && f.Subject == "no_failures");
        var failed = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.TestFailed);
        Assert.Equal((Priority.P0, "no_failures"), (failed.Priority, failed.Subject));
        Assert.Equal(new Location(ProducedReportsFixture.FailingTestFile, ProducedReportsFixture.FailingLine), failed.Location);
        Assert.Contains("Half_price", failed.Message);
        Assert.Contains("Assert.Equal() Failure", failed.Message);
        Assert.DoesNotContain('\n', failed.Message);
    }

    [Fact]
    public void A_met_condition_lists_no_failed_test()
    {
        var outcome = Evaluate(run.Root, ConfigFor("trx", ProducedReportsFixture.Trx, Condition(TestMetrics.Failed, "<=", "1")));
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public void Sarif_shards_of_the_build_count_each_result_at_its_level_and_rule()
    {
        var outcome = Metrics(run.Root, "sarif", ProducedReportsFixture.SarifGlob, SarifReader.Error, SarifReader.Warning, SarifReader.Note, "sarif.rule.CS0219", "sarif.rule.CA9999");
        Assert.Empty(outcome.Findings);
        Assert.Equal([0, 1, 1, 1, 0], [outcome.Metrics["m0"], outcome.Metrics["m1"], outcome.Metrics["m2"], outcome.Metrics["m3"], outcome.Metrics["m4"]]);
        Assert.Equal(["out/sarif/Sample.Tests.sarif", "out/sarif/Sample.sarif"], outcome.Inputs.Select(i => i.Path));
    }

    [Fact]
    public void A_violated_sarif_condition_lists_the_result_at_its_file_line_and_column()
    {
        var outcome = Evaluate(run.Root, ConfigFor("sarif", ProducedReportsFixture.SarifGlob, Condition(SarifReader.Warning, "<=", "0", "P1", "no_warnings")));
        var result = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.SarifResult);
        Assert.Equal(new Location("Sample/Prices.cs", 8, 13), result.Location);
        Assert.StartsWith("CS0219 (warning): The variable 'unused'", result.Message);
        Assert.Equal((Priority.P1, "no_warnings"), (result.Priority, result.Subject));
    }

    [Fact]
    public void The_same_sarif_results_in_two_shards_count_once()
    {
        var copy = Path.Combine(run.Root, "copy", "Sample.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Path.Combine(run.Root, "out", "sarif", "Sample.sarif"), copy, overwrite: true);
        var outcome = Metrics(run.Root, "sarif", "**/Sample.sarif", SarifReader.Warning, "sarif.rule.CS0219");
        Assert.Equal([1, 1], [outcome.Metrics["m0"], outcome.Metrics["m1"]]);
        Assert.Equal(2, outcome.Inputs.Count);
    }

    [Fact]
    public void Test_shards_are_summed()
    {
        var copy = Path.Combine(run.Root, "leg2", "tests.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Path.Combine(run.Root, ProducedReportsFixture.Trx), copy, overwrite: true);
        var outcome = Metrics(run.Root, "trx", "**/tests.trx", TestMetrics.Total, TestMetrics.Failed, TestMetrics.PassRate);
        Assert.Equal([6, 2, 0.5], [outcome.Metrics["m0"], outcome.Metrics["m1"], outcome.Metrics["m2"]]);
    }
}
