using System.Text.Json;
using GateKit.Json;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Reads BenchmarkDotNet's full JSON export (<c>--exporters json</c>: <c>*-report-full.json</c>): for every entry of
/// <c>Benchmarks</c>, by its <c>FullName</c>, the mean and median time per operation in nanoseconds
/// (<c>Statistics.Mean</c>, <c>Statistics.Median</c>) and the bytes allocated per operation
/// (<c>Memory.BytesAllocatedPerOperation</c>, with <c>[MemoryDiagnoser]</c>). A benchmark that did not run has no
/// statistics and so no time metrics. Shards are one export per benchmark class; a benchmark in two shards
/// keeps the first (ordinal path order) and the repeat is a P1 finding, as two measurements cannot both be the value.
/// </summary>
public sealed class BenchmarkDotNetReader : IStandardReportReader
{
    public const string Prefix = "benchmark.";
    public const string MeanSuffix = ".mean_ns";
    public const string MedianSuffix = ".median_ns";
    public const string AllocatedSuffix = ".allocated_bytes";

    public ReportFormat Format => ReportFormat.BenchmarkDotNet;

    public IReadOnlyList<string> MetricNames { get; } =
        [$"{Prefix}<FullName>{MeanSuffix}", $"{Prefix}<FullName>{MedianSuffix}", $"{Prefix}<FullName>{AllocatedSuffix}"];

    public bool Provides(string metric) =>
        metric.StartsWith(Prefix, StringComparison.Ordinal)
        && new[] { MeanSuffix, MedianSuffix, AllocatedSuffix }.Any(s => metric.EndsWith(s, StringComparison.Ordinal) && metric.Length > Prefix.Length + s.Length);

    public StandardReading Read(IReadOnlyList<ReportSource> shards, ReadContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var inputs = new List<InputDigest>();
        var perShard = ShardParser.ParseEach(shards, context, findings, inputs, (stream, shard) => (Shard: shard, Metrics: ReadShard(stream)), cancellationToken);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var measuredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (shard, shardMetrics) in perShard)
            foreach (var (benchmark, values) in shardMetrics)
            {
                if (measuredIn.TryGetValue(benchmark, out var first))
                {
                    findings.Add(new Finding(QualityCodes.BenchmarkRepeated, Priority.P1,
                        $"benchmark {ReportText.Clip(benchmark)} is measured in {first} and again in {shard.RelativePath}; the first is used",
                        new Location(shard.RelativePath), context.ReportId));
                    continue;
                }
                measuredIn[benchmark] = shard.RelativePath;
                foreach (var (suffix, value) in values) metrics[Prefix + benchmark + suffix] = value;
            }
        return new StandardReading(metrics, findings, [], inputs);
    }

    private static List<(string Benchmark, List<(string Suffix, double Value)> Values)> ReadShard(Stream stream)
    {
        using var document = StrictJson.Parse(stream);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
            throw new ReportContentException(QualityCodes.ReportWrongFormat, $"declared as benchmarkdotnet but is {JsonReportKind.Of(root)}", 1);
        var read = new List<(string, List<(string, double)>)>();
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            if (benchmark.ValueKind != JsonValueKind.Object) continue;
            var name = String(benchmark, "FullName") ?? String(benchmark, "DisplayInfo");
            if (string.IsNullOrEmpty(name))
                throw new ReportContentException(QualityCodes.ReportMalformed, "a benchmark has neither FullName nor DisplayInfo");
            var values = new List<(string, double)>();
            if (benchmark.TryGetProperty("Statistics", out var statistics) && statistics.ValueKind == JsonValueKind.Object)
            {
                if (Number(statistics, "Mean") is { } mean) values.Add((MeanSuffix, mean));
                if (Number(statistics, "Median") is { } median) values.Add((MedianSuffix, median));
            }
            if (benchmark.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object
                && Number(memory, "BytesAllocatedPerOperation") is { } allocated)
                values.Add((AllocatedSuffix, allocated));
            read.Add((name, values));
        }
        return read;
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
