using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

/// <summary>
/// Kind: fallback only for what was not published. Workflow annotations repeat exactly the findings
/// GitHub does not show, and the step summary says what failed, not that "publishing" did.
/// </summary>
public sealed class FallbackTests : IDisposable
{
    private readonly PublishBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private static RunResult ThreeGates() => Sample.Run(Decision.NoGo,
        Sample.Gate("release", GateStatus.Fail, Sample.At("r1", Priority.P0, "release finding", "r.cs", 1)),
        Sample.Gate("quality", GateStatus.Fail, Sample.At("q1", Priority.P0, "quality finding", "q.cs", 2), new Finding("q2", Priority.P1, "unlocated quality finding")),
        Sample.Gate("docs", GateStatus.Fail, Sample.At("d1", Priority.P0, "docs finding", "d.md", 3)));

    /// <summary>(what fails, the workflow annotations expected, the words the step summary uses).</summary>
    public static TheoryData<string, string[], string> Cases() => new()
    {
        { "nothing", [], "" },
        { "comment", [], "creating the comment on pull request \\#7" },
        { "second check", ["q1", "q2", "d1"], "creating check run 'gatekit / quality" },
        { "third check", ["d1"], "creating check run 'gatekit / docs" },
        { "first check", ["r1", "q1", "q2", "d1"], "creating check run 'gatekit / release" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Workflow_annotations_cover_exactly_what_GitHub_does_not_show(string failing, string[] annotated, string words)
    {
        if (failing == "comment") _bench.Server.Script(new ScriptedResponse("POST", "/issues/7/comments", 422, """{"message":"Validation Failed"}"""));
        else if (failing != "nothing")
            _bench.Server.Script(new ScriptedResponse("POST", "/check-runs", 422, """{"message":"Validation Failed"}""") { Skip = failing switch { "second check" => 1, "third check" => 2, _ => 0 } });

        var outcome = await _bench.Report(ThreeGates(), PublishBench.Options(comment: true));

        Assert.Equal(failing == "nothing" ? 1 : 4, outcome.ExitCode);
        Assert.Equal(annotated.Order(), _bench.WorkflowAnnotations.Select(a => a.Split("title=")[1].Split(" (")[0].Split("%3A ")[1]).Order());
        var notes = _bench.StepSummary.Split('\n').Where(l => l.StartsWith("> ⚠️ GateKit:", StringComparison.Ordinal)).ToList();
        if (failing == "nothing")
        {
            Assert.Empty(notes);
            return;
        }
        var note = Assert.Single(notes);
        Assert.Contains(words, note);
        Assert.DoesNotContain("publishing to GitHub failed", note);
        if (failing == "comment") Assert.Contains("the check runs were published", note);
        else Assert.Contains($"the {annotated.Length} finding{(annotated.Length == 1 ? "" : "s")} GitHub does not show", note);
    }

    [Fact]
    public async Task An_update_that_failed_after_100_of_120_annotations_leaves_20_to_the_fallback()
    {
        _bench.Server.Script(new ScriptedResponse("PATCH", "/check-runs/", 422, """{"message":"Validation Failed"}""") { Skip = 1 });
        var result = Sample.Run(Decision.NoGo, Sample.Many("quality", 120));

        var outcome = await _bench.Report(result);

        Assert.Equal(4, outcome.ExitCode);
        var run = Assert.Single(outcome.Published!.CheckRuns);
        Assert.Equal(100, run.AnnotationsSent);
        // Worst first, as every fallback is written.
        var expected = result.Gates[0].Findings.Skip(100).OrderBy(f => f.Priority).Select(f => WorkflowCommands.Annotation("quality", f));
        Assert.Equal(expected, _bench.WorkflowAnnotations);
        Assert.Contains("updating check run 'gatekit / quality (ci / test, linux)' (annotations 101–120 of 120)", _bench.StepSummary.Replace("\\(", "(").Replace("\\)", ")"));
    }

    [Theory]
    [InlineData("push", null, false, "note: no pull request comment was written: the push event names no pull request (pass --pr to name one)")]
    [InlineData("schedule", null, false, "note: no pull request comment was written: the schedule event names no pull request (pass --pr to name one)")]
    [InlineData("pull_request", 7, true, "note: no pull request comment was written: publishing the check runs failed first")]
    public async Task A_skipped_comment_says_why_in_one_line(string eventName, int? pr, bool checksFail, string line)
    {
        if (checksFail) _bench.Server.Script(new ScriptedResponse("POST", "/check-runs", 422, """{"message":"Validation Failed"}"""));
        var outcome = await _bench.Report(ThreeGates(), PublishBench.Options(comment: true), _bench.Context(pr: pr, eventName: eventName));

        Assert.Single(outcome.Messages, line);
        Assert.Empty(_bench.Server.Comments);
    }

    [Fact]
    public async Task A_comment_that_fails_after_the_checks_were_refused_is_said_too()
    {
        _bench.Server.Script(
            new ScriptedResponse("POST", "/check-runs", 403, """{"message":"Resource not accessible by integration"}"""),
            new ScriptedResponse("POST", "/issues/7/comments", 422, """{"message":"Validation Failed"}"""));
        var outcome = await _bench.Report(ThreeGates(), PublishBench.Options(comment: true));

        Assert.Equal(4, outcome.ExitCode);
        Assert.Equal(4, _bench.WorkflowAnnotations.Count);
        Assert.Equal(2, _bench.StepSummary.Split('\n').Count(l => l.StartsWith("> ⚠️ GateKit:", StringComparison.Ordinal)));
        Assert.Contains("creating the comment on pull request", Assert.Single(outcome.Messages));
    }

    [Fact]
    public async Task A_job_cancelled_while_the_second_check_is_created_leaves_only_the_unpublished_findings_to_the_fallback()
    {
        using var cancel = new CancellationTokenSource();
        _bench.Server.Script(new ScriptedResponse("POST", "/check-runs", 0) { Action = ScriptedAction.Hang, Skip = 1 });
        var posts = 0;
        _bench.Server.Received += r => { if (r.Method == "POST" && Interlocked.Increment(ref posts) == 2) cancel.Cancel(); };

        var outcome = await _bench.Report(ThreeGates(), PublishBench.Options(comment: true), cancellationToken: cancel.Token);

        Assert.Equal(5, outcome.ExitCode);
        Assert.True(outcome.Published!.Interrupted);
        Assert.Equal(["d1", "q1", "q2"], _bench.WorkflowAnnotations.Select(a => a.Split("title=")[1].Split(" (")[0].Split("%3A ")[1]).Order());
        Assert.Contains("the 3 findings GitHub does not show", _bench.StepSummary);
        Assert.Matches("^decision<<(ghadelimiter_[0-9a-f]+)\ninterrupted\n", _bench.Outputs);
        Assert.Empty(_bench.Server.Comments);
    }
}
