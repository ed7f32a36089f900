using CsCheck;
using GateKit.Config;
using GateKit.Output.Reports;
using GateKit.Results;
using TestRuns = GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Output.Reports;

/// <summary>The format registry, the FORMAT=PATH parsing, and every writer over generated text.</summary>
public sealed class ReportWritersTests
{
    [Theory]
    [InlineData("sarif=a.sarif", "sarif", "a.sarif")]
    [InlineData("JUnit=out/j=1.xml", "junit", "out/j=1.xml")]
    [InlineData("codequality=cq.json", "codequality", "cq.json")]
    public void A_known_format_and_path_parse(string value, string format, string path)
    {
        var request = ReportWriters.Parse(value);
        Assert.Equal(format, request.Writer.Name);
        Assert.Equal(path, request.Path);
    }

    [Theory]
    [InlineData("sarif", "expected FORMAT=PATH")]
    [InlineData("=a", "expected FORMAT=PATH")]
    [InlineData("sarif=", "expected FORMAT=PATH")]
    [InlineData("html=a.html", "unknown format 'html'")]
    [InlineData("x\u0001\n=a", "unknown format 'x' in 'x\n=a'")]
    public void A_malformed_or_unknown_value_is_a_usage_error_naming_it(string value, string message) =>
        Assert.Contains(message, Assert.Throws<RequestException>(() => ReportWriters.Parse(value)).Message);

    private static readonly Gen<string> AnyText = Gen.Char.Array[0, 12].Select(chars => new string(chars));

    [Fact]
    public void Every_writer_gives_well_formed_clean_output_for_any_text() =>
        Gen.Select(AnyText, AnyText, AnyText).Sample((message, file, subject) =>
        {
            var finding = new Finding("code", Priority.P0, message, new Location(file, 2, 1), subject, ReportRuns.Waiver with { Reason = message });
            var run = TestRuns.Run("r", Decision.NoGo, TestRuns.Gate("release", GateStatus.Fail, [finding, finding with { Waiver = null }]));
            ReportAssert.CleanJson(new SarifReport().Write(run));
            ReportAssert.CleanJson(new CodeQualityReport().Write(run));
            var doc = ReportAssert.StrictXml(new JUnitReport().Write(run));
            foreach (var node in doc.SelectNodes("//@* | //text()")!.Cast<System.Xml.XmlNode>()) ReportRuns.AssertCleanText(node.Value!);
        }, iter: 300);
}
