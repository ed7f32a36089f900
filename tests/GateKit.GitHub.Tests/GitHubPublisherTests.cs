using System.Text;
using System.Text.Json.Nodes;
using GateKit.GitHub.Tests.Support;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.GitHub.Tests;

/// <summary>The real Octokit client against a real HTTP server on 127.0.0.1.</summary>
public sealed class GitHubPublisherTests : IDisposable
{
    private const string Token = "ghs_TopSecretToken1234567890";
    private const string Head = "2222222222222222222222222222222222222222";
    private readonly GitHubTestServer _server = new();
    private readonly TempFolder _temp = new();
    private readonly List<TimeSpan> _delays = [];

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    private RetryPolicy Retry => new(4, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), (d, _) =>
    {
        lock (_delays) _delays.Add(d);
        return Task.CompletedTask;
    });

    private GitHubContext Context(int? pr = 7) => new(_server.BaseAddress, "octo", "repo", "pull_request", Head, pr, "test", """{"os":"linux"}""",
        "https://github.example/octo/repo/actions/runs/1", _temp.Combine("step-summary.md"), _temp.Combine("output.txt")) { Token = Token };

    private static PublishOptions Options(CheckMode mode = CheckMode.PerGate, bool comment = false) =>
        new(mode, "gatekit", comment, FailOn.Fail, "in the step summary");

    private Task<PublishReport> Publish(RunResult result, PublishOptions? options = null, int? pr = 7) =>
        new GitHubPublisher(_server.BaseAddress, Token, Retry).PublishAsync(result, Summaries.Of("## summary\n"), Context(pr), options ?? Options(), CancellationToken.None);

    private static RunResult TwoGates() => Sample.Run(Decision.NoGo,
        Sample.Gate("release", GateStatus.Pass),
        Sample.Gate("quality", GateStatus.Fail, Sample.At("metric_failed", Priority.P0, "p95 too high", "data/cases.jsonl", 4, 2)));

    [Fact]
    public async Task One_check_run_per_gate_on_the_head_commit_with_its_conclusion()
    {
        var report = await Publish(TwoGates());

        Assert.Equal(2, report.CheckRunIds.Count);
        var posts = _server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.All(posts, p => Assert.Equal("/repos/octo/repo/check-runs", p.Path));
        Assert.All(posts, p => Assert.Equal("token " + Token, p.Authorization, ignoreCase: true));
        var bodies = posts.Select(p => p.Json!).ToList();
        Assert.Equal(["gatekit / release (test, linux)", "gatekit / quality (test, linux)"], bodies.Select(b => b["name"]!.GetValue<string>()));
        Assert.Equal(["success", "failure"], bodies.Select(b => b["conclusion"]!.GetValue<string>()));
        Assert.All(bodies, b => Assert.Equal(Head, b["head_sha"]!.GetValue<string>()));
        Assert.All(bodies, b => Assert.Equal("completed", b["status"]!.GetValue<string>()));
        var annotation = bodies[1]["output"]!["annotations"]!.AsArray().Single()!;
        Assert.Equal(("data/cases.jsonl", 4, 4, "failure"), (annotation["path"]!.GetValue<string>(), annotation["start_line"]!.GetValue<int>(),
            annotation["end_line"]!.GetValue<int>(), annotation["annotation_level"]!.GetValue<string>()));
        Assert.Equal("quality: fail — 1 finding", bodies[1]["output"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_check_run_per_run()
    {
        await Publish(TwoGates(), Options(CheckMode.PerRun));
        var post = Assert.Single(_server.Requests);
        Assert.Equal(("gatekit (test, linux)", "failure"), (post.Json!["name"]!.GetValue<string>(), post.Json!["conclusion"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Ten_thousand_findings_go_out_in_batches_of_50_create_then_update()
    {
        var report = await Publish(Sample.Run(Decision.NoGo, Sample.Many("quality", 10_000)));

        var requests = _server.Requests;
        Assert.Equal(200, requests.Count);
        Assert.Equal("POST", requests[0].Method);
        Assert.All(requests.Skip(1), r => Assert.Equal($"/repos/octo/repo/check-runs/{report.CheckRunIds[0]}", r.Path));
        Assert.All(requests.Skip(1), r => Assert.Equal("PATCH", r.Method));
        var sent = requests.SelectMany(r => r.Json!["output"]!["annotations"]!.AsArray()).ToList();
        Assert.All(requests, r => Assert.Equal(50, r.Json!["output"]!["annotations"]!.AsArray().Count));
        Assert.Equal(10_000, sent.Count);
        Assert.Equal(10_000, sent.Select(a => a!["message"]!.GetValue<string>()).Distinct().Count());
        Assert.All(requests, r => Assert.True(Encoding.UTF8.GetByteCount(r.Json!["output"]!["summary"]!.GetValue<string>()) <= 65_535));
        Assert.All(requests, r => Assert.True(Encoding.UTF8.GetByteCount(r.Json!["output"]!["text"]!.GetValue<string>()) <= 65_535));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_retried_with_backoff_after_looking_the_check_run_up(int status)
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", status), new ScriptedResponse("POST", "check-runs", status));
        var report = await Publish(TwoGates(), Options(CheckMode.PerRun));

        Assert.Single(report.CheckRunIds);
        Assert.Equal(["POST", "GET", "POST", "GET", "POST"], _server.Requests.Select(r => r.Method));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _delays);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[4].Body);
        Assert.Single(_server.CheckRuns);
    }

    [Fact]
    public async Task Server_errors_give_up_after_four_attempts()
    {
        _server.Script(Enumerable.Repeat(new ScriptedResponse("POST", "check-runs", 500, """{"message":"boom"}"""), 4).ToArray());
        var report = await Publish(TwoGates(), Options(CheckMode.PerRun));
        Assert.Equal(4, _server.Requests.Count(r => r.Method == "POST"));
        Assert.Empty(report.CheckRunIds);
        Assert.Contains("HTTP 500", report.Failure);
        Assert.Contains("creating check run 'gatekit (test, linux)'", report.Failure);
    }

    [Theory]
    [InlineData(429, "", "7", 7)]
    [InlineData(403, """{"message":"You have exceeded a secondary rate limit"}""", "3", 3)]
    [InlineData(403, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes"}""", null, 60)]
    public async Task Secondary_rate_limits_wait_as_told(int status, string body, string? retryAfter, int seconds)
    {
        var headers = retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter };
        _server.Script(new ScriptedResponse("POST", "check-runs", status, body, headers));
        var report = await Publish(TwoGates(), Options(CheckMode.PerRun));

        Assert.Null(report.ChecksRefused);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(seconds)], _delays);
    }

    [Fact]
    public async Task A_rate_limit_longer_than_a_minute_is_not_waited_for()
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 429, "{}", new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        var report = await Publish(TwoGates(), Options(CheckMode.PerRun));
        Assert.Contains("HTTP 429, rate limited", report.Failure);
        Assert.Single(_server.Requests);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task A_422_is_not_retried_and_the_token_in_its_message_is_redacted()
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 422, $$"""{"message":"Validation Failed for token {{Token}}"}"""));
        var report = await Publish(TwoGates());
        Assert.Single(_server.Requests);
        Assert.Empty(_delays);
        Assert.DoesNotContain(Token, report.Failure);
        Assert.Contains("***", report.Failure);
        Assert.Contains("HTTP 422", report.Failure);
    }

    [Fact]
    public async Task A_403_without_rate_limit_means_no_checks_permission_and_is_not_retried()
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 403, """{"message":"Resource not accessible by integration"}"""));
        var report = await Publish(TwoGates());
        Assert.Equal("Resource not accessible by integration", report.ChecksRefused);
        Assert.Single(_server.Requests);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task The_sticky_comment_is_found_by_its_marker_and_updated_never_duplicated()
    {
        _server.AddComment(1, "a reviewer's comment mentioning gatekit:sticky");
        await Publish(TwoGates(), Options(comment: true));
        await Publish(TwoGates(), Options(comment: true));
        await Publish(TwoGates(), Options(comment: true));

        var comments = _server.Comments;
        Assert.Equal(2, comments.Count);
        Assert.Equal("a reviewer's comment mentioning gatekit:sticky", comments[0].Body);
        Assert.StartsWith(new CheckIdentity("gatekit", null, "test", """{"os":"linux"}""").CommentMarker + "\n", comments[1].Body);
        Assert.Single(_server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/issues/7/comments", StringComparison.Ordinal));
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "PATCH" && r.Path == $"/repos/octo/repo/issues/comments/{comments[1].Id}"));
    }

    [Fact]
    public async Task No_comment_without_a_pull_request()
    {
        await Publish(TwoGates(), Options(comment: true), pr: null);
        Assert.DoesNotContain(_server.Requests, r => r.Path.Contains("comments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hostile_finding_stays_well_formed_in_annotation_summary_and_comment()
    {
        const string file = "dir/a|b`c<script>alert(1)</script>\n%0A.md";
        var result = Sample.Run(Decision.NoGo, Sample.Gate("docs", GateStatus.Fail, Sample.At("docs_link", Priority.P0, "bad | `tick` <script>x</script>\nnext %0A", file, 1)));
        var summary = GateKit.Output.MarkdownSummary.Sections(result, new GateKit.Output.SummaryOptions());
        await new GitHubPublisher(_server.BaseAddress, Token, Retry).PublishAsync(result, summary, Context(), Options(comment: true), CancellationToken.None);

        var check = _server.Requests.First(r => r.Path.EndsWith("check-runs", StringComparison.Ordinal)).Json!["output"]!;
        // The annotation carries the exact path; GitHub treats it as data, not markup.
        Assert.Equal(file, check["annotations"]![0]!["path"]!.GetValue<string>());
        foreach (var markdown in new[] { check["summary"]!.GetValue<string>(), _server.Comments.Single().Body })
        {
            Assert.DoesNotContain("<script>", markdown);
            Assert.DoesNotContain("\n%0A.md", markdown);
            var rows = markdown.Split('\n').Where(l => l.StartsWith("| 🔴", StringComparison.Ordinal)).ToList();
            Assert.Equal(6, Assert.Single(rows).Split(" | ").Length);
        }
    }

    [Fact]
    public async Task The_reporter_falls_back_to_workflow_annotations_and_says_why()
    {
        _server.Script(new ScriptedResponse("POST", "check-runs", 403, """{"message":"Resource not accessible by integration"}"""));
        var stdout = new StringWriter();
        var result = TwoGates();
        var run = new StoredReport(result, "/w/.gatekit/runs/x/result.json", "/w/.gatekit/runs/x/summary.md", _temp.Path);

        var outcome = await new GitHubReporter(stdout, Retry).ReportAsync(run, Context() with { Workspace = _temp.Path }, Options(), writeOutputs: true, 1, CancellationToken.None);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("::error file=data/cases.jsonl,line=4,col=2,title=quality%3A metric_failed (P0)::p95 too high\n", stdout.ToString().ReplaceLineEndings("\n"));
        var step = File.ReadAllText(_temp.Combine("step-summary.md"));
        Assert.Single(step.Split('\n'), l => l.Contains("checks\\: write", StringComparison.Ordinal));
        Assert.EndsWith(GateKit.Output.MarkdownSummary.Render(result, new GateKit.Output.SummaryOptions()), step);
        var outputs = File.ReadAllText(_temp.Combine("output.txt"));
        Assert.Matches("^decision<<(ghadelimiter_[0-9a-f]+)\nno-go\n\\1\nresult-path<<", outputs);
        Assert.Contains("\n/w/.gatekit/runs/x/summary.md\n", outputs);
        Assert.Matches($"\nrun-id<<(ghadelimiter_[0-9a-f]+)\n{System.Text.RegularExpressions.Regex.Escape(result.RunId)}\n\\1\n$", outputs);
    }

    [Fact]
    public async Task The_step_summary_stays_under_1_MiB()
    {
        File.WriteAllText(_temp.Combine("step-summary.md"), new string('x', GitHubLimits.StepSummaryBytes - 70_000));
        var big = Summaries.Of("## ❌ NO-GO\n\n", ("Findings", string.Concat(Enumerable.Range(0, 20_000).Select(i => $"| row {i} | x |\n"))));
        GitHubReporter.AppendStepSummary(_temp.Combine("step-summary.md"), big, "in s.md (keep .gatekit/ as a workflow artifact to read it)", []);
        var size = new FileInfo(_temp.Combine("step-summary.md")).Length;
        Assert.InRange(size, GitHubLimits.StepSummaryBytes - 2_000, GitHubLimits.StepSummaryBytes - 1);
        var text = File.ReadAllText(_temp.Combine("step-summary.md"));
        Assert.Contains("The full summary is in s\\.md", text);
        Assert.EndsWith("workflow artifact to read it\\).\n", text);
    }
}
