using GateKit.Config;
using GateKit.Tests.Support;

namespace GateKit.GitHub.Tests;

public sealed class GitHubContextTests : IDisposable
{
    private const string MergeSha = "1111111111111111111111111111111111111111";
    private const string HeadSha = "2222222222222222222222222222222222222222";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string?> Env(string eventName, string? eventJson) => new()
    {
        ["GITHUB_REPOSITORY"] = "octo/repo",
        ["GITHUB_EVENT_NAME"] = eventName,
        ["GITHUB_EVENT_PATH"] = eventJson is null ? _temp.Combine("missing.json") : _temp.Write("event.json", eventJson),
        ["GITHUB_SHA"] = MergeSha,
        ["GITHUB_JOB"] = "test",
        ["GITHUB_SERVER_URL"] = "https://github.example",
        ["GITHUB_RUN_ID"] = "42",
        ["GITHUB_TOKEN"] = "ghs_secretsecret",
    };

    [Theory]
    [InlineData("pull_request")]
    [InlineData("pull_request_target")]
    public void A_pull_request_uses_the_head_commit_not_the_merge_commit(string eventName)
    {
        var c = GitHubContext.FromEnvironment(Env(eventName, $$$$"""{"number":7,"pull_request":{"number":7,"head":{"sha":"{{{{HeadSha}}}}"}}}"""));
        Assert.Equal((HeadSha, 7, "octo", "repo"), (c.HeadSha, c.PullRequest, c.Owner, c.Repository));
        Assert.Equal("https://github.example/octo/repo/actions/runs/42", c.RunUrl);
        Assert.Equal(new Uri("https://api.github.com/"), c.ApiUrl);
    }

    [Fact]
    public void A_workflow_run_uses_its_head_sha_and_pull_request()
    {
        var c = GitHubContext.FromEnvironment(Env("workflow_run", $$$$"""{"workflow_run":{"head_sha":"{{{{HeadSha}}}}","pull_requests":[{"number":9}]}}"""));
        Assert.Equal((HeadSha, (int?)9), (c.HeadSha, c.PullRequest));
    }

    [Fact]
    public void A_fork_workflow_run_has_no_pull_request_unless_given()
    {
        var env = Env("workflow_run", $$$$"""{"workflow_run":{"head_sha":"{{{{HeadSha}}}}","pull_requests":[]}}""");
        Assert.Null(GitHubContext.FromEnvironment(env).PullRequest);
        Assert.Equal(12, GitHubContext.FromEnvironment(env, pullRequestOverride: 12).PullRequest);
    }

    [Fact]
    public void A_push_uses_GITHUB_SHA_and_head_sha_overrides_everything()
    {
        var env = Env("push", null);
        Assert.Equal(MergeSha, GitHubContext.FromEnvironment(env).HeadSha);
        Assert.Equal(HeadSha, GitHubContext.FromEnvironment(env, HeadSha.ToUpperInvariant()).HeadSha);
    }

    [Fact]
    public void The_API_URL_is_the_base_address_for_GitHub_Enterprise()
    {
        var env = Env("push", null);
        env["GITHUB_API_URL"] = "https://ghe.example/api/v3";
        Assert.Equal(new Uri("https://ghe.example/api/v3/"), GitHubContext.FromEnvironment(env).ApiUrl);
    }

    [Fact]
    public void A_missing_event_file_for_a_pull_request_is_a_usage_error()
    {
        var e = Assert.Throws<UsageException>(() => GitHubContext.FromEnvironment(Env("pull_request", null)));
        Assert.Contains("missing.json", e.Message);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"pull_request":{"head":{}}}""")]
    [InlineData("""{"pull_request":{"head":{"sha":5}}}""")]
    public void A_malformed_event_file_is_invalid_input(string json)
    {
        var e = Assert.Throws<ConfigException>(() => GitHubContext.FromEnvironment(Env("pull_request", json)));
        Assert.Contains("event.json", e.Message);
    }

    [Theory]
    [InlineData("GITHUB_REPOSITORY", null)]
    [InlineData("GITHUB_REPOSITORY", "noslash")]
    [InlineData("GITHUB_API_URL", "ftp://x")]
    [InlineData("GITHUB_SHA", "not-a-sha")]
    public void Bad_variables_are_usage_errors(string name, string? value)
    {
        var env = Env("push", null);
        env[name] = value;
        Assert.Throws<UsageException>(() => GitHubContext.FromEnvironment(env));
    }

    [Fact]
    public void The_token_comes_from_the_environment_and_never_prints()
    {
        var c = GitHubContext.FromEnvironment(Env("push", null));
        Assert.Equal("ghs_secretsecret", c.Token);
        Assert.DoesNotContain("ghs_secretsecret", c.ToString());
    }

    /// <summary>Kind: every event that has a pull request is a pull request (and the others name what they can).</summary>
    [Theory]
    [InlineData("pull_request", """{"number":7,"pull_request":{"number":7,"head":{"sha":"HEAD"}}}""", true, 7)]
    [InlineData("pull_request_target", """{"number":7,"pull_request":{"number":7,"head":{"sha":"HEAD"}}}""", true, 7)]
    [InlineData("pull_request_review", """{"action":"submitted","review":{"id":1},"pull_request":{"number":8,"head":{"sha":"HEAD"}}}""", true, 8)]
    [InlineData("pull_request_review_comment", """{"action":"created","comment":{"id":2},"pull_request":{"number":9,"head":{"sha":"HEAD"}}}""", true, 9)]
    [InlineData("pull_request_review_thread", """{"action":"resolved","thread":{},"pull_request":{"number":10,"head":{"sha":"HEAD"}}}""", true, 10)]
    [InlineData("workflow_run", """{"workflow_run":{"head_sha":"HEAD","pull_requests":[{"number":11}]}}""", true, 11)]
    [InlineData("check_suite", """{"check_suite":{"head_sha":"HEAD","pull_requests":[{"number":12}]}}""", true, 12)]
    [InlineData("check_run", """{"check_run":{"head_sha":"HEAD","pull_requests":[]}}""", true, null)]
    [InlineData("issue_comment", """{"issue":{"number":13,"pull_request":{"url":"u"}},"comment":{"id":3}}""", false, 13)]
    [InlineData("issue_comment", """{"issue":{"number":14},"comment":{"id":3}}""", false, null)]
    [InlineData("push", """{"after":"HEAD"}""", false, null)]
    [InlineData("merge_group", """{"merge_group":{"head_sha":"HEAD"}}""", false, null)]
    public void Every_event_that_names_a_pull_request_gives_its_head_and_number(string eventName, string payload, bool headFromEvent, int? number)
    {
        var c = GitHubContext.FromEnvironment(Env(eventName, payload.Replace("HEAD", HeadSha, StringComparison.Ordinal)));
        Assert.Equal((headFromEvent ? HeadSha : MergeSha, number), (c.HeadSha, c.PullRequest));
    }

    [Theory]
    [InlineData("pull_request_review")]
    [InlineData("pull_request_review_comment")]
    public void A_pull_request_event_without_its_pull_request_is_invalid_input(string eventName)
    {
        var e = Assert.Throws<ConfigException>(() => GitHubContext.FromEnvironment(Env(eventName, """{"action":"submitted"}""")));
        Assert.Contains("pull_request", e.Message);
    }

    [Fact]
    public void The_workflow_server_and_workspace_come_from_the_environment()
    {
        var env = Env("push", null);
        env["GITHUB_WORKFLOW"] = "nightly";
        env["GITHUB_WORKSPACE"] = "/home/runner/work/repo/repo";
        var c = GitHubContext.FromEnvironment(env);
        Assert.Equal(("nightly", "https://github.example/octo/repo", "/home/runner/work/repo/repo"), (c.Workflow, c.RepositoryUrl, c.Workspace));
    }
}
