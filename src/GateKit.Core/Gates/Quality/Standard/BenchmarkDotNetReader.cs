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
/// The export is streamed (<see cref="StrictJsonStream"/>): its per-iteration measurements are skipped, never held.
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
        var read = new List<(string, List<(string, double)>)>();
        StreamedJsonReport.Read(stream, "benchmarkdotnet", (json, name) =>
        {
            if (name != "Benchmarks" || json.TokenType != JsonTokenType.StartArray)
            {
                json.Skip();
                return false;
            }
            StreamedJsonReport.Elements(json, () =>
            {
                if (json.TokenType != JsonTokenType.StartObject)
                {
                    json.Skip();
                    return;
                }
                var line = json.TokenLine;
                string? fullName = null, displayInfo = null;
                double? mean = null, median = null, allocated = null;
                StreamedJsonReport.Properties(json, property =>
                {
                    switch (property)
                    {
                        case "FullName": fullName = StreamedJsonReport.StringValue(json); break;
                        case "DisplayInfo": displayInfo = StreamedJsonReport.StringValue(json); break;
                        case "Statistics": Numbers(json, ("Mean", v => mean = v), ("Median", v => median = v)); break;
                        case "Memory": Numbers(json, ("BytesAllocatedPerOperation", v => allocated = v)); break;
                        default: json.Skip(); break;
                    }
                });
                var benchmark = fullName ?? displayInfo;
                if (string.IsNullOrEmpty(benchmark))
                    throw new ReportContentException(QualityCodes.ReportMalformed, "a benchmark has neither FullName nor DisplayInfo", line);
                var values = new List<(string, double)>();
                if (mean is { } m) values.Add((MeanSuffix, m));
                if (median is { } md) values.Add((MedianSuffix, md));
                if (allocated is { } a) values.Add((AllocatedSuffix, a));
                read.Add((benchmark, values));
            });
            return true;
        });
        return read;
    }

    /// <summary>The named numbers of the object the reader is on (any other value is skipped, as is a non-number).</summary>
    private static void Numbers(StrictJsonStream json, params (string Name, Action<double> Set)[] wanted)
    {
        StreamedJsonReport.Properties(json, name =>
        {
            foreach (var (want, set) in wanted)
                if (name == want && json.Number is { } value) set(value);
            json.Skip();
        });
    }
}
