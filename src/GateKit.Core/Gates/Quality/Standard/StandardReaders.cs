namespace GateKit.Gates.Quality.Standard;

/// <summary>The reader of each standard report format, one line per format.</summary>
public static class StandardReaders
{
    private static readonly Dictionary<ReportFormat, IStandardReportReader> ByFormat = new IStandardReportReader[]
    {
        new TrxReader(),
        new JunitReader(),
        new SarifReader(),
        new BenchmarkDotNetReader(),
        new Coverage.CoverageReportReader(ReportFormat.Cobertura, Coverage.CoberturaReader.Read),
        new Coverage.CoverageReportReader(ReportFormat.Lcov, Coverage.LcovReader.Read),
    }.ToDictionary(r => r.Format);

    /// <summary>Whether <paramref name="format"/> is a standard report (read by a reader, conditions name a metric) rather than GateKit's own json/jsonl.</summary>
    public static bool IsStandard(ReportFormat format) => format is not (ReportFormat.Json or ReportFormat.Jsonl);

    /// <summary>The reader of <paramref name="format"/>, or null when this version has none.</summary>
    public static IStandardReportReader? For(ReportFormat format) => ByFormat.GetValueOrDefault(format);
}
