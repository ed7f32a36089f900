using System.Text.Json;
using System.Text.Json.Serialization;
using GateKit.Results;

namespace GateKit.Gates.Quality;

/// <summary>The quality gate: metric reports and the conditions their metrics must meet.</summary>
/// <remarks>Properties with a default use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property, so an omitted one would lose its default (dotnet/runtime#84484).</remarks>
public sealed record QualityConfig
{
    public required IReadOnlyList<MetricReportConfig> Reports { get; init; }
    public required IReadOnlyList<ConditionConfig> Conditions { get; init; }

    /// <summary>This many unwaived P1 violations or more make the gate partial; fewer make it warn.</summary>
    /// <summary>A metric report above this many bytes is not read (a finding naming the file and this limit). Default 256 MiB.</summary>
    public long MaxFileBytes { get; set; } = Inputs.InputReader.DefaultMaxBytes;

    public int PartialAt { get; set; } = 2;

    /// <summary>More than this many P2 violations make the gate warn; up to it, it passes with notes.</summary>
    public int P2WarnAt { get; set; } = 5;

    /// <summary>Metrics whose trend the summary shows; all conditions when absent.</summary>
    public IReadOnlyList<string>? Trend { get; init; }
}

/// <summary>
/// How a report is read: GateKit's own shapes (json, jsonl: conditions name a pointer), or a standard report
/// CI tools produce (conditions name a metric, see <see cref="Standard.StandardReaders"/>).
/// </summary>
public enum ReportFormat
{
    [JsonStringEnumMemberName("json")] Json,
    [JsonStringEnumMemberName("jsonl")] Jsonl,
    /// <summary>Visual Studio test results (<c>dotnet test --logger trx</c>).</summary>
    [JsonStringEnumMemberName("trx")] Trx,
    /// <summary>JUnit XML test results (JunitXml.TestLogger, most other ecosystems).</summary>
    [JsonStringEnumMemberName("junit")] Junit,
    /// <summary>Cobertura XML coverage (coverlet.collector, dotnet-coverage).</summary>
    [JsonStringEnumMemberName("cobertura")] Cobertura,
    /// <summary>LCOV tracefile coverage (coverlet <c>Format=lcov</c>, most JS/Rust tools).</summary>
    [JsonStringEnumMemberName("lcov")] Lcov,
    /// <summary>SARIF 2.1.0 analyzer results (Roslyn <c>ErrorLog</c>, CodeQL).</summary>
    [JsonStringEnumMemberName("sarif")] Sarif,
    /// <summary>BenchmarkDotNet's <c>*-report-full.json</c>.</summary>
    [JsonStringEnumMemberName("benchmarkdotnet")] BenchmarkDotNet,
}

/// <summary>A metric report: one JSON document, JSONL with one case per line, or a standard report (test results, coverage, SARIF, benchmarks).</summary>
public sealed record MetricReportConfig
{
    public required string Id { get; init; }

    /// <summary>Relative to the config's folder; may contain {tag}. For a standard format, a glob (<c>**/TestResults/*.trx</c>): every match is a shard, merged by the format's reader.</summary>
    public required string Path { get; init; }

    /// <summary>Defaults to jsonl for a .jsonl path, json otherwise.</summary>
    public ReportFormat? Format { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public ReportFormat EffectiveFormat =>
        Format ?? (Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ReportFormat.Jsonl : ReportFormat.Json);
}

public enum Aggregate
{
    /// <summary>The value at the pointer in a JSON report.</summary>
    [JsonStringEnumMemberName("value")] Value,
    [JsonStringEnumMemberName("count")] Count,
    [JsonStringEnumMemberName("mean")] Mean,
    [JsonStringEnumMemberName("p50")] P50,
    [JsonStringEnumMemberName("p95")] P95,
    /// <summary>Share of cases whose value at the pointer equals <see cref="ConditionConfig.Equals"/> (default true).</summary>
    [JsonStringEnumMemberName("rate")] Rate,
}

public enum ComparisonOp
{
    [JsonStringEnumMemberName(">=")] AtLeast,
    [JsonStringEnumMemberName("<=")] AtMost,
    [JsonStringEnumMemberName("==")] Equal,
    [JsonStringEnumMemberName("between")] Between,
}

public enum Baseline
{
    [JsonStringEnumMemberName("previous")] Previous,
    [JsonStringEnumMemberName("median")] Median,
}

/// <summary>
/// One condition on one metric. With <see cref="RelativeTo"/>, the threshold is a percentage change
/// against the previous run or the median of the last <see cref="Runs"/> runs (e.g. "<=" 10 means at
/// most +10%).
/// </summary>
/// <remarks>Properties with a default use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property, so an omitted one would lose its default (dotnet/runtime#84484).</remarks>
public sealed record ConditionConfig
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required string Report { get; init; }

    /// <summary>For a standard report: the metric compared (<c>tests.failed</c>, <c>sarif.error</c>, <c>benchmark.&lt;name&gt;.mean_ns</c>…); null for json/jsonl.</summary>
    public string? Metric { get; init; }

    /// <summary>
    /// For new-code metrics (<c>coverage.new_lines</c>, <c>sarif.new</c>): the git ref whose merge base with HEAD the
    /// changed lines are counted from; without it, the run's base (--base, or the pull request's target on GitHub).
    /// </summary>
    public ChangedConfig? Changed { get; init; }

    /// <summary>JSON Pointer into the report (value) or into each case (aggregates other than count).</summary>
    public string Pointer { get; set; } = "";

    public Aggregate Aggregate { get; set; } = Aggregate.Value;

    [JsonPropertyName("equals")]
    public JsonElement? EqualsValue { get; init; }

    public required ComparisonOp Op { get; init; }

    /// <summary>A number, or [min, max] for between.</summary>
    public required JsonElement Threshold { get; init; }

    public required Priority Severity { get; init; }

    public Baseline? RelativeTo { get; init; }

    public int Runs { get; set; } = 5;
}

/// <summary>Restricts a condition to lines added or changed since <see cref="Base"/> (a git ref: branch, tag or commit).</summary>
public sealed record ChangedConfig
{
    public required string Base { get; init; }
}
