using GateKit.Cli.Tests.Support;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit explain CODE prints the catalogue's section; an unknown code is a usage error with suggestions.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("condition_violated", "quality")]
    [InlineData("target_missing", "docs")]
    [InlineData("waiver_expired", "waivers")]
    [InlineData("PATH_OUTSIDE_ROOT", "evidence")]
    public void A_known_code_prints_its_meaning_priority_fix_and_waiver(string code, string source)
    {
        var result = GateKitProcess.Run(_temp.Path, "explain", code);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CodeCatalog.Section(code), result.StdOut.ReplaceLineEndings("\n"));
        Assert.Contains($"Raised by: {source}", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Default priority: ", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("condition_violate", "condition_violated")]
    [InlineData("target-mising", "target_missing")]
    [InlineData("drill_stael", "drill_stale")]
    public void A_misspelt_code_exits_2_naming_the_nearest_codes(string typed, string meant)
    {
        var result = GateKitProcess.Run(_temp.Path, "explain", typed);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains($"unknown code '{typed}'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(meant, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_code_is_echoed_short_and_without_control_characters()
    {
        var result = GateKitProcess.Run(_temp.Path, "explain", "x\u001b[31m\n" + new string('y', 100_000));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Trim().Split('\n'));
        Assert.DoesNotContain('\u001b', line);
        Assert.True(line.Length < 300, line);
    }

    [Fact]
    public void List_prints_every_code_once()
    {
        var result = GateKitProcess.Run(_temp.Path, "explain", "--list");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CodeCatalog.Codes, result.StdOut.Trim().Split('\n'));
    }
}
