using System.Text;
using System.Xml;
using CsCheck;
using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Coverage;
using GateKit.Gates.Quality.Standard;

namespace GateKit.Tests.Gates.Quality;

/// <summary>Cobertura and lcov parsing: lines, branches, duplicates, and every kind of bad input with its line.</summary>
public sealed class CoverageReaderTests
{
    private static CoverageReport Cobertura(string xml) => CoberturaReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    private static CoverageReport Lcov(string text) => LcovReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private const string CoberturaSample = """
        <?xml version="1.0" encoding="utf-8"?>
        <coverage line-rate="0.9" branch-rate="1" version="1.9" timestamp="1">
          <sources><source>/home/runner/work/app/app/</source></sources>
          <packages><package name="App"><classes>
            <class name="A" filename="src/A.cs">
              <methods><method name="M"><lines><line number="3" hits="0" branch="false" /></lines></method></methods>
              <lines>
                <line number="3" hits="5" branch="false" />
                <line number="4" hits="0" branch="true" condition-coverage="50% (1/2)" />
                <line number="7" hits="0" branch="false" />
              </lines>
            </class>
            <class name="A+Inner" filename="src/A.cs">
              <lines><line number="7" hits="2" branch="false" /><line number="9" hits="0" branch="false" /></lines>
            </class>
          </classes></package></packages>
        </coverage>
        """;

    [Fact]
    public void Cobertura_lines_of_partial_classes_merge_per_line_and_method_copies_are_skipped()
    {
        var file = Assert.Single(Cobertura(CoberturaSample).Files);
        Assert.Equal(["/home/runner/work/app/app/src/A.cs", "src/A.cs"], file.Candidates);
        Assert.Equal(4, file.Coverage.LinesValid);
        Assert.Equal(2, file.Coverage.LinesCovered);
        Assert.Equal(LineState.Covered, file.Coverage.State(3));
        Assert.Equal(LineState.Uncovered, file.Coverage.State(4));
        Assert.Equal(LineState.Covered, file.Coverage.State(7));
        Assert.Equal(LineState.NotCoverable, file.Coverage.State(5));
        Assert.Equal((1L, 2L), file.Coverage.Branches());
    }

    [Theory]
    [InlineData("True", 1L, 2L)]   // coverlet: .NET's bool.ToString()
    [InlineData("true", 1L, 2L)]   // gcovr, Cobertura
    [InlineData("TRUE", 1L, 2L)]
    [InlineData("1", 1L, 2L)]      // XML Schema boolean
    [InlineData("False", 0L, 0L)]
    [InlineData("false", 0L, 0L)]
    [InlineData("0", 0L, 0L)]
    [InlineData(null, 0L, 0L)]
    public void Cobertura_branch_flag_is_read_in_every_spelling_tools_write(string? flag, long covered, long total)
    {
        var attribute = flag is null ? "" : $" branch=\"{flag}\"";
        var file = Assert.Single(Cobertura($"<coverage><class filename=\"a.cs\"><lines><line number=\"4\" hits=\"1\"{attribute} condition-coverage=\"50% (1/2)\"/></lines></class></coverage>").Files);
        Assert.Equal((covered, total), file.Coverage.Branches());
    }

    /// <summary>One generated &lt;line&gt;: its attributes (number, hits, branch, condition-coverage, unknown ones) in any order.</summary>
    private sealed record GeneratedLine(int Number, long Hits, bool Branch, int Covered, int Total, int[] Order, bool Extra, bool Prefixed);

    private static readonly Gen<GeneratedLine> LineGen = Gen.Select(Gen.Int[1, 60], Gen.Long[0, 3], Gen.Bool, Gen.Int[0, 4], Gen.Int[1, 4],
        Gen.Shuffle(new[] { 0, 1, 2, 3 }), Gen.Bool, Gen.FrequencyConst((9, false), (1, true)),
        (n, h, b, c, t, order, extra, prefixed) => new GeneratedLine(n, h, b, c, t, order, extra, prefixed));

    [Fact]
    public void Cobertura_line_attributes_are_read_in_any_order_beside_unknown_and_prefixed_ones()
    {
        LineGen.Array[1, 30].Sample(lines =>
        {
            var xml = new StringBuilder("<coverage xmlns:x=\"urn:x\"><class filename=\"a.cs\"><lines>");
            var expected = new FileCoverage();
            foreach (var l in lines)
            {
                string[] attributes = [$"number=\"{l.Number}\"", $"hits=\"{l.Hits}\"", $"branch=\"{(l.Branch ? "True" : "False")}\"", $"condition-coverage=\"x ({l.Covered}/{l.Total})\""];
                xml.Append("<line");
                if (l.Extra) xml.Append(" line-rate=\"1\" complexity=\"2\"");
                // A prefixed attribute is another attribute, not the one Cobertura names (as a lookup by name would have it).
                if (l.Prefixed) xml.Append(" x:hits=\"99\" x:number=\"7\"");
                foreach (var i in l.Order) xml.Append(' ').Append(attributes[i]);
                xml.Append("/>");
                expected.Record(l.Number, l.Hits, l.Branch ? l.Covered : 0, l.Branch ? l.Total : 0);
            }
            var file = Assert.Single(Cobertura(xml.Append("</lines></class></coverage>").ToString()).Files).Coverage;
            Assert.Equal((expected.LinesValid, expected.LinesCovered, expected.Branches()), (file.LinesValid, file.LinesCovered, file.Branches()));
            for (var line = 1; line <= 61; line++) Assert.Equal(expected.State(line), file.State(line));
        });
    }

    [Fact]
    public void Lcov_lines_and_branches()
    {
        var file = Assert.Single(Lcov("TN:\nSF:/src/A.cs\nFN:3,M\nDA:3,5\nDA:4,0\nBRDA:4,0,0,1\nBRDA:4,0,1,-\nLF:2\nLH:1\nend_of_record\n").Files);
        Assert.Equal(["/src/A.cs"], file.Candidates);
        Assert.Equal(2, file.Coverage.LinesValid);
        Assert.Equal(1, file.Coverage.LinesCovered);
        Assert.Equal((1L, 2L), file.Coverage.Branches());
    }

    public static TheoryData<string, string, int> BadCobertura => new()
    {
        { "<coverage><packages><package><classes><class filename=\"a.cs\"><lines><line number=\"1\" hits=\"1\"/>", QualityCodes.ReportMalformed, 1 },
        { "<coverage>\n<packages>\n<line number=\"1\" hits=\"1\"/></packages></coverage>", QualityCodes.ReportMalformed, 3 },
        { "<coverage>\n<class filename=\"a.cs\">\n<line number=\"0\" hits=\"1\"/></class></coverage>", QualityCodes.ReportMalformed, 3 },
        { "<coverage>\n<class filename=\"a.cs\">\n<line number=\"99999999999\" hits=\"1\"/></class></coverage>", QualityCodes.ReportMalformed, 3 },
        { "<coverage>\n<class filename=\"a.cs\">\n<line number=\"2\" hits=\"-1\"/></class></coverage>", QualityCodes.ReportMalformed, 3 },
        { "<coverage>\n<class filename=\"a.cs\">\n<line number=\"2\" hits=\"many\"/></class></coverage>", QualityCodes.ReportMalformed, 3 },
        { "<coverage>\n<class filename=\"a.cs\">\n<line hits=\"1\"/></class></coverage>", QualityCodes.ReportMalformed, 3 },
        { "<coverage>\n<class>\n</class></coverage>", QualityCodes.ReportMalformed, 2 },
        { "<testsuites>\n<testsuite name=\"x\"/></testsuites>", QualityCodes.ReportWrongFormat, 1 },
        { "<?xml version=\"1.0\"?>\n<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"/>", QualityCodes.ReportWrongFormat, 2 },
    };

    [Theory, MemberData(nameof(BadCobertura))]
    public void Bad_cobertura_names_its_kind_and_line(string xml, string code, int line)
    {
        try
        {
            Cobertura(xml);
            Assert.Fail("no error");
        }
        catch (ReportContentException e)
        {
            Assert.Equal(code, e.Code);
            Assert.Equal(line, e.Line);
        }
        catch (XmlException e)
        {
            Assert.Equal(QualityCodes.ReportMalformed, code);
            Assert.Equal(line, e.LineNumber);
        }
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<coverage>&lol2;</coverage>")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE coverage SYSTEM \"http://127.0.0.1:1/x.dtd\">\n<coverage/>")]
    public void A_dtd_is_refused_before_any_entity_is_expanded(string xml)
    {
        var e = Assert.Throws<XmlException>(() => Cobertura(xml));
        Assert.True(SafeXml.IsDtdRefusal(e), e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_cobertura_report_is_malformed_never_a_smaller_report()
    {
        var whole = CoberturaSample.TrimEnd();
        for (var cut = 1; cut < whole.Length - 1; cut += 7)
        {
            var prefix = whole[..cut];
            var ex = Record.Exception(() => Cobertura(prefix));
            Assert.True(ex is XmlException or ReportContentException, $"cut at {cut}: {ex?.GetType().Name ?? "parsed"}");
        }
    }

    public static TheoryData<string, string, int> BadLcov => new()
    {
        { "SF:a.cs\nDA:1,1\n", QualityCodes.ReportMalformed, 2 },
        { "SF:a.cs\nDA:1,1\nend_of_record\nSF:b.cs\nDA:1", QualityCodes.ReportMalformed, 5 },
        { "DA:1,1\nend_of_record\n", QualityCodes.ReportMalformed, 1 },
        { "SF:a.cs\nDA:0,1\nend_of_record\n", QualityCodes.ReportMalformed, 2 },
        { "SF:a.cs\nDA:x,1\nend_of_record\n", QualityCodes.ReportMalformed, 2 },
        { "SF:a.cs\nDA:3,-2\nend_of_record\n", QualityCodes.ReportMalformed, 2 },
        { "SF:a.cs\nBRDA:3,0\nend_of_record\n", QualityCodes.ReportMalformed, 2 },
        { "SF:a.cs\nSF:b.cs\nend_of_record\n", QualityCodes.ReportMalformed, 2 },
        { "end_of_record\n", QualityCodes.ReportMalformed, 1 },
        { "SF:a.cs\nthis is prose\nend_of_record\n", QualityCodes.ReportMalformed, 2 },
        { "", QualityCodes.ReportMalformed, 1 },
        { "<?xml version=\"1.0\"?><coverage/>", QualityCodes.ReportWrongFormat, 1 },
        { "{\"runs\": []}", QualityCodes.ReportWrongFormat, 1 },
    };

    [Theory, MemberData(nameof(BadLcov))]
    public void Bad_lcov_names_its_kind_and_line(string text, string code, int line)
    {
        var e = Assert.Throws<ReportContentException>(() => Lcov(text));
        Assert.Equal(code, e.Code);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Huge_hit_counts_saturate_and_still_count_as_covered()
    {
        var file = Assert.Single(Lcov("SF:a.cs\nDA:1,99999999999999999999999\nend_of_record\n").Files);
        Assert.Equal(LineState.Covered, file.Coverage.State(1));
        var cob = Assert.Single(Cobertura("<coverage><class filename=\"a.cs\"><lines><line number=\"1\" hits=\"1.0E10\"/></lines></class></coverage>").Files);
        Assert.Equal(LineState.Covered, cob.Coverage.State(1));
    }
}
