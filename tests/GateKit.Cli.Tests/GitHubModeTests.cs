using GateKit.Cli.Tests.Support;
using GateKit.GitHub.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>`gatekit run --github` and `gatekit github publish`: the real tool against a real HTTP server on 127.0.0.1.</summary>
public sealed class GitHubModeTests : IDisposable
{
    private const string Token = "ghs_CliSecretToken0987654321";
    private const string Merge = "1111111111111111111111111111111111111111";
    private const string Head = "2222222222222222222222222222222222222222";
    private readonly TempFolder _temp = new();
    private readonly GitHubTestServer _server = new();
    private readonly string _sample;

    public GitHubModeTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    private Dictionary<string, string> Env(string? eventJson = $$$$"""{"pull_request":{"number":5,"head":{"sha":"{{{{Head}}}}"}}}""") => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REPOSITORY"] = "octo/repo",
        ["GITHUB_API_URL"] = _server.BaseAddress.ToString().TrimEnd('/'),
        ["GITHUB_EVENT_NAME"] = "pull_request",
        ["GITHUB_EVENT_PATH"] = eventJson is null ? _temp.Combine("no-event.json") : _temp.Write("event.json", eventJson),
        ["GITHUB_SHA"] = Merge,
        ["GITHUB_JOB"] = "gates",
        ["GITHUB_STEP_SUMMARY"] = _temp.Combine("step-summary.md"),
        ["GITHUB_OUTPUT"] = _temp.Combine("output.txt"),
        ["GITHUB_TOKEN"] = Token,
        ["GATEKIT_GITHUB_TOKEN"] = "",
        ["GATEKIT_MATRIX"] = "",
    };

    private void AssertNoToken(ProcessResult run)
    {
        Assert.DoesNotContain(Token, run.StdOut + run.StdErr);
        foreach (var file in Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("event.json", StringComparison.Ordinal)))
            Assert.DoesNotContain(Token, File.ReadAllText(file));
    }

    [Fact]
    public void Run_with_github_publishes_checks_on_the_PR_head_and_writes_summary_and_outputs()
    {
        var run = GateKitProcess.Run(_sample, Env(), "run", "--github", "--comment");

        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        var checks = _server.Requests.Where(r => r.Path == "/repos/octo/repo/check-runs").ToList();
        Assert.Equal(["gatekit / release (gates)", "gatekit / quality (gates)"], checks.Select(c => c.Json!["name"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.Equal(Head, c.Json!["head_sha"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.Equal("token " + Token, c.Authorization, ignoreCase: true));
        Assert.Single(_server.Comments);
        Assert.StartsWith("## ⚠️ GO WITH CONDITIONS", File.ReadAllText(_temp.Combine("step-summary.md")));
        var outputs = File.ReadAllText(_temp.Combine("output.txt"));
        Assert.Contains("\ngo-with-conditions\n", outputs);
        Assert.Contains("result.json\n", outputs);
        Assert.Contains("summary.md\n", outputs);
        AssertNoToken(run);
    }

    [Fact]
    public void A_token_echoed_by_the_server_never_reaches_output_results_or_files_and_the_exit_is_4()
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 422, $$"""{"message":"Bad credentials {{Token}} Authorization: token {{Token}}"}"""));
        var run = GateKitProcess.Run(_sample, Env(), "run", "--github");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("HTTP 422", run.StdErr);
        Assert.Contains("***", run.StdErr);
        Assert.Contains("publishing to GitHub failed", File.ReadAllText(_temp.Combine("step-summary.md")));
        AssertNoToken(run);

        // The index records what the process returned, not the run's own 0: runs list and the failed-run queue say 4.
        var listed = GateKitProcess.Run(_sample, "runs", "list").StdOut;
        Assert.Contains("exit 4  (publishing to GitHub failed after the run was recorded)", listed);
        Assert.Contains("exit 4", GateKitProcess.Run(_sample, "runs", "failed").StdOut);
    }

    [Fact]
    public void Without_checks_permission_it_falls_back_to_workflow_annotations()
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 403, """{"message":"Resource not accessible by integration"}"""));
        var run = GateKitProcess.Run(_sample, Env(), "run", "--github");

        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        Assert.Contains("::warning ", run.StdOut);
        Assert.Contains("checks: write", File.ReadAllText(_temp.Combine("step-summary.md")));
        AssertNoToken(run);
    }

    [Theory]
    [InlineData(null, 2, "no-event.json")]
    [InlineData("{ not json", 3, "event.json")]
    public void A_missing_or_malformed_event_file_stops_before_the_run(string? eventJson, int exit, string message)
    {
        var run = GateKitProcess.Run(_sample, Env(eventJson), "run", "--github");
        Assert.Equal(exit, run.ExitCode);
        Assert.Contains(message, run.StdErr);
        Assert.False(Directory.Exists(Path.Combine(_sample, ".gatekit", "runs")));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Publish_attaches_a_stored_result_to_the_given_head_sha()
    {
        Assert.Equal(0, GateKitProcess.Run(_sample, "run").ExitCode);
        var id = File.ReadAllText(Path.Combine(_sample, ".gatekit", "latest")).Trim();
        var env = Env($$$$"""{"workflow_run":{"head_sha":"{{{{Merge}}}}","pull_requests":[]}}""");
        env["GITHUB_EVENT_NAME"] = "workflow_run";

        var run = GateKitProcess.Run(_temp.Path, env, "github", "publish", "--result", Path.Combine(_sample, ".gatekit", "runs", id, "result.json"),
            "--head-sha", "3333333333333333333333333333333333333333", "--checks", "per-run", "--comment", "--pr", "9");

        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        var check = Assert.Single(_server.Requests, r => r.Path == "/repos/octo/repo/check-runs");
        Assert.Equal(("3333333333333333333333333333333333333333", "gatekit (gates)", "neutral"),
            (check.Json!["head_sha"]!.GetValue<string>(), check.Json!["name"]!.GetValue<string>(), check.Json!["conclusion"]!.GetValue<string>()));
        Assert.Single(_server.Requests, r => r.Method == "POST" && r.Path == "/repos/octo/repo/issues/9/comments");
        AssertNoToken(run);
    }

    [Fact]
    public void Publish_without_a_result_file_is_a_usage_error()
    {
        var run = GateKitProcess.Run(_temp.Path, Env(), "github", "publish", "--result", "missing/result.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("result file not found", run.StdErr);
    }
}
