using System.Globalization;
using System.Xml;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Reads JUnit XML test results (JunitXml.TestLogger, Surefire, pytest, Jest, Go's and Rust's converters): a
/// <c>testsuites</c> or single <c>testsuite</c> root, suites nested to any depth; every <c>testcase</c> is one
/// test result - failed with a <c>failure</c> or <c>error</c> child, skipped with a <c>skipped</c> child,
/// passed otherwise - and its <c>time</c> in seconds. A failure's place is the test case's <c>file</c>/<c>line</c>
/// attributes when the dialect gives them, else the first source frame of the failure's text. The suites'
/// own counters are not used: the test cases are the facts.
/// </summary>
public sealed class JunitReader : IStandardReportReader
{
    public ReportFormat Format => ReportFormat.Junit;
    public IReadOnlyList<string> MetricNames => TestMetrics.Names;
    public bool Provides(string metric) => TestMetrics.Names.Contains(metric);

    public StandardReading Read(IReadOnlyList<ReportSource> shards, ReadContext context, CancellationToken cancellationToken) =>
        TestTally.Read(shards, context, (stream, shard) => ReadShard(stream, shard, cancellationToken), cancellationToken);

    private static TestTally ReadShard(Stream stream, ReportSource shard, CancellationToken cancellationToken)
    {
        var tally = new TestTally();
        using var xml = SafeXml.Create(stream);
        var root = SafeXml.ReadRoot(xml);
        if (root is not ("testsuites" or "testsuite")) throw ReportKind.WrongXml(root, "junit", Line(xml));
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "testcase") continue;
            cancellationToken.ThrowIfCancellationRequested();
            ReadTestCase(xml, shard, tally);
        }
        return tally;
    }

    private static void ReadTestCase(XmlReader xml, ReportSource shard, TestTally tally)
    {
        var line = Line(xml);
        var name = Name(xml.GetAttribute("classname"), xml.GetAttribute("name"));
        var seconds = Seconds(xml.GetAttribute("time"), line);
        var file = xml.GetAttribute("file");
        var fileLine = int.TryParse(xml.GetAttribute("line"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : (int?)null;
        var outcome = TestOutcome.Passed;
        string? message = null, text = null;
        if (!xml.IsEmptyElement)
        {
            var depth = xml.Depth;
            xml.Read();
            while (xml.Depth > depth)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1 && xml.LocalName is "failure" or "error" && outcome != TestOutcome.Failed)
                {
                    outcome = TestOutcome.Failed;
                    message = xml.GetAttribute("message");
                    // The text under a failure is its stack trace or details; ReadElementContentAsString moves past it.
                    text = xml.IsEmptyElement ? null : xml.ReadElementContentAsString();
                    if (text is null) xml.Read();
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1 && xml.LocalName == "skipped" && outcome == TestOutcome.Passed)
                {
                    outcome = TestOutcome.Skipped;
                    xml.Skip();
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1) xml.Skip();
                else if (!xml.Read()) break;
            }
        }
        if (outcome != TestOutcome.Failed)
        {
            tally.Add(outcome, seconds);
            return;
        }
        var source = file is { Length: > 0 } ? new Location(file, fileLine) : StackTraceSource.Of(text);
        tally.AddFailure(name, string.IsNullOrWhiteSpace(message) ? text : message, source, new Location(shard.RelativePath, line), seconds);
    }

    /// <summary>"Class.Method" unless the name already starts with the class (JunitXml.TestLogger writes the full name).</summary>
    private static string Name(string? className, string? name) =>
        name is null ? className ?? "(unnamed test)"
        : className is { Length: > 0 } && !name.StartsWith(className, StringComparison.Ordinal) ? $"{className}.{name}"
        : name;

    /// <summary>A JUnit time in seconds (some dialects write "1,234.5"); absent is 0.</summary>
    private static double Seconds(string? text, int line)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        if (!double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < 0)
            throw new ReportContentException(QualityCodes.ReportMalformed, $"the time '{ReportText.Clip(text)}' is not a number of seconds", line);
        return seconds;
    }

    private static int Line(XmlReader xml) => ((IXmlLineInfo)xml).LineNumber;
}
