using System.Globalization;
using System.Xml;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Reads Visual Studio test results (<c>dotnet test --logger trx</c>): every <c>Results/UnitTestResult</c>
/// of the <c>TestRun</c> is one test result, by its <c>outcome</c> and <c>duration</c>; a failed one keeps
/// its <c>Output/ErrorInfo</c> message and the first source frame of its stack trace. Nested results
/// (data rows under <c>InnerResults</c>) are part of their parent's result and not counted again. The
/// <c>ResultSummary</c> counters are not used: the results are the facts.
/// </summary>
public sealed class TrxReader : IStandardReportReader
{
    public ReportFormat Format => ReportFormat.Trx;
    public IReadOnlyList<string> MetricNames => TestMetrics.Names;
    public bool Provides(string metric) => TestMetrics.Names.Contains(metric);

    public StandardReading Read(IReadOnlyList<ReportSource> shards, ReadContext context, CancellationToken cancellationToken) =>
        TestTally.Read(shards, context, (stream, shard) => ReadShard(stream, shard, cancellationToken), cancellationToken);

    private static TestTally ReadShard(Stream stream, ReportSource shard, CancellationToken cancellationToken)
    {
        var tally = new TestTally();
        using var xml = SafeXml.Create(stream);
        var root = SafeXml.ReadRoot(xml);
        if (root != "TestRun") throw ReportKind.WrongXml(root, "trx", Line(xml));
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "UnitTestResult" || xml.Depth != 2) continue;
            cancellationToken.ThrowIfCancellationRequested();
            var line = Line(xml);
            var name = xml.GetAttribute("testName") ?? xml.GetAttribute("testId") ?? "(unnamed test)";
            var seconds = Duration(xml.GetAttribute("duration"), line);
            var outcome = Outcome(xml.GetAttribute("outcome"), line);
            if (outcome != TestOutcome.Failed)
            {
                tally.Add(outcome, seconds);
                continue;
            }
            var (message, stackTrace) = ErrorInfo(xml);
            tally.AddFailure(name, message, StackTraceSource.Of(stackTrace), new Location(shard.RelativePath, line), seconds);
        }
        return tally;
    }

    private static TestOutcome Outcome(string? outcome, int line) => outcome switch
    {
        "Passed" or "PassedButRunAborted" or "Warning" => TestOutcome.Passed,
        "Failed" or "Error" or "Timeout" or "Aborted" => TestOutcome.Failed,
        "NotExecuted" or "Inconclusive" or "NotRunnable" or "Pending" or "Disconnected" => TestOutcome.Skipped,
        null => throw new ReportContentException(QualityCodes.ReportMalformed, "a <UnitTestResult> has no outcome", line),
        _ => throw new ReportContentException(QualityCodes.ReportMalformed, $"a <UnitTestResult> has the unknown outcome '{ReportText.Clip(outcome)}'", line),
    };

    /// <summary>A TRX duration ("00:00:01.2345678") in seconds; absent is 0.</summary>
    private static double Duration(string? text, int line)
    {
        if (text is null) return 0;
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration) || duration < TimeSpan.Zero)
            throw new ReportContentException(QualityCodes.ReportMalformed, $"the duration '{ReportText.Clip(text)}' is not a time span (hh:mm:ss.fffffff)", line);
        return duration.TotalSeconds;
    }

    /// <summary>The message and stack trace under the current result's Output/ErrorInfo; the reader ends on the result's end.</summary>
    private static (string? Message, string? StackTrace) ErrorInfo(XmlReader xml)
    {
        string? message = null, stackTrace = null;
        if (xml.IsEmptyElement) return (null, null);
        var depth = xml.Depth;
        xml.Read();
        while (xml.Depth > depth)
        {
            // ReadElementContentAsString moves past the element: the next node is looked at without a Read.
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Message" && message is null)
                message = ReportText.FirstLine(xml.ReadElementContentAsString());
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "StackTrace" && stackTrace is null)
                stackTrace = xml.ReadElementContentAsString();
            else if (!xml.Read()) break;
        }
        return (message, stackTrace);
    }

    private static int Line(XmlReader xml) => ((IXmlLineInfo)xml).LineNumber;
}
