using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

/// <summary>
/// Kind: rate limits are rate limits. 403s and 429s are classified by GitHub's documented signals
/// (Retry-After, x-ratelimit-remaining: 0 with x-ratelimit-reset, the secondary-limit messages old and
/// new) before "Resource not accessible by integration"; waits fit one total budget; a create that may
/// have happened is looked up before it is repeated.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly PublishBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private static readonly long ResetIn30s = PublishBench.Now.AddSeconds(30).ToUnixTimeSeconds();

    public static TheoryData<int, string?, string?, string?, string, RefusalKind> Refusals() => new()
    {
        { 403, null, null, null, """{"message":"Resource not accessible by integration"}""", RefusalKind.Forbidden },
        { 403, null, null, null, """{"message":"Must have admin rights to Repository."}""", RefusalKind.Forbidden },
        { 403, null, "4999", null, """{"message":"Resource not accessible by integration"}""", RefusalKind.Forbidden },
        { 403, null, null, null, """{"message":"You have triggered an abuse detection mechanism. Please wait a few minutes before you try again."}""", RefusalKind.SecondaryRateLimit },
        { 403, null, null, null, """{"message":"You have exceeded a secondary rate limit and have been temporarily blocked from content creation."}""", RefusalKind.SecondaryRateLimit },
        { 403, null, "12", null, """{"message":"... see https://docs.github.com/rest/overview/resources-in-the-rest-api#abuse-rate-limits"}""", RefusalKind.SecondaryRateLimit },
        { 403, "30", null, null, """{"message":"Forbidden"}""", RefusalKind.SecondaryRateLimit },
        { 403, null, "0", "RESET", """{"message":"API rate limit exceeded for installation ID 1."}""", RefusalKind.PrimaryRateLimit },
        { 429, null, "0", "RESET", "", RefusalKind.PrimaryRateLimit },
        { 429, null, null, null, "", RefusalKind.SecondaryRateLimit },
        { 429, "7", null, null, "<html>slow down</html>", RefusalKind.SecondaryRateLimit },
        { 404, null, "0", null, """{"message":"Not Found"}""", RefusalKind.None },
        { 500, "5", null, null, "", RefusalKind.None },
    };

    private static Dictionary<string, string> Headers(string? retryAfter, string? remaining, string? reset)
    {
        var headers = new Dictionary<string, string>();
        if (retryAfter is not null) headers["Retry-After"] = retryAfter;
        if (remaining is not null) headers["x-ratelimit-remaining"] = remaining;
        if (reset is not null) headers["x-ratelimit-reset"] = reset == "RESET" ? ResetIn30s.ToString(System.Globalization.CultureInfo.InvariantCulture) : reset;
        return headers;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refusal_is_classified_by_GitHubs_signals_in_their_documented_order(int status, string? retryAfter, string? remaining, string? reset, string body, RefusalKind kind)
    {
        var headers = Headers(retryAfter, remaining, reset);
        Assert.Equal(kind, RateLimitSignal.Classify(status, n => headers.FirstOrDefault(h => string.Equals(h.Key, n, StringComparison.OrdinalIgnoreCase)).Value, body));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Against_the_server_a_rate_limit_waits_as_told_and_only_a_permission_refusal_falls_back(int status, string? retryAfter, string? remaining, string? reset, string body, RefusalKind kind)
    {
        if (status >= 500 || status == 404) return; // not refusals: covered by the answer tests
        _bench.Server.Script(new ScriptedResponse("POST", "check-runs", status, body, Headers(retryAfter, remaining, reset)));
        var outcome = await _bench.Report(Sample.Run(Decision.NoGo, Sample.Gate("quality", GateStatus.Fail, Sample.At("c", Priority.P0, "m", "a.cs", 1))));

        if (kind == RefusalKind.Forbidden)
        {
            Assert.Empty(_bench.Delays);
            Assert.NotNull(outcome.Published!.ChecksRefused);
            Assert.Equal(1, outcome.ExitCode);
            Assert.Single(_bench.WorkflowAnnotations);
            Assert.Contains("checks\\: write", _bench.StepSummary);
            return;
        }
        var expected = retryAfter is not null ? TimeSpan.FromSeconds(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture))
            : reset is not null ? TimeSpan.FromSeconds(30)
            : RateLimitSignal.MinimumWait;
        Assert.Equal([expected], _bench.Delays);
        Assert.Null(outcome.Published!.ChecksRefused);
        Assert.Single(outcome.Published.CheckRunIds);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(_bench.WorkflowAnnotations);
        Assert.DoesNotContain("checks\\: write", _bench.StepSummary);
    }

    [Fact]
    public async Task A_secondary_limit_without_a_time_waits_a_minute_then_exponentially_longer_within_the_budget()
    {
        _bench.Server.Script(Enumerable.Repeat(new ScriptedResponse("POST", "check-runs", 403, """{"message":"You have triggered an abuse detection mechanism."}"""), 4).ToArray());
        var outcome = await _bench.Report(Sample.Run(Decision.Go, Sample.Gate("quality", GateStatus.Pass)), retry: _bench.Retry(TimeSpan.FromMinutes(4)));

        Assert.Equal([TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)], _bench.Delays); // 240 s more would pass the 4 minutes
        Assert.Equal(4, outcome.ExitCode);
        Assert.Null(outcome.Published!.ChecksRefused);
        Assert.Contains("GitHub API error creating check run 'gatekit / quality (ci / test, linux)' (HTTP 403, rate limited)", outcome.Messages[0]);
        Assert.DoesNotContain("checks\\: write", _bench.StepSummary);
    }

    [Fact]
    public async Task Three_waits_of_45_s_are_not_cut_by_the_HTTP_client_and_the_fourth_attempt_publishes()
    {
        _bench.Server.Script(Enumerable.Repeat(new ScriptedResponse("POST", "check-runs", 403, """{"message":"secondary rate limit"}""",
            new Dictionary<string, string> { ["Retry-After"] = "45" }), 3).ToArray());
        var retry = RetryPolicy.Default with { Delay = _bench.Retry().Delay, AttemptTimeout = TimeSpan.FromSeconds(5) };
        var outcome = await _bench.Report(Sample.Run(Decision.Go, Sample.Gate("quality", GateStatus.Pass)), retry: retry, exitCode: 0);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(45), 3), _bench.Delays);
        Assert.Single(outcome.Published!.CheckRunIds);
        // The client's own timeout is longer than any call within the budget can take.
        Assert.True(retry.ClientTimeout > retry.Budget + retry.AttemptTimeout * retry.MaxAttempts);
    }

    [Theory]
    [InlineData(502, ScriptedAction.ActThenAnswer)]
    [InlineData(500, ScriptedAction.ActThenAnswer)]
    [InlineData(0, ScriptedAction.Reset)]
    [InlineData(0, ScriptedAction.Hang)]
    public async Task A_create_that_may_have_happened_is_looked_up_before_it_is_repeated(int status, ScriptedAction action)
    {
        var failing = new ScriptedResponse("POST", "check-runs", status, "<html>502</html>") { Action = action, ContentType = "text/html" };
        var result = Sample.Run(Decision.NoGo, Sample.Gate("quality", GateStatus.Fail, Sample.At("c", Priority.P0, "m", "a.cs", 1)));
        // An earlier job's run of the same name on the same commit: the look-up must not take it for this one.
        _bench.Server.Script(failing);
        var retry = _bench.Retry(attemptTimeout: action == ScriptedAction.Hang ? TimeSpan.FromSeconds(1) : null);
        await _bench.Report(result, retry: retry);
        _bench.Server.Script(failing);

        var outcome = await _bench.Report(result, retry: retry);

        Assert.True(outcome.ExitCode == 1, string.Join("\n", outcome.Messages));
        var runs = _bench.Server.CheckRuns;
        Assert.Equal(2, runs.Count);
        Assert.Equal(2, runs.Select(r => r["external_id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(runs[1]["id"]!.GetValue<long>(), Assert.Single(outcome.Published!.CheckRunIds));
        Assert.Contains(_bench.Server.Requests, r => r.Method == "GET" && r.Path.EndsWith($"/commits/{PublishBench.Head}/check-runs", StringComparison.Ordinal)
            && r.Query.Contains("check_name=gatekit%20%2F%20quality", StringComparison.Ordinal));
        Assert.Empty(_bench.WorkflowAnnotations);
    }

    [Fact]
    public async Task Every_request_names_the_API_version_and_the_media_type()
    {
        await _bench.Report(Sample.Run(Decision.NoGo, Sample.Many("quality", 60)), PublishBench.Options(comment: true));
        Assert.NotEmpty(_bench.Server.Requests);
        Assert.All(_bench.Server.Requests, r =>
        {
            Assert.Equal("2022-11-28", r.Headers["x-github-api-version"]);
            Assert.Equal("application/vnd.github+json", r.Headers["accept"]);
        });
    }
}
