using System.Text.RegularExpressions;
using System.Xml.Linq;
using GateKit.Output;
using GateKit.Results;
using static GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Output;

/// <summary>report.html: everything summary.md has, charts with axes and thresholds, and no input can escape its encoding.</summary>
public sealed class HtmlReportTests
{
    private static RunResult Quality(IReadOnlyList<Finding> findings, string metric = "pass_rate", string input = "data/in.json") =>
        Run("r", Decision.NoGo, Gate("quality", GateStatus.Fail, findings) with
        {
            Trends = [new Trend(metric, [0.8, 0.95, 0.9], 0.95, -0.05)],
            Thresholds = [new ThresholdUse($"quality.{metric}", ">=", 0.9, null, "profile prod", Priority.P0)],
            Inputs = [new InputDigest(input, new string('a', 64), 2048)],
        });

    [Fact]
    public void It_holds_what_the_summary_holds_thresholds_inputs_deltas_coloured_statuses_and_links()
    {
        var finding = new Finding("condition_violated", Priority.P0, "pass_rate 0.9 < 0.95", new Location("data/in.json", 3, 4));
        var html = HtmlReport.Render(Quality([finding]), new HtmlReportOptions("../../..", "20261122T000000Z-prev"));

        Assert.Contains("<meta name=\"viewport\"", html);
        Assert.Contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"", html);
        Assert.Contains("<span class=\"badge fail\">fail</span>", html);
        Assert.Contains("<span class=\"badge P0\">P0</span>", html);
        Assert.Contains("<td><code>quality.pass_rate</code></td><td>&gt;= 0.9</td>", html);
        Assert.Contains("<td>profile prod</td>", html);
        Assert.Contains("<td class=\"num\">-0.05</td>", html);
        Assert.Contains("<a href=\"result.json\">result.json</a>", html);
        Assert.Contains("<a href=\"summary.md\">summary.md</a>", html);
        Assert.Contains("href=\"../20261122T000000Z-prev/report.html\"", html);
        Assert.Contains("<a href=\"../../../data/in.json\"><code>data/in.json:3:4</code></a>", html);
        Assert.Contains("<a href=\"../../../data/in.json\"><code>data/in.json</code></a>", html);
        Assert.Contains("2 KiB", html);
        Assert.Equal(html, HtmlReport.Render(Quality([finding]), new HtmlReportOptions("../../..", "20261122T000000Z-prev")));
    }

    [Fact]
    public void A_trend_chart_has_axes_every_value_and_the_threshold_line_inside_its_range()
    {
        var html = HtmlReport.Render(Quality([]));
        var svg = XElement.Parse(Regex.Match(html, "<svg .*?</svg>", RegexOptions.Singleline).Value);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(3, svg.Descendants(ns + "line").Count()); // two axes and the threshold
        var threshold = svg.Descendants(ns + "line").Single(l => (string?)l.Attribute("class") == "threshold");
        Assert.Equal("#cf222e", (string?)threshold.Attribute("stroke"));
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("threshold 0.9", texts);
        Assert.Contains("0.8", texts);
        Assert.Contains("0.95", texts);
        Assert.Contains("now", texts);
        var y = double.Parse((string)threshold.Attribute("y1")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(y, 14, 150 - 26);
    }

    [Fact]
    public void A_threshold_far_outside_the_values_still_sits_inside_the_chart()
    {
        var run = Quality([]) with { };
        var gate = run.Gates[0] with { Thresholds = [new ThresholdUse("quality.pass_rate", ">=", 1000, null, "config", Priority.P0)] };
        var html = HtmlReport.Render(run with { Gates = [gate] });
        Assert.Contains("threshold 1000", html);
        foreach (Match m in Regex.Matches(html, "c[xy]=\"(-?[0-9.]+)\""))
            Assert.InRange(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 320);
    }

    public static TheoryData<string> HostileTexts() => new()
    {
        "<script>alert(1)</script><img src=http://evil/x>",
        "line one\nline two\r\n</script>",
        "]]><!-- --><![CDATA[",
        "control \u0000\u0001\u001b[31m\u007f\u0085 end",
        "\" onmouseover=\"alert(1)\" x=\"",
        "javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_text_in_every_input_field_stays_text(string hostile)
    {
        var finding = new Finding(hostile, Priority.P0, hostile, new Location(hostile, 1), hostile, new WaiverMark(hostile, hostile, hostile, null, hostile));
        var run = Quality([finding], metric: hostile, input: hostile) with { RunId = hostile, Profile = hostile, Tag = hostile, ReasonCodes = [hostile], Overrides = [hostile] };
        var html = HtmlReport.Render(run, new HtmlReportOptions("../..", hostile));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<![CDATA[", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onmouseover", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("href=\"javascript:", html);
        Assert.DoesNotMatch("(href|src)=\"(https?:)?//", html);
        Assert.DoesNotMatch("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]", html);
        // Every element the report writes is one it means to write.
        var tags = Regex.Matches(html, "<([a-zA-Z][a-zA-Z0-9]*)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(new HashSet<string> { "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "nav", "a", "code", "span", "strong",
            "div", "table", "tr", "th", "td", "svg", "g", "line", "text", "polyline", "circle", "ul", "li" }, tags);
    }

    [Fact]
    public void A_10_MB_message_is_cut_with_a_note_and_the_page_stays_small()
    {
        var huge = new string('m', 10 * 1024 * 1024);
        var html = HtmlReport.Render(Quality([new Finding("x", Priority.P0, huge, new Location(huge))]));
        Assert.True(html.Length < 100_000, $"{html.Length} characters");
        Assert.Contains($"({huge.Length - HtmlReport.MaxTextLength} more characters in result.json)", html);
    }

    [Fact]
    public void Findings_beyond_the_limit_are_counted_with_a_link_to_result_json()
    {
        var findings = Enumerable.Range(0, 12).Select(i => new Finding("x", Priority.P2, $"finding {i}")).ToList();
        var html = HtmlReport.Render(Quality(findings), new HtmlReportOptions(MaxFindings: 10));
        Assert.Contains("… and 2 more finding(s)", html);
        Assert.Contains("finding 9", html);
        Assert.DoesNotContain("finding 10", html);
    }
}
