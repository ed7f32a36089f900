using GateKit.Gates.Quality;
using GateKit.History;
using GateKit.Results;
using GateKit.Tests.Support;
using static GateKit.Tests.Gates.Quality.StandardReports;

namespace GateKit.Tests.Gates.Quality;

/// <summary>BenchmarkDotNet's full JSON export, from a real short run of samples/dotnet (the command is in samples/dotnet/make-reports.sh).</summary>
public sealed class BenchmarkDotNetReaderTests : IDisposable
{
    private const string Report = "reports/benchmarks/PriceBenchmarks-report-full.json";
    private const string Mean = "benchmark.PriceBenchmarks.Discounted.mean_ns";
    private readonly TempFolder _root = new();

    public BenchmarkDotNetReaderTests() => _root.Write("bench/PriceBenchmarks-report-full.json", File.ReadAllText(SamplePath(Report)));

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Each_benchmark_has_its_mean_median_and_allocations()
    {
        var outcome = Metrics(_root.Path, "benchmarkdotnet", "bench/*.json", Mean, "benchmark.PriceBenchmarks.Discounted.median_ns",
            "benchmark.PriceBenchmarks.Formatted.allocated_bytes", "benchmark.PriceBenchmarks.Formatted.mean_ns");
        Assert.Empty(outcome.Findings);
        Assert.All(outcome.Metrics.Where(m => m.Key.StartsWith('m')), m => Assert.True(m.Value > 0, m.Key));
    }

    [Fact]
    public void A_regression_against_the_previous_run_is_a_violation()
    {
        var mean = Metrics(_root.Path, "benchmarkdotnet", "bench/*.json", Mean).Metrics["m0"];
        var config = ConfigFor("benchmarkdotnet", "bench/*.json",
            """{ "id": "discount_time", "report": "r", "metric": "benchmark.PriceBenchmarks.Discounted.mean_ns", "op": "<=", "threshold": 10, "severity": "P1", "relativeTo": "previous" }""");
        static HistoryRecord Previous(double value) =>
            new(1, "run-1", "2026-11-22T12:00:00Z", "quality", null, GateStatus.Pass, new Dictionary<string, double> { ["discount_time"] = value });
        Assert.Empty(Evaluate(_root.Path, config, [Previous(mean)]).Findings);
        var slower = Evaluate(_root.Path, config, [Previous(mean / 1.5)]);
        Assert.Contains(slower.Findings, f => f.Code == QualityCodes.ConditionViolated && f.Priority == Priority.P1);
    }

    [Fact]
    public void A_benchmark_in_two_shards_keeps_the_first()
    {
        _root.Write("bench/Again-report-full.json", File.ReadAllText(SamplePath(Report)));
        var outcome = Metrics(_root.Path, "benchmarkdotnet", "bench/*.json", Mean);
        Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.BenchmarkRepeated && f.Location!.File == "bench/PriceBenchmarks-report-full.json");
        Assert.True(outcome.Metrics["m0"] > 0);
    }

    [Fact]
    public void A_benchmark_that_did_not_run_has_no_time()
    {
        _root.Write("bench/PriceBenchmarks-report-full.json", """{ "Title": "t", "Benchmarks": [ { "FullName": "B.Failed", "Statistics": null } ] }""");
        var outcome = Metrics(_root.Path, "benchmarkdotnet", "bench/*.json", "benchmark.B.Failed.mean_ns");
        Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.MetricMissing);
    }
}
