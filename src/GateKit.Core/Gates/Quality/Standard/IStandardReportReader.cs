namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Reads one standard report format (test results, coverage, analyzer results, benchmarks) that CI
/// tools already produce, and turns it into metrics that quality conditions name.
/// </summary>
/// <remarks>
/// <para>A reader opens every shard with <see cref="ReadContext.Open"/> (a bounded stream: reports may be
/// larger than memory), merges the shards by its format's rule, and never throws for bad input: a shard
/// that is unreadable, malformed, unsafe (a DTD) or of another format is a P0 finding naming the file and
/// the 1-based line (<see cref="ShardParser"/> does this once for all readers).</para>
/// <para>New-code metrics read <see cref="ReadContext.Changed"/>, the lines changed since the base; when it
/// is null those metrics are absent.</para>
/// </remarks>
public interface IStandardReportReader
{
    ReportFormat Format { get; }

    /// <summary>Whether <paramref name="metric"/> is a name this format can provide (fixed, or of a known pattern such as <c>sarif.rule.&lt;id&gt;</c>).</summary>
    bool Provides(string metric);

    /// <summary>The metric names for an error message, patterns spelled with &lt;placeholders&gt;.</summary>
    IReadOnlyList<string> MetricNames { get; }

    /// <summary>Reads and merges <paramref name="shards"/> (at least one, in ordinal path order).</summary>
    StandardReading Read(IReadOnlyList<ReportSource> shards, ReadContext context, CancellationToken cancellationToken);
}
