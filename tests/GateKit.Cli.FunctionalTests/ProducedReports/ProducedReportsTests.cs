using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Coverage;
using GateKit.Gates.Quality.Standard;
using GateKit.Results;
using GateKit.Tests.Support;
using static GateKit.Tests.Gates.Quality.StandardReports;

namespace GateKit.Cli.Tests.ProducedReports;

/// <summary>
/// The readers on reports the real tools made for a run with one passing, one failing and one skipped test, a compiler
/// warning and a source file no test runs (coverage from coverlet.collector, Cobertura and lcov).
/// </summary>
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

    [Theory]
    [InlineData("cobertura", ProducedReportsFixture.CoberturaGlob)]
    [InlineData("lcov", ProducedReportsFixture.LcovGlob)]
    public void Coverage_by_coverlet_maps_onto_the_checkout_and_is_a_ratio(string format, string path)
    {
        var outcome = Metrics(run.Root, format, path, CoverageReportReader.LineRate, CoverageReportReader.LinesValid, CoverageReportReader.LinesCovered);
        Assert.True(outcome.Findings.Count == 0, string.Join("\n", outcome.Findings) + run.TestOutput);
        Assert.InRange(outcome.Metrics["m0"], 0.01, 0.99);
        Assert.Equal(outcome.Metrics["m2"] / outcome.Metrics["m1"], outcome.Metrics["m0"], 12);
        Assert.True(outcome.Metrics["m1"] - outcome.Metrics["m2"] >= ProducedReportsFixture.UncoveredLines.Length, "the uncovered file's statements are coverable and not covered");
        Assert.Single(outcome.Inputs);
    }

    /// <summary>
    /// The produced reports read in another checkout (a git repository whose topic branch adds the file no test runs and
    /// changes a covered line): their absolute paths name the fixture's folder, so every path is mapped by suffix.
    /// </summary>
    [Theory]
    [InlineData("cobertura", ProducedReportsFixture.CoberturaGlob)]
    [InlineData("lcov", ProducedReportsFixture.LcovGlob)]
    public void Coverage_on_new_code_finds_the_uncovered_file_in_another_checkout(string format, string path)
    {
        using var repo = new GitRepository();
        var prices = File.ReadAllText(Path.Combine(run.Root, "Sample/Prices.cs"));
        repo.Write("Sample/Prices.cs", prices.Replace("return Math.Round", "return  Math.Round", StringComparison.Ordinal));
        repo.Write(".gitignore", "out/\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "topic");
        repo.Write("Sample/Prices.cs", prices);
        repo.Write(ProducedReportsFixture.UncoveredFile, File.ReadAllText(Path.Combine(run.Root, ProducedReportsFixture.UncoveredFile)));
        repo.Commit("topic");
        foreach (var report in Directory.EnumerateFiles(Path.Combine(run.Root, "out", "coverage"), "coverage.*", SearchOption.AllDirectories))
            repo.Write(Path.GetRelativePath(run.Root, report), File.ReadAllText(report));

        var outcome = Evaluate(repo.Path, ConfigFor(format, path,
            """{ "id": "new_code", "report": "r", "metric": "coverage.new_lines", "op": ">=", "threshold": 0.8, "severity": "P0", "changed": { "base": "main" } }"""));

        Assert.InRange(outcome.Metrics["new_code"], 0.01, 0.99);
        Assert.DoesNotContain(outcome.Findings, f => f.Code == QualityCodes.CoveragePathUnmapped);
        var uncovered = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.NewLinesUncovered);
        Assert.Equal(ProducedReportsFixture.UncoveredFile, uncovered.Location!.File);
        var range = System.Text.RegularExpressions.Regex.Match(uncovered.Message, @"lines? (\d+)(?:-(\d+))?");
        var (first, last) = (int.Parse(range.Groups[1].Value), range.Groups[2].Success ? int.Parse(range.Groups[2].Value) : int.Parse(range.Groups[1].Value));
        Assert.All(ProducedReportsFixture.UncoveredLines, line => Assert.InRange(line, first, last));
        Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.ConditionViolated && f.Subject == "new_code");
    }
}
