using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// gatekit run --base REF, end to end: the real tool on a real git repository with a topic branch, a Cobertura report
/// and conditions on coverage.new_lines and sarif.new without changed.base, so the run's base is the one used; a base
/// that is not a commit is a usage error (exit 2) naming the ref, never a run.
/// </summary>
public sealed class RunBaseTests : IDisposable
{
    private readonly GitRepository _repo = new();

    public RunBaseTests()
    {
        _repo.Write("src/App/A.cs", string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n")));
        _repo.Write(".gitignore", ".gatekit/\nreports/\n");
        _repo.Write("gatekit.json", Configs.Quality(
            """{ "id": "new_code", "report": "cov", "metric": "coverage.new_lines", "op": ">=", "threshold": 0.8, "severity": "P0" }, """ +
            """{ "id": "no_new_warnings", "report": "lint", "metric": "sarif.new", "op": "<=", "threshold": 0, "severity": "P0" }""",
            """[{ "id": "cov", "path": "reports/coverage.cobertura.xml", "format": "cobertura" }, { "id": "lint", "path": "reports/build.sarif", "format": "sarif" }]"""));
        _repo.Commit("base");
        _repo.Git("checkout", "-q", "-b", "topic");
        // The topic changes lines 4 and 5; the report (another machine's checkout) covers 4, not 5; an analyzer result sits on line 9 (unchanged).
        _repo.Write("src/App/A.cs", string.Concat(Enumerable.Range(1, 10).Select(i => i is 4 or 5 ? $"changed {i}\n" : $"line {i}\n")));
        _repo.Commit("topic");
        _repo.Write("reports/coverage.cobertura.xml",
            "<?xml version=\"1.0\"?>\n<coverage line-rate=\"0.5\"><sources><source>/home/runner/work/app/app/</source></sources><packages><package name=\"App\"><classes>" +
            "<class name=\"A\" filename=\"src/App/A.cs\"><lines><line number=\"4\" hits=\"3\" branch=\"false\" /><line number=\"5\" hits=\"0\" branch=\"false\" /></lines></class>" +
            "</classes></package></packages></coverage>\n");
        _repo.Write("reports/build.sarif",
            """{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"csc"}},"results":[{"ruleId":"CS0219","level":"warning","message":{"text":"unused"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///home/runner/work/app/app/src/App/A.cs"},"region":{"startLine":9}}}]}]}]}""");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void With_base_the_new_code_metrics_are_measured_and_the_uncovered_changed_line_is_a_finding()
    {
        var run = GateKitProcess.Run(_repo.Path, "run", "--base", "main", "--format", "json");

        Assert.True(run.ExitCode == 1, run.StdErr + run.StdOut);
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal("no-go", result.GetProperty("decision").GetString());
        var findings = result.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "quality")
            .GetProperty("findings").EnumerateArray().ToList();
        var uncovered = Assert.Single(findings, f => f.GetProperty("code").GetString() == "new_lines_uncovered");
        Assert.Equal("src/App/A.cs", uncovered.GetProperty("location").GetProperty("file").GetString());
        Assert.Equal(5, uncovered.GetProperty("location").GetProperty("line").GetInt32());
        var violated = findings.Where(f => f.GetProperty("code").GetString() == "condition_violated").Select(f => f.GetProperty("subject").GetString());
        Assert.Equal(["new_code"], violated);
        Assert.Contains("0.5", run.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.GetProperty("code").GetString() == "base_missing");
    }

    [Fact]
    public void Without_base_each_new_code_condition_is_a_base_missing_finding()
    {
        var run = GateKitProcess.Run(_repo.Path, "run", "--format", "json");

        Assert.True(run.ExitCode == 1, run.StdErr + run.StdOut);
        var findings = JsonDocument.Parse(run.StdOut).RootElement.GetProperty("gates").EnumerateArray()
            .SelectMany(g => g.GetProperty("findings").EnumerateArray()).ToList();
        Assert.Equal(["new_code", "no_new_warnings"],
            findings.Where(f => f.GetProperty("code").GetString() == "base_missing").Select(f => f.GetProperty("subject").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("origin/main")]
    [InlineData("main~5")]
    [InlineData("-x")]
    [InlineData("--output=base.txt")]
    [InlineData("main..topic")]
    public void A_base_that_is_not_a_commit_is_a_usage_error_naming_it(string baseRef)
    {
        var run = GateKitProcess.Run(_repo.Path, "run", "--base=" + baseRef);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.StdErr}{run.StdOut}");
        Assert.Contains($"'{baseRef}'", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_repo.Path, "base.txt")));
        Assert.False(Directory.Exists(Path.Combine(_repo.Path, ".gatekit", "runs")) && Directory.EnumerateFileSystemEntries(Path.Combine(_repo.Path, ".gatekit", "runs")).Any(),
            "a usage error records no run");
    }
}
