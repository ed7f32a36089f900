using GateKit.Output;
using GateKit.Results;
using static GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Output;

public sealed class HtmlReportTests
{
    [Fact]
    public void Input_strings_are_encoded_and_nothing_external_is_referenced()
    {
        var hostile = new Finding("x", Priority.P0, "<script>alert(1)</script><img src=http://evil/x>", new Location("a\"b<c>.json", 3, 4));
        var run = Run("r", Decision.NoGo, Gate("quality", GateStatus.Fail, [hostile]) with
        {
            Trends = [new Trend("lat<ency>", [1, 3, 2], 3, -1)],
        });
        var html = HtmlReport.Render(run);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://evil", html.Replace("src=http://evil", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotMatch("(href|src)=\"(https?:)?//", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<svg "));
        Assert.Contains("points=\"4,44 120,4 236,24\"", html);
        Assert.Equal(html, HtmlReport.Render(run));
    }
}
