using GateKit.Gates.Quality.NewCode;
using GateKit.Gates.Quality.Standard;
using GateKit.Results;

namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// A coverage format (cobertura, lcov) as a quality report. Every shard is parsed, its paths mapped onto the root's
/// files (<see cref="RepositoryPathMap"/>) and merged per file and line (<see cref="MergedCoverage"/>), then:
/// <list type="bullet">
/// <item><c>coverage.line</c>, <c>coverage.branch</c>: covered / coverable, ratios 0..1 (branch absent without branch data);</item>
/// <item><c>coverage.lines_covered</c>, <c>coverage.lines_valid</c>: the counts behind coverage.line;</item>
/// <item><c>coverage.new_lines</c>: covered / coverable changed lines (<see cref="NewCodeCoverage"/>), only with a base;
/// with no coverable changed line it is absent and a <c>not_applicable</c> note says so, never a pass by 0/0;
/// each uncovered range of changed lines is a finding at its file and lines.</item>
/// </list>
/// Report paths that map to no file, or to several, are one finding listing the first <see cref="ListedPaths"/>.
/// </summary>
public sealed class CoverageReportReader(ReportFormat format, Func<Stream, CancellationToken, CoverageReport> parse) : IStandardReportReader
{
    /// <summary>How many unmapped paths one finding lists; the rest are counted.</summary>
    public const int ListedPaths = 10;

    public const string LineRate = "coverage.line";
    public const string BranchRate = "coverage.branch";
    public const string LinesCovered = "coverage.lines_covered";
    public const string LinesValid = "coverage.lines_valid";
    public const string NewLines = "coverage.new_lines";

    public ReportFormat Format => format;

    public IReadOnlyList<string> MetricNames => [LineRate, BranchRate, LinesCovered, LinesValid, NewLines];

    public bool Provides(string metric) => MetricNames.Contains(metric);

    public StandardReading Read(IReadOnlyList<ReportSource> shards, ReadContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var inputs = new List<InputDigest>();
        var root = context.Root ?? throw new InvalidOperationException("a coverage report needs the file root to map its paths");
        // The repository's files are listed (git ls-files) and indexed on another core while the first shard is parsed.
        var pending = Task.Run(() => new MergedCoverage(new RepositoryPathMap(RepositoryFiles.Under(root.Directory))));
        // Each shard is merged as soon as it is parsed, so only one shard's raw report is in memory at a time.
        ShardParser.ParseEach(shards, context, findings, inputs, (stream, _) =>
        {
            var report = parse(stream, cancellationToken);
            pending.GetAwaiter().GetResult().Add(report);
            return true;
        }, cancellationToken);
        var merged = pending.GetAwaiter().GetResult();

        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (merged.Files.Count > 0)
        {
            metrics[LinesValid] = merged.Files.Values.Sum(f => (long)f.LinesValid);
            metrics[LinesCovered] = merged.Files.Values.Sum(f => (long)f.LinesCovered);
        }
        if (merged.LineRate() is { } line) metrics[LineRate] = line;
        if (merged.BranchRate() is { } branch) metrics[BranchRate] = branch;
        if (merged.Unresolved.Count > 0) findings.Add(Unresolved(merged, shards, context.ReportId));
        if (context.Changed is { } changed) AddNewCode(changed, merged, context.ReportId, metrics, findings);
        return new StandardReading(metrics, findings, [], inputs);
    }

    private static void AddNewCode(ChangedLines changed, MergedCoverage merged, string reportId, SortedDictionary<string, double> metrics, List<Finding> findings)
    {
        var result = NewCodeCoverage.Of(changed, merged);
        if (result.Rate is not { } rate)
        {
            findings.Add(new Finding(QualityCodes.NotApplicable, Priority.P2,
                $"{NewLines}: no changed line is coverable (report '{reportId}'), so coverage on new code is not applicable", Subject: NewLines));
            return;
        }
        metrics[NewLines] = rate;
        foreach (var gap in result.Uncovered)
            findings.Add(new Finding(QualityCodes.NewLinesUncovered, Priority.P2,
                gap.First == gap.Last ? $"changed line {gap.First} is not covered by tests" : $"changed lines {gap.First}-{gap.Last} are not covered by tests",
                new Location(gap.File, gap.First), NewLines));
    }

    private static Finding Unresolved(MergedCoverage merged, IReadOnlyList<ReportSource> shards, string reportId)
    {
        var listed = merged.Unresolved.Take(ListedPaths).Select(p => p.Value.Kind == MatchKind.Ambiguous
            ? $"{p.Key} (ambiguous: {string.Join(", ", p.Value.Ties.Take(3))}{(p.Value.Ties.Count > 3 ? ", …" : "")})"
            : p.Key);
        var more = merged.Unresolved.Count > ListedPaths ? $" and {merged.Unresolved.Count - ListedPaths} more" : "";
        return new Finding(QualityCodes.CoveragePathUnmapped, Priority.P2,
            $"report '{reportId}': {merged.Unresolved.Count} source path(s) match no single file under the root, so their lines are not counted: {string.Join("; ", listed)}{more}",
            new Location(shards[0].RelativePath), reportId);
    }
}
