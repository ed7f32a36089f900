using System.Text.Json.Nodes;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>samples/dotnet: a quality gate on the reports dotnet test, the compiler and BenchmarkDotNet made for its projects.</summary>
public sealed class DotnetSampleTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public DotnetSampleTests() => _sample = Samples.CopyTo(Samples.Dotnet, _temp.Combine("dotnet"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_sample_passes_on_its_reports_and_compares_the_benchmark_with_the_previous_run()
    {
        var first = GateKitProcess.Run(_sample, "run", "--gate", "quality", "--format", "json");
        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        SchemaAssert.ValidResult(System.Text.Encoding.UTF8.GetBytes(first.StdOut));
        var gate = JsonNode.Parse(first.StdOut)!["gates"]![0]!;
        var metrics = gate["metrics"]!.AsObject();
        Assert.Equal((0.0, 1.0, 1.0), ((double)metrics["failed_tests"]!, (double)metrics["pass_rate"]!, (double)metrics["analyzer_warnings"]!));
        Assert.True((double)metrics["discount_time"]! > 0);
        Assert.Equal((1.0, 1.0), ((double)metrics["line_coverage"]!, (double)metrics["lcov_line_coverage"]!));
        // No earlier run yet: the benchmark's relative condition has nothing to compare with.
        Assert.Equal(["baseline_missing"], gate["findings"]!.AsArray().Select(f => (string?)f!["code"]));
        Assert.Equal(
            ["reports/benchmarks/PriceBenchmarks-report-full.json", "reports/coverage/coverage.cobertura.xml", "reports/coverage/coverage.info", "reports/sarif/Sample.Tests.sarif", "reports/sarif/Sample.sarif", "reports/tests.junit.xml", "reports/tests.trx"],
            gate["inputs"]!.AsArray().Select(i => (string?)i!["path"]).Where(p => p!.StartsWith("reports/", StringComparison.Ordinal)));

        var second = GateKitProcess.Run(_sample, "run", "--gate", "quality", "--format", "json");
        Assert.True(second.ExitCode == 0, second.StdOut + second.StdErr);
        Assert.Empty(JsonNode.Parse(second.StdOut)!["gates"]![0]!["findings"]!.AsArray());
    }

    [Fact]
    public void A_failed_test_in_the_reports_fails_the_gate_and_names_the_test()
    {
        var trx = Path.Combine(_sample, "reports", "tests.trx");
        File.WriteAllText(trx, File.ReadAllText(trx).Replace("outcome=\"Passed\"", "outcome=\"Failed\""));
        var run = GateKitProcess.Run(_sample, "run", "--gate", "quality", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var findings = JsonNode.Parse(run.StdOut)!["gates"]![0]!["findings"]!.AsArray();
        Assert.Contains(findings, f => (string?)f!["code"] == "test_failed" && ((string?)f["message"])!.StartsWith("Sample.Tests.PricesTests.Ten_percent_off failed", StringComparison.Ordinal));
    }
}
