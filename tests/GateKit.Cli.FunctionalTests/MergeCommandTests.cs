using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.GitHub.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit merge end to end: legs run by the real tool, merged into one verdict, result, record, summary and check run.</summary>
public sealed class MergeCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public MergeCommandTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    /// <summary>Runs the sample as one leg into legs/NAME and gives its result.json.</summary>
    private string Leg(string name, params string[] extra)
    {
        var state = _temp.Combine(Path.Combine("legs", name));
        var run = GateKitProcess.Run(_sample, ["run", "--out", state, "--report", $"junit={state}/junit.xml", .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.StdErr + run.StdOut);
        var id = File.ReadAllText(Path.Combine(state, "latest")).Trim();
        var result = Path.Combine(state, "runs", id, "result.json");
        // Legs are downloaded as artifacts named by the leg: legs/NAME/result.json.
        var artifact = _temp.Combine(Path.Combine("artifacts", name, "result.json"));
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        File.Copy(result, artifact);
        return artifact;
    }

    [Fact]
    public void Two_legs_merge_into_one_result_record_and_summary_and_a_missing_leg_is_no_go()
    {
        var a = Leg("linux");
        var b = Leg("windows");

        var merged = GateKitProcess.Run(_temp.Path, "merge", a, b, "--out", "merged", "--expect-legs", "linux,windows,macos", "--report", "sarif=merged/gatekit.sarif");

        Assert.True(merged.ExitCode == 1, merged.StdErr + merged.StdOut);
        Assert.Contains("NO-GO  merge merge-", merged.StdOut);
        Assert.Contains("leg_missing", merged.StdOut);
        var result = File.ReadAllBytes(_temp.Combine("merged/result.json"));
        SchemaAssert.ValidResult(result);
        var gates = JsonDocument.Parse(result).RootElement.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("name").GetString()).ToList();
        Assert.Equal(["linux/release", "linux/quality", "windows/release", "windows/quality", "merge"], gates);
        var record = File.ReadAllText(_temp.Combine("merged/merge.json"));
        SchemaAssert.Valid(SchemaAssert.MergeSchema, record);
        var sources = JsonDocument.Parse(record).RootElement.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["linux", "windows"], sources.Select(s => s.GetProperty("leg").GetString()));
        Assert.Equal(["macos"], JsonDocument.Parse(record).RootElement.GetProperty("missingLegs").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("### Merged legs", File.ReadAllText(_temp.Combine("merged/summary.md")));
        Assert.True(File.Exists(_temp.Combine("merged/gatekit.sarif")));

        var complete = GateKitProcess.Run(_temp.Path, "merge", a, b, "--out", "merged2", "--expect", "2", "--format", "json");
        Assert.True(complete.ExitCode == 0, complete.StdErr + complete.StdOut);
        Assert.Equal("go-with-conditions", JsonDocument.Parse(complete.StdOut).RootElement.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("not json at all", "artifacts/bad/result.json:1:")]
    [InlineData("{\"schemaVersion\": 1}", "artifacts/bad/result.json")]
    public void A_malformed_leg_is_invalid_input_naming_the_file(string content, string named)
    {
        var a = Leg("linux");
        _temp.Write("artifacts/bad/result.json", content);
        var merged = GateKitProcess.Run(_temp.Path, "merge", a, "artifacts/bad/result.json", "--out", "merged");
        Assert.Equal(3, merged.ExitCode);
        Assert.Contains(named, merged.StdErr);
        Assert.DoesNotContain("   at ", merged.StdErr);
        Assert.False(File.Exists(_temp.Combine("merged/result.json")), "nothing half-written");
    }

    [Fact]
    public void A_duplicate_leg_is_invalid_input_and_a_missing_file_a_usage_error()
    {
        var a = Leg("linux");
        var duplicate = GateKitProcess.Run(_temp.Path, "merge", a, $"copy={a}", "--out", "merged");
        Assert.Equal(3, duplicate.ExitCode);
        Assert.Contains("duplicate merge input: the same bytes as", duplicate.StdErr);
        var missing = GateKitProcess.Run(_temp.Path, "merge", a, "nowhere/result.json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("file not found: nowhere/result.json", missing.StdErr);
    }

    [Fact]
    public void With_github_one_check_run_with_a_stable_name_is_published()
    {
        using var server = new GitHubTestServer();
        var a = Leg("linux");
        var b = Leg("windows");
        var env = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "octo/repo",
            ["GITHUB_API_URL"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_EVENT_PATH"] = _temp.Write("event.json", "{}"),
            ["GITHUB_SHA"] = "1111111111111111111111111111111111111111",
            ["GITHUB_JOB"] = "gate",
            ["GITHUB_STEP_SUMMARY"] = _temp.Combine("step-summary.md"),
            ["GITHUB_OUTPUT"] = _temp.Combine("output.txt"),
            ["GITHUB_TOKEN"] = "ghs_MergeToken",
            ["GATEKIT_GITHUB_TOKEN"] = "",
            ["GATEKIT_MATRIX"] = "",
        };
        var merged = GateKitProcess.Run(_temp.Path, env, "merge", a, b, "--expect", "2", "--github", "--out", "merged");
        Assert.True(merged.ExitCode == 0, merged.StdErr + merged.StdOut);
        var check = Assert.Single(server.Requests, r => r.Path == "/repos/octo/repo/check-runs");
        Assert.Equal("gatekit (gate)", check.Json!["name"]!.GetValue<string>());
        Assert.Contains("windows/quality", File.ReadAllText(_temp.Combine("step-summary.md")));
        Assert.Contains("\ngo-with-conditions\n", File.ReadAllText(_temp.Combine("output.txt")));
    }
}
