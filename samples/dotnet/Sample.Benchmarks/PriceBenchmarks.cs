using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Sample;

BenchmarkRunner.Run<PriceBenchmarks>(args: args);

// The job comes from the command line (make-reports.sh: --job short --inProcess).
[MemoryDiagnoser]
public class PriceBenchmarks
{
    [Benchmark]
    public decimal Discounted() => Prices.Discounted(123.45m, 15m);

    [Benchmark]
    public string Formatted() => Prices.Discounted(123.45m, 15m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}
