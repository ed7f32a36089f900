using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Standard;
using GateKit.Results;
using GateKit.Tests.Support;
using static GateKit.Tests.Gates.Quality.StandardReports;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// Every kind of unusable report is one P0 finding naming the file (and the line where the reader can tell), and
/// the conditions on it get no value: never a crash, never a pass. The valid bases are the reports the real
/// tools made for samples/dotnet.
/// </summary>
public sealed class StandardReportBadInputTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>Each format, a real report of it, and a metric it always has.</summary>
    public static TheoryData<string, string, string> Formats => new()
    {
        { "trx", "reports/tests.trx", TestMetrics.Total },
        { "junit", "reports/tests.junit.xml", TestMetrics.Total },
        { "sarif", "reports/sarif/Sample.sarif", SarifReader.Warning },
        { "benchmarkdotnet", "reports/benchmarks/PriceBenchmarks-report-full.json", "benchmark.PriceBenchmarks.Discounted.mean_ns" },
    };

    public static TheoryData<string, string, string, double> TruncatedAt
    {
        get
        {
            var data = new TheoryData<string, string, string, double>();
            foreach (var format in Formats)
                foreach (var keep in (double[])[0.0, 0.1, 0.5, 0.9, 1.0])
                    data.Add((string)format[0], (string)format[1], (string)format[2], keep);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TruncatedAt))]
    public void A_truncated_or_empty_report_is_malformed_at_a_line(string format, string sample, string metric, double keep)
    {
        var text = File.ReadAllText(SamplePath(sample)).TrimEnd();
        // keep 1.0: all but the last character, the closing '>' or '}'.
        _root.Write("r/report", text[..Math.Min((int)(text.Length * keep), text.Length - 1)]);
        var outcome = Evaluate(_root.Path, ConfigFor(format, "r/report", Condition(metric)));
        var malformed = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal(QualityCodes.ReportMalformed, malformed.Code);
        Assert.Equal("r/report", malformed.Location!.File);
        Assert.True(malformed.Location.Line >= 1, malformed.ToString());
        Assert.False(outcome.Metrics.ContainsKey("c"));
        Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.MetricMissing);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_real_report_reads(string format, string sample, string metric)
    {
        File.Copy(SamplePath(sample), _root.Combine("report"));
        var outcome = Evaluate(_root.Path, ConfigFor(format, "report", Condition(metric, ">=", "0")));
        Assert.Empty(outcome.Findings);
        Assert.True(outcome.Metrics["c"] > 0);
    }

    private const string Bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        ]>
        <testsuites><testsuite name="&lol4;"><testcase name="t"/></testsuite></testsuites>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE TestRun [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
        <TestRun><Results><UnitTestResult testName="&secret;" outcome="Passed"/></Results></TestRun>
        """;

    private const string DtdOnly = """
        <?xml version="1.0"?>

        <!DOCTYPE testsuites SYSTEM "junit.dtd">
        <testsuites/>
        """;

    [Theory]
    [InlineData("junit", Bomb, 2)]
    [InlineData("trx", Bomb, 2)]
    [InlineData("trx", ExternalEntity, 2)]
    [InlineData("junit", ExternalEntity, 2)]
    [InlineData("junit", DtdOnly, 3)]
    public void A_dtd_is_refused_naming_a_line_up_to_the_doctype(string format, string xml, int line)
    {
        _root.Write("report.xml", xml);
        var outcome = Evaluate(_root.Path, ConfigFor(format, "report.xml", Condition(TestMetrics.Total)));
        var unsafeXml = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal((QualityCodes.ReportUnsafe, "report.xml"), (unsafeXml.Code, unsafeXml.Location!.File));
        Assert.InRange(unsafeXml.Location.Line ?? 0, 1, line);
        Assert.DoesNotContain("root:", string.Join("\n", outcome.Findings.Select(f => f.Message)));
    }

    [Theory]
    [InlineData("trx", "reports/tests.junit.xml", "a JUnit report")]
    [InlineData("junit", "reports/tests.trx", "a TRX report")]
    [InlineData("sarif", "reports/benchmarks/PriceBenchmarks-report-full.json", "a BenchmarkDotNet report")]
    [InlineData("benchmarkdotnet", "reports/sarif/Sample.sarif", "a SARIF log")]
    public void A_report_of_another_format_is_named_as_such(string format, string sample, string actually)
    {
        File.Copy(SamplePath(sample), _root.Combine("report"));
        var outcome = Evaluate(_root.Path, ConfigFor(format, "report", Condition(format is "trx" or "junit" ? TestMetrics.Total
            : format == "sarif" ? SarifReader.Error : "benchmark.X.mean_ns")));
        var wrong = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal(QualityCodes.ReportWrongFormat, wrong.Code);
        Assert.Contains($"declared as {format} but is {actually}", wrong.Message);
    }

    [Theory]
    [InlineData("junit", "<testsuites/>")]
    [InlineData("junit", "<testsuite name=\"s\" tests=\"0\"></testsuite>")]
    [InlineData("junit", "<testsuites><testsuite><testcase name=\"a\"><skipped/></testcase></testsuite></testsuites>")]
    [InlineData("trx", "<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results/></TestRun>")]
    [InlineData("trx", "<TestRun><Results><UnitTestResult testName=\"a\" outcome=\"NotExecuted\"/></Results></TestRun>")]
    public void A_run_that_executed_no_test_fails_and_has_no_pass_rate(string format, string xml)
    {
        _root.Write("report.xml", xml);
        var outcome = Evaluate(_root.Path, ConfigFor(format, "report.xml", Condition(TestMetrics.PassRate, ">=", "0", "P2")));
        Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.TestsNoneExecuted && f.Priority == Priority.P0);
        Assert.False(outcome.Metrics.ContainsKey("c"));
    }

    [Theory]
    [InlineData("junit", "<testsuites><testsuite><testcase name=\"a\" time=\"soon\"/></testsuite></testsuites>", 1)]
    [InlineData("trx", "<TestRun>\n<Results>\n<UnitTestResult testName=\"a\" outcome=\"Exploded\"/></Results></TestRun>", 3)]
    [InlineData("trx", "<TestRun><Results><UnitTestResult testName=\"a\" outcome=\"Passed\" duration=\"forever\"/></Results></TestRun>", 1)]
    public void A_value_of_the_wrong_shape_is_malformed_at_its_line(string format, string xml, int line)
    {
        _root.Write("report.xml", xml);
        var outcome = Evaluate(_root.Path, ConfigFor(format, "report.xml", Condition(TestMetrics.Total)));
        var malformed = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal((QualityCodes.ReportMalformed, line), (malformed.Code, malformed.Location!.Line));
    }

    public static TheoryData<string, string> HostileNames => new()
    {
        { "a newline in the name", "<testcase classname=\"C\" name=\"first&#10;second&#13;third\"><failure message=\"boom\"/></testcase>" },
        { "markup in the message", "<testcase name=\"t\"><failure><![CDATA[a ]]]]><![CDATA[> b <script>]]></failure></testcase>" },
        { "a 10 MB message", "<testcase name=\"t\"><failure message=\"" + new string('x', 10 * 1024 * 1024) + "\"/></testcase>" },
        { "a 10 MB name", "<testcase name=\"" + new string('n', 10 * 1024 * 1024) + "\"><failure/></testcase>" },
        { "control characters", "<testcase name=\"t&#x9;x&#x85;y\"><failure message=\"&#x9;bell&#x85;\"/></testcase>" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void A_hostile_test_name_or_message_becomes_one_short_line(string name, string testcase)
    {
        _root.Write("report.xml", $"<testsuites><testsuite>{testcase}</testsuite></testsuites>");
        var outcome = Evaluate(_root.Path, ConfigFor("junit", "report.xml", Condition(TestMetrics.Failed, "<=", "0")));
        var failed = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.TestFailed);
        Assert.True(failed.Message.Length <= 2 * ReportText.MaxLength + 20, $"{name}: {failed.Message.Length} characters");
        Assert.DoesNotContain(failed.Message, char.IsControl);
    }

    [Fact]
    public void A_glob_that_matches_nothing_fails()
    {
        _root.Write("reports/other.txt", "x");
        var outcome = Evaluate(_root.Path, ConfigFor("trx", "reports/**/*.trx", Condition(TestMetrics.Total)));
        var missing = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal((QualityCodes.ReportMissing, "reports/**/*.trx"), (missing.Code, missing.Location!.File));
        Assert.Contains("no file matches", missing.Message);
    }

    [Fact]
    public void A_glob_leaving_the_root_through_a_link_is_refused()
    {
        using var outside = new TempFolder();
        File.Copy(SamplePath("reports/tests.trx"), outside.Combine("tests.trx"));
        Directory.CreateSymbolicLink(_root.Combine("linked"), outside.Path);
        var outcome = Evaluate(_root.Path, ConfigFor("trx", "linked/*.trx", Condition(TestMetrics.Total)));
        // Either the glob does not follow the link, or the match is refused: never read.
        Assert.Contains(outcome.Findings, f => f.Code is QualityCodes.PathOutsideRoot or QualityCodes.ReportMissing && f.Priority == Priority.P0);
        Assert.Empty(outcome.Inputs);
        Assert.False(outcome.Metrics.ContainsKey("c"));
    }

    [Fact]
    public void A_shard_above_the_limit_is_not_read()
    {
        File.Copy(SamplePath("reports/tests.trx"), _root.Combine("tests.trx"));
        var config = ConfigFor("trx", "tests.trx", Condition(TestMetrics.Total)).Replace("268435456", "100");
        var outcome = Evaluate(_root.Path, config);
        var unreadable = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal(QualityCodes.ReportUnreadable, unreadable.Code);
        Assert.Contains("gates.quality.maxFileBytes", unreadable.Message);
    }

    [Fact]
    public void One_bad_shard_fails_the_gate_and_the_good_ones_still_count()
    {
        Directory.CreateDirectory(_root.Combine("a"));
        File.Copy(SamplePath("reports/tests.trx"), _root.Combine("a/tests.trx"));
        _root.Write("b/tests.trx", "<TestRun><Results>");
        var outcome = Evaluate(_root.Path, ConfigFor("trx", "*/*.trx", Condition(TestMetrics.Total)));
        Assert.Contains(outcome.Findings, f => f.Code == QualityCodes.ReportMalformed && f.Location!.File == "b/tests.trx" && f.Priority == Priority.P0);
        Assert.Equal(2, outcome.Metrics["c"]);
    }

    [Fact]
    public void Sarif_version_1_from_an_errorlog_without_version_is_named()
    {
        _root.Write("build.sarif", """{ "$schema": "http://json.schemastore.org/sarif-1.0.0", "version": "1.0.0", "runs": [ { "results": [] } ] }""");
        var outcome = Evaluate(_root.Path, ConfigFor("sarif", "build.sarif", Condition(SarifReader.Error)));
        var wrong = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal(QualityCodes.ReportWrongFormat, wrong.Code);
        Assert.Contains("version=2.1", wrong.Message);
    }

    [Fact]
    public void Json_declared_as_xml_is_malformed_xml_at_line_1()
    {
        File.Copy(SamplePath("reports/sarif/Sample.sarif"), _root.Combine("tests.trx"));
        var outcome = Evaluate(_root.Path, ConfigFor("trx", "tests.trx", Condition(TestMetrics.Total)));
        var malformed = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal((QualityCodes.ReportMalformed, 1), (malformed.Code, malformed.Location!.Line));
    }

    /// <summary>The JSON formats read as every JSON input is (StrictJson): what a later read of a value would trip on is malformed at its line.</summary>
    [Theory]
    [InlineData("sarif", "{\"version\": \"2.1.0\",\n\"version\": \"2.1.0\", \"runs\": []}", 2)]
    [InlineData("sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [\n{\"ruleId\": \"\\ud800\", \"level\": \"warning\"}]}]}", 2)]
    [InlineData("sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": \"\\udfff\\ud800\"}]}]}", 1)]
    [InlineData("benchmarkdotnet", "{\"Benchmarks\": [{\"FullName\": \"B.M\",\n\"FullName\": \"B.N\"}]}", 2)]
    [InlineData("benchmarkdotnet", "{\"Benchmarks\": [{\"FullName\": \"\\ud800\"}]}", 1)]
    [InlineData("benchmarkdotnet", "{\"Benchmarks\": [{\"FullName\": \"B.M\",\n\n\"Statistics\": {\"Mean\": 1e400}}]}", 3)]
    public void A_json_report_with_a_duplicate_undecodable_text_or_1e400_is_malformed_at_its_line(string format, string json, int line)
    {
        _root.Write("r/report", json);
        var outcome = Evaluate(_root.Path, ConfigFor(format, "r/report", Condition(format == "sarif" ? SarifReader.Warning : "benchmark.B.M.mean_ns")));
        var malformed = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0 && f.Code == QualityCodes.ReportMalformed);
        Assert.Equal(("r/report", line), (malformed.Location!.File, malformed.Location.Line));
    }

    [Fact]
    public void A_json_report_may_start_with_a_byte_order_mark()
    {
        _root.Write("r/report", "\uFEFF{\"version\": \"2.1.0\", \"runs\": []}");
        var outcome = Evaluate(_root.Path, ConfigFor("sarif", "r/report", Condition(SarifReader.Warning)));
        Assert.DoesNotContain(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal(0, outcome.Metrics["c"]);
    }
}
