using System.Text.Json;
using GateKit.Config;

namespace GateKit.GitHub;

/// <summary>
/// What a workflow run tells GateKit through GITHUB_* variables and the event file: where the API is,
/// which repository and commit, which pull request, and where the step summary and outputs go. The
/// token is kept apart (<see cref="Token"/>) and is never part of ToString or any message.
/// </summary>
public sealed record GitHubContext(
    Uri ApiUrl,
    string Owner,
    string Repository,
    string? EventName,
    string HeadSha,
    int? PullRequest,
    string? Job,
    string? Matrix,
    string? RunUrl,
    string? StepSummaryPath,
    string? OutputPath)
{
    public const string DefaultApiUrl = "https://api.github.com/";

    /// <summary>The token, from GATEKIT_GITHUB_TOKEN or GITHUB_TOKEN; never printed (see <see cref="SecretRedactor"/>).</summary>
    public string? Token { get; init; }

    /// <summary>GITHUB_WORKFLOW: part of the check identity, so that two workflows never share a check or a comment.</summary>
    public string? Workflow { get; init; }

    /// <summary>GITHUB_SERVER_URL and GITHUB_REPOSITORY as the web address of the repository (for links to files); null without GITHUB_SERVER_URL.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>GITHUB_WORKSPACE: the checkout that annotation paths and file links are relative to; null outside a job.</summary>
    public string? Workspace { get; init; }

    // Records print every property; this one must never print the token.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Owner = ").Append(Owner).Append(", Repository = ").Append(Repository).Append(", HeadSha = ").Append(HeadSha);
        return true;
    }

    /// <summary>
    /// Reads the context from the environment. The head SHA is the pull request's head commit (not the
    /// merge commit GITHUB_SHA names on pull_request events), the workflow_run's head_sha in the second
    /// phase of fork mode, or <paramref name="headShaOverride"/> when given.
    /// </summary>
    /// <exception cref="UsageException">A required variable is missing, or the event file named for a pull request event is not there.</exception>
    /// <exception cref="ConfigException">The event file is not valid JSON or lacks the fields its event must have.</exception>
    public static GitHubContext FromEnvironment(IReadOnlyDictionary<string, string?> env, string? headShaOverride = null, int? pullRequestOverride = null)
    {
        string? Get(string name) => env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

        var repository = Get("GITHUB_REPOSITORY") ?? throw new UsageException("--github needs GITHUB_REPOSITORY (owner/name); is this a GitHub Actions job?");
        var slash = repository.IndexOf('/');
        if (slash <= 0 || slash == repository.Length - 1 || repository.IndexOf('/', slash + 1) >= 0)
            throw new UsageException($"GITHUB_REPOSITORY must be owner/name, not '{repository}'");

        var apiText = Get("GITHUB_API_URL") ?? DefaultApiUrl;
        if (!Uri.TryCreate(apiText.EndsWith('/') ? apiText : apiText + "/", UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
            throw new UsageException($"GITHUB_API_URL is not an http(s) URL: '{apiText}'");

        var eventName = Get("GITHUB_EVENT_NAME");
        var payload = ReadEvent(Get("GITHUB_EVENT_PATH"), eventName);
        var (eventSha, eventPr) = FromPayload(payload, eventName, Get("GITHUB_EVENT_PATH"));

        var headSha = headShaOverride ?? eventSha ?? Get("GITHUB_SHA")
            ?? throw new UsageException("no commit to attach checks to: GITHUB_SHA is not set and the event names none (use --head-sha)");
        if (!IsSha(headSha)) throw new UsageException($"not a commit SHA: '{headSha}'");

        var server = Get("GITHUB_SERVER_URL");
        var runId = Get("GITHUB_RUN_ID");
        var runUrl = server is not null && runId is not null ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{runId}" : null;

        return new GitHubContext(api, repository[..slash], repository[(slash + 1)..], eventName, headSha.ToLowerInvariant(),
            pullRequestOverride ?? eventPr, Get("GITHUB_JOB"), Get("GATEKIT_MATRIX"), runUrl, Get("GITHUB_STEP_SUMMARY"), Get("GITHUB_OUTPUT"))
        {
            Token = Get("GATEKIT_GITHUB_TOKEN") ?? Get("GITHUB_TOKEN"),
            Workflow = Get("GITHUB_WORKFLOW"),
            RepositoryUrl = server is null ? null : $"{server.TrimEnd('/')}/{repository}",
            Workspace = Get("GITHUB_WORKSPACE"),
        };
    }

    /// <summary>The environment of this process as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    // Every event whose payload carries a pull request object (pull_request, pull_request_target,
    // pull_request_review, pull_request_review_comment, pull_request_review_thread, …) names its head.
    private static bool NeedsPayload(string? eventName) => eventName is not null && (eventName.StartsWith("pull_request", StringComparison.Ordinal) || eventName == "workflow_run");

    private static JsonElement? ReadEvent(string? path, string? eventName)
    {
        if (path is null || !File.Exists(path))
        {
            if (NeedsPayload(eventName))
                throw new UsageException($"the {eventName} event file {(path is null ? "(GITHUB_EVENT_PATH is not set)" : $"'{path}' is not there")}: it names the pull request's head commit");
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(Inputs.InputReader.ReadAll(path));
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ConfigException(new ConfigError(path, "$", "the event file is not valid JSON: " + e.Message, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1));
        }
    }

    /// <summary>
    /// The commit and pull request an event names. Any payload with a <c>pull_request</c> object is a pull
    /// request (its head, never the merge commit); a workflow_run names its head and, from the base
    /// repository, its pull requests; a check_suite or check_run names its head and pull requests; an
    /// issue_comment on a pull request names the number only (its payload has no head commit).
    /// </summary>
    private static (string? Sha, int? Pr) FromPayload(JsonElement? payload, string? eventName, string? path)
    {
        if (payload is not { } root) return (null, null);
        if (root.ValueKind != JsonValueKind.Object)
            throw new ConfigException(new ConfigError(path ?? "event", "$", "the event file must hold a JSON object"));
        if (root.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object)
            return (String(root, path, "pull_request", "head", "sha"), Number(root, "pull_request", "number") ?? Number(root, "number"));
        if (eventName == "workflow_run")
            return (String(root, path, "workflow_run", "head_sha"), FirstNumber(root, "workflow_run", "pull_requests"));
        foreach (var suite in (string[])["check_suite", "check_run"])
            if (eventName == suite && root.TryGetProperty(suite, out var s) && s.ValueKind == JsonValueKind.Object)
                return (String(root, path, suite, "head_sha"), FirstNumber(root, suite, "pull_requests"));
        if (NeedsPayload(eventName))
            throw new ConfigException(new ConfigError(path ?? "event", "$.pull_request", $"missing in the event file of a {eventName} event"));
        if (root.TryGetProperty("issue", out var issue) && issue.ValueKind == JsonValueKind.Object && issue.TryGetProperty("pull_request", out _))
            return (null, Number(root, "issue", "number"));
        return (null, null);
    }

    private static int? FirstNumber(JsonElement root, string parent, string array) =>
        root.TryGetProperty(parent, out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(array, out var items)
        && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0 ? Number(items[0], "number") : null;

    private static string String(JsonElement root, string? path, params string[] names)
    {
        var e = root;
        foreach (var n in names)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(n, out e))
                throw new ConfigException(new ConfigError(path ?? "event", "$." + string.Join('.', names), "missing in the event file"));
        return e.ValueKind == JsonValueKind.String ? e.GetString()! :
            throw new ConfigException(new ConfigError(path ?? "event", "$." + string.Join('.', names), "must be a string"));
    }

    private static int? Number(JsonElement root, params string[] names)
    {
        var e = root;
        foreach (var n in names)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(n, out e)) return null;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i) ? i : null;
    }

    private static bool IsSha(string s) => s.Length is >= 7 and <= 64 && s.All(char.IsAsciiHexDigit);
}
