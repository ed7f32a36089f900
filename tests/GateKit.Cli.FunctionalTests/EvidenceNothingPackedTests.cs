using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>Nothing evaluated is never a pass: `evidence pack` of nothing exits 3, and parse errors are worded by GateKit.</summary>
public sealed class EvidenceNothingPackedTests
{
    [Theory]
    [InlineData("empty folder", new string[0])]
    [InlineData("include matching nothing", new[] { "--include", "**/*.pdf" })]
    public void Packing_nothing_exits_3_with_nothing_packed_and_writes_nothing(string what, string[] extra)
    {
        using var temp = new TempFolder();
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        if (what != "empty folder") temp.Write("in/report.json", "{}");
        var run = GateKitProcess.Run(temp.Path, ["evidence", "pack", "--in", input, "--out-root", temp.Combine("out"), "--pack-id", "p1",
            "--git-ref", "abc123", "--run-reason", "release readiness", "--operator", "alice", .. extra]);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("nothing_packed: no file under", run.StdErr);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("{\"files\": [}")]
    [InlineData("")]
    public void A_malformed_manifest_is_reported_with_a_1_based_position_and_no_dotnet_wording(string text)
    {
        using var temp = new TempFolder();
        var manifest = temp.Write("pack/manifest.json", text);
        var run = GateKitProcess.Run(temp.Path, "evidence", "verify", "--manifest", manifest);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("manifest_malformed", run.StdOut);
        Assert.DoesNotContain("LineNumber", run.StdOut + run.StdErr);
        Assert.DoesNotContain("BytePositionInLine", run.StdOut + run.StdErr);
        Assert.Matches(@"manifest\.json:1:\d+", run.StdOut);
    }
}
