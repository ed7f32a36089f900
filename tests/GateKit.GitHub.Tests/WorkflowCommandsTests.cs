using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

public sealed class WorkflowCommandsTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("100%", "100%25")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    [InlineData("literal %0A stays literal", "literal %250A stays literal")]
    [InlineData("a:b,c", "a:b,c")]
    [InlineData("::error::injected", "::error::injected")]
    public void Data_escapes_percent_first_then_CR_and_LF(string value, string expected) =>
        Assert.Equal(expected, WorkflowCommands.EscapeData(value));

    [Theory]
    [InlineData("src/a.cs", "src/a.cs")]
    [InlineData("a:b,c", "a%3Ab%2Cc")]
    [InlineData("100%,\n", "100%25%2C%0A")]
    [InlineData("%3A", "%253A")]
    [InlineData("C:\\x", "C%3A\\x")]
    public void Properties_also_escape_colon_and_comma(string value, string expected) =>
        Assert.Equal(expected, WorkflowCommands.EscapeProperty(value));

    [Theory]
    [InlineData(Priority.P0, false, "::error ")]
    [InlineData(Priority.P1, false, "::warning ")]
    [InlineData(Priority.P2, false, "::notice ")]
    [InlineData(Priority.P0, true, "::notice ")]
    public void The_level_follows_priority_and_a_waiver_makes_it_a_notice(Priority priority, bool waived, string prefix)
    {
        var f = Sample.At("code", priority, "m", "a.cs", 3, 4) with
        {
            Waiver = waived ? new WaiverMark("w1", "team", "reason", null, "2027-01-01") : null,
        };
        Assert.StartsWith(prefix, WorkflowCommands.Annotation("quality", f));
    }

    [Fact]
    public void A_hostile_finding_stays_one_well_formed_command()
    {
        var f = Sample.At("docs_link", Priority.P0, "bad\n::error::forged %0A `x` <script>alert(1)</script> | cell", "dir/a|b`c<script>,x:y\n.md", 12, 5);
        var line = WorkflowCommands.Annotation("docs", f);

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.Equal(
            "::error file=dir/a|b`c<script>%2Cx%3Ay%0A.md,line=12,col=5,title=docs%3A docs_link (P0)::bad%0A::error::forged %250A `x` <script>alert(1)</script> | cell",
            line);
    }

    [Fact]
    public void A_finding_without_a_location_has_only_a_title()
    {
        var line = WorkflowCommands.Annotation("release", new Finding("artifact_missing", Priority.P0, "missing"));
        Assert.Equal("::error title=release%3A artifact_missing (P0)::missing", line);
    }

    [Fact]
    public void An_output_value_with_a_newline_cannot_set_another_output()
    {
        var text = WorkflowCommands.Output("result-path", "/tmp/x\ndecision=go");
        var lines = text.Split('\n');
        Assert.StartsWith("result-path<<ghadelimiter_", lines[0]);
        var delimiter = lines[0]["result-path<<".Length..];
        Assert.Equal(["/tmp/x", "decision=go", delimiter, ""], lines[1..]);
    }
}
