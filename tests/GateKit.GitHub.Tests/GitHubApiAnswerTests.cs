using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

/// <summary>
/// Kind: a bad answer from the API never costs the job its summary. Every call GateKit makes (create and
/// update a check run; list, create and update the comment) meets every kind of bad answer (HTML, empty,
/// JSON of another shape, a 5xx page, a reset connection, no answer at all): the step summary, the
/// outputs and the fallback are written, the message names the call that failed, and the exit is 4.
/// </summary>
public sealed class GitHubApiAnswerTests : IDisposable
{
    private readonly PublishBench _bench = new();

    public void Dispose() => _bench.Dispose();

    /// <summary>The calls, each with the script that reaches it and the words that name it.</summary>
    private static readonly (string Call, string Method, string Path, int Skip, string Names)[] Calls =
    [
        ("create", "POST", "/check-runs", 0, "creating check run 'gatekit / quality (ci / test, linux)'"),
        ("update", "PATCH", "/check-runs/", 1, "updating check run 'gatekit / quality (ci / test, linux)' (annotations 101–120 of 120)"),
        ("list comments", "GET", "/issues/7/comments", 0, "listing the comments of pull request #7"),
        ("create comment", "POST", "/issues/7/comments", 0, "creating the comment on pull request #7"),
        ("update comment", "PATCH", "/issues/comments/", 0, "updating comment 1 on pull request #7"),
    ];

    /// <summary>The bad answers; repeated four times, so that retries cannot hide them.</summary>
    private static readonly (string Answer, int Status, string Body, string ContentType, ScriptedAction Action)[] Answers =
    [
        ("HTML 2xx", 200, "<!DOCTYPE html><html><body><h1>Unicorn!</h1>\n<p>busy</p></body></html>", "text/html; charset=utf-8", ScriptedAction.Answer),
        ("empty 2xx", 200, "", "application/json", ScriptedAction.Answer),
        ("array instead of object", 200, "[]", "application/json", ScriptedAction.Answer),
        ("object of another shape", 200, """{"unexpected":{"nested":[1,2]}}""", "application/json", ScriptedAction.Answer),
        ("string", 200, "\"ok\"", "application/json", ScriptedAction.Answer),
        ("id of the wrong type", 200, """{"id":"not-a-number","body":7}""", "application/json", ScriptedAction.Answer),
        ("truncated JSON", 200, """{"id":12,"na""", "application/json", ScriptedAction.Answer),
        ("HTML 502", 502, "<html><body>Bad gateway</body></html>", "text/html", ScriptedAction.Answer),
        ("500 JSON", 500, """{"message":"Server Error"}""", "application/json", ScriptedAction.Answer),
        ("reset", 0, "", "", ScriptedAction.Reset),
        ("timeout", 0, "", "", ScriptedAction.Hang),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var call in Calls)
            foreach (var answer in Answers)
                data.Add(call.Call, answer.Answer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Whatever_a_call_is_answered_the_summary_outputs_and_fallback_are_written_and_the_exit_is_4(string callName, string answerName)
    {
        var call = Calls.Single(c => c.Call == callName);
        var answer = Answers.Single(a => a.Answer == answerName);
        if (call.Call == "list comments" && answer.Answer == "array instead of object") return; // an empty list of comments is well-formed
        if (call.Call == "update comment") _bench.Server.AddComment(1, new CheckIdentity("gatekit", "ci", "test", """{"os":"linux"}""").CommentMarker + "\nold");
        // A 2xx of the method's own kind: 201 for a create, 200 otherwise.
        var status = answer.Status == 200 && call.Method == "POST" ? 201 : answer.Status;
        _bench.Server.Script(Enumerable.Range(0, 4).Select(i => new ScriptedResponse(call.Method, call.Path, status, answer.Body)
        {
            ContentType = answer.ContentType,
            Action = answer.Action,
            Skip = i == 0 ? call.Skip : 0,
        }).ToArray());
        var result = Sample.Run(Decision.NoGo, Sample.Many("quality", 120));

        var outcome = await _bench.Report(result, PublishBench.Options(comment: true),
            retry: answer.Action == ScriptedAction.Hang ? _bench.Retry(attemptTimeout: TimeSpan.FromMilliseconds(500)) : null);

        Assert.Equal(4, outcome.ExitCode);
        var message = outcome.Messages[0];
        Assert.Equal(call.Method == "POST" && call.Path == "/check-runs" || call.Skip > 0 ? 2 : 1, outcome.Messages.Count);
        Assert.StartsWith("GitHub API error " + call.Names + (answer.Status >= 500 ? $" (HTTP {answer.Status})" : ""), message);
        Assert.DoesNotContain("\n", message);
        Assert.DoesNotContain("   at ", message);
        if (call.Method == "PATCH") Assert.DoesNotContain("creating", message);
        Assert.StartsWith("## ❌ NO-GO", _bench.StepSummary[_bench.StepSummary.IndexOf("## ", StringComparison.Ordinal)..]);
        Assert.Contains("GitHub API error " + call.Names[..20], _bench.StepSummary);
        Assert.Matches("^decision<<(ghadelimiter_[0-9a-f]+)\nno-go\n\\1\n", _bench.Outputs);
        // The fallback covers what GitHub does not show: all findings when the create failed, the last
        // 20 annotations when an update failed, nothing when only the comment failed.
        var expected = call.Call switch { "create" => 50 + 1, "update" => 20, _ => 0 };
        Assert.Equal(expected, _bench.WorkflowAnnotations.Count);
        Assert.DoesNotContain(PublishBench.Token, string.Join("\n", outcome.Messages) + _bench.StepSummary + _bench.Stdout);
    }
}
