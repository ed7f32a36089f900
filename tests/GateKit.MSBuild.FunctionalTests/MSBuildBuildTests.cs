using GateKit.MSBuild.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests;

/// <summary>
/// dotnet build of a real project that references GateKit.MSBuild from the locally packed feed: the
/// gates run in the build, findings are MSBuild diagnostics, no-go fails it, and unchanged inputs skip.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class MSBuildBuildTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_passing_config_builds_and_an_unchanged_second_build_skips_the_gates()
    {
        var ws = new SampleWorkspace(feed, _temp.Combine("ws"));
        var cases = Path.Combine(ws.Root, "data", "cases.jsonl");

        var first = ws.Build(ws.Project(), "-p:GateKitEnabled=true");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("GateKit: go-with-conditions (release pass, quality warn)", first.StdOut);
        Assert.Contains($"{cases} : gatekit warning condition_violated: [quality P1] latency_p95", first.StdOut);
        Assert.Single(ws.Runs());

        var second = ws.Build(ws.Project(), "-p:GateKitEnabled=true");
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("GateKit: skipped, up to date", second.StdOut);
        Assert.DoesNotContain("GateKit: go", second.StdOut);
        Assert.Single(ws.Runs());

        // A changed input runs the gates again, here on demand with -t:GateKit.
        File.SetLastWriteTimeUtc(cases, DateTime.UtcNow.AddSeconds(2));
        var third = ws.Build(ws.Project(), "-t:GateKit");
        Assert.True(third.ExitCode == 0, third.Output);
        Assert.Contains("GateKit: go-with-conditions", third.StdOut);
        Assert.Equal(2, ws.Runs().Count);
    }

    [Fact]
    public void A_failing_config_fails_the_build_with_the_finding_as_an_error_at_its_file_and_line()
    {
        var ws = new SampleWorkspace(feed, _temp.Combine("ws"));
        var report = Path.Combine(ws.Root, "reports", "v1.4.0_report.json");
        File.WriteAllText(report, File.ReadAllText(report).Replace("\"passed\": true", "\"passed\": false"));
        var lines = File.ReadAllLines(report).ToList();
        var line = lines.FindIndex(l => l.Contains("\"passed\"")) + 1;
        var column = lines[line - 1].IndexOf("\"passed\"", StringComparison.Ordinal) + 1;

        // Opt-in: without GateKitEnabled the build does not run the gates.
        var plain = ws.Build(ws.Project());
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.DoesNotContain("GateKit", plain.StdOut);

        var build = ws.Build(ws.Project(), "-p:GateKitEnabled=true", "-p:GateKitReports=sarif=out/gatekit.sarif");
        Assert.NotEqual(0, build.ExitCode);
        // GateKitReports are written whatever the decision, relative to the project.
        var sarif = Path.Combine(ws.Root, "app", "out", "gatekit.sarif");
        Assert.True(build.StdOut.Contains($"GateKit: report {sarif}", StringComparison.Ordinal), build.StdOut);
        Assert.Contains("assertion_failed", File.ReadAllText(sarif));
        Assert.Contains($"{report}({line},{column}): gatekit error assertion_failed: [release P0] report: assertion /passed failed", build.StdOut);
        Assert.Contains("error GATEKIT001: GateKit decision no-go: assertion_failed", build.StdOut);

        // A build that failed is never up to date: the same inputs fail it again.
        var again = ws.Build(ws.Project(), "-p:GateKitEnabled=true");
        Assert.NotEqual(0, again.ExitCode);
        Assert.DoesNotContain("up to date", again.StdOut);
        Assert.Contains("gatekit error assertion_failed", again.StdOut);
    }
}
