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
        Assert.Contains("GitHub API error creating check run 'gatekit / release", File.ReadAllText(_temp.Combine("step-summary.md")));
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
        Assert.Contains("checks\\: write", File.ReadAllText(_temp.Combine("step-summary.md")));
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

    [Theory]
    [InlineData("fail", "neutral")]
    [InlineData("warn", "failure")]
    public void Publish_shows_go_with_conditions_as_its_fail_on_says(string failOn, string conclusion)
    {
        Assert.Equal(0, GateKitProcess.Run(_sample, "run").ExitCode);
        var id = File.ReadAllText(Path.Combine(_sample, ".gatekit", "latest")).Trim();
        var run = GateKitProcess.Run(_temp.Path, Env(), "github", "publish", "--result", Path.Combine(_sample, ".gatekit", "runs", id, "result.json"),
            "--fail-on", failOn, "--checks", "per-run", "--root", _sample);

        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        var check = Assert.Single(_server.Requests, r => r.Path == "/repos/octo/repo/check-runs");
        Assert.Equal(conclusion, check.Json!["conclusion"]!.GetValue<string>());
    }

    [Fact]
    public void Publish_without_a_result_file_is_a_usage_error()
    {
        var run = GateKitProcess.Run(_temp.Path, Env(), "github", "publish", "--result", "missing/result.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("result file not found", run.StdErr);
    }

    /// <summary>A result file that is not a GateKit run result: invalid input (exit 3) naming the file and where, nothing sent.</summary>
    [Theory]
    [InlineData("{\"schemaVersion\": 1,\n  \"runId\": ", "result.json:2:")]
    [InlineData("{\"runId\": \"a\", \"runId\": \"b\"}", "duplicate")]
    [InlineData("null", "expected a GateKit run result, found null")]
    public void Publish_of_a_file_that_is_not_a_run_result_is_invalid_input_naming_it(string content, string expected)
    {
        var path = Path.Combine(_temp.Path, "result.json");
        File.WriteAllText(path, content);
        var run = GateKitProcess.Run(_temp.Path, Env(), "github", "publish", "--result", path);

        Assert.True(run.ExitCode == 3, run.StdErr + run.StdOut);
        Assert.Contains(path, run.StdErr);
        Assert.Contains(expected, run.StdErr);
        Assert.DoesNotContain("   at ", run.StdErr);
        Assert.DoesNotContain("LineNumber", run.StdErr);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Unicorn!</body></html>", "text/html")]
    [InlineData("", "application/json")]
    [InlineData("[]", "application/json")]
    public void A_bad_answer_ends_in_exit_4_with_the_summary_outputs_and_fallback_and_no_stack_trace(string body, string contentType)
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 201, body) { ContentType = contentType });
        var run = GateKitProcess.Run(_sample, Env(), "run", "--github");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("gatekit: GitHub API error creating check run 'gatekit / release (gates)'", run.StdErr);
        Assert.DoesNotContain("unexpected error", run.StdErr);
        Assert.DoesNotContain("   at ", run.StdErr);
        Assert.StartsWith("> ⚠️ GateKit: GitHub API error creating check run", File.ReadAllText(_temp.Combine("step-summary.md")));
        Assert.Contains("\ngo-with-conditions\n", File.ReadAllText(_temp.Combine("output.txt")));
        Assert.Contains("::warning ", run.StdOut);
        AssertNoToken(run);
    }

    [Fact]
    public void Fail_on_warn_fails_the_warned_gates_check_as_it_fails_the_exit_code()
    {
        var run = GateKitProcess.Run(_sample, Env(), "run", "--github", "--fail-on", "warn");

        Assert.Equal(1, run.ExitCode);
        var conclusions = _server.Requests.Where(r => r.Path == "/repos/octo/repo/check-runs")
            .ToDictionary(c => c.Json!["name"]!.GetValue<string>(), c => c.Json!["conclusion"]!.GetValue<string>());
        Assert.Equal("success", conclusions["gatekit / release (gates)"]);
        Assert.Equal("failure", conclusions["gatekit / quality (gates)"]);
    }

    [Fact]
    public void A_config_in_a_subfolder_gives_repository_paths_and_absolute_links()
    {
        var repo = _temp.Combine("repo");
        Samples.CopyTo(Samples.Quickstart, Path.Combine(repo, "services", "api"));
        var env = Env();
        env["GITHUB_WORKSPACE"] = repo;
        env["GITHUB_SERVER_URL"] = "https://github.example";
        env["GITHUB_WORKFLOW"] = "ci";
        _server.Script(new ScriptedResponse("POST", "check-runs", 403, """{"message":"Resource not accessible by integration"}"""));

        var run = GateKitProcess.Run(repo, env, "run", "--github", "--config", "services/api/gatekit.json");

        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        var files = run.StdOut.Split('\n').Where(l => l.Contains("file=", StringComparison.Ordinal)).Select(l => l.Split("file=")[1].Split(',')[0]).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.StartsWith("services/api/", f));
        var step = File.ReadAllText(_temp.Combine("step-summary.md"));
        Assert.Contains($"(https://github.example/octo/repo/blob/{Head}/services/api/gatekit.json)", step);
        Assert.DoesNotContain("](../", step);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_during_the_run_still_writes_the_step_summary_and_outputs_and_exits_5(string signal)
    {
        var env = Env();
        env["GATEKIT_FAULT"] = "pause-before-gate:quality";
        using var process = GateKitProcess.Start(_sample, env, "run", "--github");
        var paused = new ManualResetEventSlim();
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); if (e.Data?.Contains("paused before gate quality") == true) paused.Set(); };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.True(paused.Wait(TimeSpan.FromSeconds(30)), "the tool never paused: " + stderr);

        GateKitProcess.Signal(process, signal);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(5, process.ExitCode);
        Assert.Contains("INTERRUPTED", File.ReadAllText(_temp.Combine("step-summary.md")));
        Assert.Matches("^decision<<(ghadelimiter_[0-9a-f]+)\ninterrupted\n\\1\n", File.ReadAllText(_temp.Combine("output.txt")));
        Assert.Empty(_server.Requests);
        Assert.Contains("(interrupted)", await stdout);
    }

    [Fact]
    public async Task A_signal_while_GitHub_does_not_answer_still_writes_the_step_summary_and_outputs_and_exits_5()
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 0) { Action = ScriptedAction.Hang });
        var posted = new ManualResetEventSlim();
        _server.Received += r => { if (r.Method == "POST") posted.Set(); };
        using var process = GateKitProcess.Start(_sample, Env(), "run", "--github");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(posted.Wait(TimeSpan.FromSeconds(30)), "the tool never called the API");

        GateKitProcess.Signal(process, "TERM");
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(5, process.ExitCode);
        Assert.Contains("interrupted", await stderr);
        Assert.Contains("cancelled before GateKit finished publishing", File.ReadAllText(_temp.Combine("step-summary.md")));
        Assert.Matches("^decision<<(ghadelimiter_[0-9a-f]+)\ninterrupted\n", File.ReadAllText(_temp.Combine("output.txt")));
        Assert.Contains("::warning ", await stdout);
    }
}
