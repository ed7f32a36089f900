using System.Diagnostics.CodeAnalysis;
using GateKit.Results;
using GateKit.Output;
using Octokit;
using Octokit.Internal;

namespace GateKit.GitHub;

/// <summary>How a result is published: check granularity and name, the sticky comment, and where the full summary is.</summary>
public sealed record PublishOptions(CheckMode Mode, string CheckName, bool Comment, FailOn FailOn, string FullSummaryAt)
{
    /// <summary>Absolute URL of the run root at the commit, for input links in check runs; null for plain paths.</summary>
    public string? InputLinkBase { get; init; }
}

/// <summary>One planned check run and how far it got: its id once created, and how many of its annotations were sent.</summary>
public sealed record CheckRunOutcome(CheckRunDraft Draft, long? Id, int AnnotationsSent)
{
    /// <summary>The findings GitHub does not show for this check run: all of them when it was not created, else the annotations not sent.</summary>
    public IReadOnlyList<GateFinding> Unpublished => Id is null ? Draft.Findings : Draft.AnnotatedFrom(AnnotationsSent);
}

/// <summary>
/// What was published, and what was not and why. Every planned check run has an outcome, in order.
/// </summary>
/// <param name="CheckRuns">Each planned check run and how far it got.</param>
/// <param name="Requests">API calls made (retries not counted).</param>
public sealed record PublishReport(IReadOnlyList<CheckRunOutcome> CheckRuns, int Requests)
{
    /// <summary>The ids of the check runs created.</summary>
    public IReadOnlyList<long> CheckRunIds => CheckRuns.Where(c => c.Id is not null).Select(c => c.Id!.Value).ToList();

    /// <summary>GitHub's reason when the token may not create check runs (a 403 that is no rate limit); null otherwise.</summary>
    public string? ChecksRefused { get; init; }

    /// <summary>The sticky comment's id, once written.</summary>
    public long? CommentId { get; init; }

    /// <summary>GitHub's reason when the token may not comment (a 403 that is no rate limit); null otherwise.</summary>
    public string? CommentRefused { get; init; }

    /// <summary>Why no comment was written although one was asked for (no pull request, an earlier failure); null otherwise.</summary>
    public string? CommentSkipped { get; init; }

    /// <summary>The call that failed for good and why ("GitHub API error updating check run 'x' (HTTP 502): …"); null when none did.</summary>
    public string? Failure { get; init; }

    /// <summary>The job was cancelled meanwhile: what was published until then is in <see cref="CheckRuns"/>; nothing more was sent.</summary>
    public bool Interrupted { get; init; }

    /// <summary>True when a failure concerns the comment only: every check run was published.</summary>
    public bool ChecksComplete => ChecksRefused is null && CheckRuns.All(c => c.Id is not null && c.AnnotationsSent == c.Draft.Annotations.Count);
}

/// <summary>
/// Publishes a run result through Octokit: check runs (create with the first 50 annotations, then one
/// update per further 50) on the head commit, and one sticky pull request comment found by its hidden
/// marker. Every call goes through <see cref="RetryingHandler"/>; every error message is redacted and
/// names the call that failed. Whatever GitHub answers (any status, any body, no answer), the outcome is
/// a <see cref="PublishReport"/>; so is the job's cancellation (<see cref="PublishReport.Interrupted"/>), with what was published until then.
/// </summary>
public sealed class GitHubPublisher
{
    private readonly GitHubClient client;
    private readonly SecretRedactor redactor;
    private readonly CancellationToken stop;
    // Unique per publication: what tells a check run this publication created from an earlier job's run of the same name.
    private readonly string externalId = "gatekit-" + Guid.NewGuid().ToString("N");
    private int requests;

    // Octokit writes and reads StringEnum<T> values by reflection over the closed generic type (its
    // constructors and Value). A Native AOT build keeps a value-type instantiation's members only when
    // asked: these are every StringEnum<T> reachable from the models GateKit sends and reads (check
    // runs, their updates, issue comments, API errors), so that `gatekit run --github` works there too.
    private const DynamicallyAccessedMemberTypes StringEnumMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicMethods;

    [DynamicDependency(StringEnumMembers, typeof(StringEnum<AuthorAssociation>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<CheckAnnotationLevel>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<CheckConclusion>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<CheckStatus>))]
#pragma warning disable CS0618 // obsolete, but still a property of CheckRunAnnotation that Octokit reads
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<CheckWarningLevel>))]
#pragma warning restore CS0618
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<InstallationReadPermissionLevel>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<InstallationReadWriteAdminPermissionLevel>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<InstallationReadWritePermissionLevel>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<InstallationWritePermissionLevel>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<ItemState>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<LockReason>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<MergeableState>))]
    [DynamicDependency(StringEnumMembers, typeof(StringEnum<TeamPrivacy>))]
    public GitHubPublisher(Uri apiUrl, string token, RetryPolicy retry, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentNullException.ThrowIfNull(retry);
        redactor = new SecretRedactor(token);
        this.stop = stop;
        // Connection takes the base address as given: GITHUB_API_URL is already right for github.com,
        // GitHub Enterprise (…/api/v3) and a test server, unlike GitHubClient's host-based guess.
        var http = new HttpClientAdapter(() => new RetryingHandler(new SocketsHttpHandler(), retry, stop));
        var connection = new Connection(new ProductHeaderValue("gatekit"), apiUrl, new InMemoryCredentialStore(new Credentials(token)), http, new SimpleJsonSerializer());
        client = new GitHubClient(connection);
        // HttpClient's default 100 s would cancel a call in the middle of its retries ("A task was
        // canceled.", no status); the handler's budget bounds every call instead.
        client.SetRequestTimeout(retry.ClientTimeout);
    }

    public async Task<PublishReport> PublishAsync(RunResult result, IReadOnlyList<SummarySection> summary, GitHubContext context, PublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var identity = new CheckIdentity(options.CheckName, context.Workflow, context.Job, context.Matrix);
        var drafts = CheckRunPlanner.Plan(result, options.Mode, identity, options.FailOn, options.FullSummaryAt, options.InputLinkBase);
        var outcomes = new List<CheckRunOutcome>();
        string? refused = null, failure = null;
        bool Stopped() => cancellationToken.IsCancellationRequested || stop.IsCancellationRequested;
        foreach (var draft in drafts)
        {
            if (refused is not null || failure is not null || Stopped())
            {
                outcomes.Add(new CheckRunOutcome(draft, null, 0));
                continue;
            }
            var (outcome, error) = await PublishCheckAsync(draft, context).ConfigureAwait(false);
            outcomes.Add(outcome);
            if (error is null) continue;
            // A 403 on the first create that is no rate limit: the token may not write checks (forks). Later, it is a failure like any other.
            if (error.Refusal == RefusalKind.Forbidden && outcome.Id is null && outcomes.Count == 1) refused = error.Reason;
            else failure = error.Message;
        }

        var report = new PublishReport(outcomes, 0) { ChecksRefused = refused, Failure = failure, Interrupted = Stopped() };
        if (!options.Comment || report.Interrupted) return report with { Requests = requests };
        if (context.PullRequest is not { } pr)
            return report with { Requests = requests, CommentSkipped = $"the {context.EventName ?? "(unnamed)"} event names no pull request (pass --pr to name one)" };
        if (failure is not null)
            return report with { Requests = requests, CommentSkipped = "publishing the check runs failed first" };
        var body = CommentBody(summary, identity, options.FullSummaryAt);
        long? commentId;
        CallError? commentError;
        try
        {
            (commentId, commentError) = await UpsertCommentAsync(context, pr, body).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Stopped())
        {
            return report with { Requests = requests, Interrupted = true };
        }
        if (commentError is null) return report with { Requests = requests, CommentId = commentId };
        return commentError.Refusal == RefusalKind.Forbidden
            ? report with { Requests = requests, CommentRefused = commentError.Reason }
            : report with { Requests = requests, Failure = commentError.Message };
    }

    private async Task<(CheckRunOutcome, CallError?)> PublishCheckAsync(CheckRunDraft draft, GitHubContext context)
    {
        var batches = draft.Batches();
        var create = new NewCheckRun(draft.Name, context.HeadSha)
        {
            Status = CheckStatus.Completed,
            Conclusion = Conclusion(draft.Conclusion),
            DetailsUrl = context.RunUrl,
            ExternalId = externalId,
            Output = Output(draft, batches.Count > 0 ? batches[0] : []),
        };
        long? id = null;
        var sent = 0;
        try
        {
            var created = await Call($"creating check run '{draft.Name}'", () => client.Check.Run.Create(context.Owner, context.Repository, create), r => r.Id > 0).ConfigureAwait(false);
            if (created.Error is not null) return (new CheckRunOutcome(draft, null, 0), created.Error);
            id = created.Value!.Id;
            sent = batches.Count > 0 ? batches[0].Count : 0;
            foreach (var batch in batches.Skip(1))
            {
                // Each update appends its annotations to the run; title and summary are required again.
                var what = $"updating check run '{draft.Name}' (annotations {sent + 1}–{sent + batch.Count} of {draft.Annotations.Count})";
                var updated = await Call(what, () => client.Check.Run.Update(context.Owner, context.Repository, id.Value, new CheckRunUpdate { Output = Output(draft, batch) }), r => r.Id > 0).ConfigureAwait(false);
                if (updated.Error is not null) return (new CheckRunOutcome(draft, id, sent), updated.Error);
                sent += batch.Count;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Cancelled: how far it got is the outcome; the caller sees the cancellation and sends nothing more.
        }
        return (new CheckRunOutcome(draft, id, sent), null);
    }

    private static NewCheckRunOutput Output(CheckRunDraft draft, IReadOnlyList<AnnotationDraft> batch) => new(draft.Title, draft.Summary)
    {
        Text = draft.Text,
        Annotations = batch.Select(a => new NewCheckRunAnnotation(a.Path, a.StartLine, a.EndLine, Level(a.Level), a.Message)
        {
            Title = a.Title,
            StartColumn = a.StartColumn,
            EndColumn = a.EndColumn,
        }).ToList(),
    };

    private async Task<(long? Id, CallError? Error)> UpsertCommentAsync(GitHubContext context, int pr, string body)
    {
        var marker = body[..body.IndexOf('\n')];
        long? mine = null;
        // Read as JSON here, not as Octokit models: Octokit reads an HTML page or an object as an empty
        // list, and an empty list would make a second sticky comment.
        var what = $"listing the comments of pull request #{pr}";
        for (Uri? page = new($"repos/{context.Owner}/{context.Repository}/issues/{pr}/comments?per_page=100", UriKind.Relative); page is not null && mine is null;)
        {
            var current = page;
            // GetHtml gives the body as text, whatever its media type; the handler asks for JSON.
            var listed = await Call(what, () => client.Connection.GetHtml(current, new Dictionary<string, string>()), r => r.Body is not null).ConfigureAwait(false);
            if (listed.Error is not null) return (null, listed.Error);
            if (CommentList.Find(listed.Value!.Body, marker) is not { } found) return (null, Error(what, "the answer was not a list of comments", RefusalKind.None));
            mine = found.Id;
            page = listed.Value.HttpResponse.ApiInfo?.GetNextPageUrl();
        }
        var written = mine is { } id
            ? await Call($"updating comment {id} on pull request #{pr}", () => client.Issue.Comment.Update(context.Owner, context.Repository, id, body), c => c.Id > 0).ConfigureAwait(false)
            : await Call($"creating the comment on pull request #{pr}", () => client.Issue.Comment.Create(context.Owner, context.Repository, pr, body), c => c.Id > 0).ConfigureAwait(false);
        return written.Error is null ? (written.Value!.Id, null) : (null, written.Error);
    }

    /// <summary>The comment: the marker line, then the summary trimmed to the comment limit.</summary>
    public static string CommentBody(IReadOnlyList<SummarySection> summary, CheckIdentity identity, string fullSummaryAt)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var marker = identity.CommentMarker + "\n";
        // Bytes bound characters from above, so a byte budget keeps the comment within its character limit.
        return marker + MarkdownTrimmer.Trim(summary, GitHubLimits.CommentChars - GitHubLimits.Utf8Bytes(marker), fullSummaryAt);
    }

    /// <summary>A call that failed for good: the redacted message naming it, GitHub's own reason, and what kind of refusal it was.</summary>
    private sealed record CallError(string Message, string Reason, RefusalKind Refusal);

    /// <summary>
    /// One API call. Octokit reads answers by reflection and fails on a body that is not the JSON it
    /// expects in ways of its own (null for an empty body, various exceptions for HTML or another shape):
    /// every way the call can fail, except the job's cancellation, becomes a <see cref="CallError"/>.
    /// </summary>
    private async Task<(T? Value, CallError? Error)> Call<T>(string what, Func<Task<T>> call, Func<T, bool> wellFormed) where T : class
    {
        requests++;
        try
        {
            var value = await call().ConfigureAwait(false);
            return value is not null && wellFormed(value) ? (value, null) : (null, Error(what, "the answer was not what the API documents (empty, or JSON of another shape)", RefusalKind.None));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (ApiException e)
        {
            string? Header(string name) => e.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            var refusal = RateLimitSignal.Classify((int)e.StatusCode, Header, e.ApiError?.Message ?? e.HttpResponse?.Body as string);
            var reason = Flat(e.ApiError?.Message is { Length: > 0 } m ? m : e.Message);
            return (null, Error($"{what} (HTTP {(int)e.StatusCode}{(refusal is RefusalKind.PrimaryRateLimit or RefusalKind.SecondaryRateLimit ? ", rate limited" : "")})", reason, refusal));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return (null, Error(what, Flat(e.Message), RefusalKind.None));
        }
#pragma warning disable CA1031 // Octokit's deserializer throws what it meets (format, cast, argument, null reference): all mean a malformed answer.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, Error(what, "the answer could not be read: " + Flat(e.Message), RefusalKind.None));
        }
    }

    private CallError Error(string what, string reason, RefusalKind refusal) =>
        new(redactor.Redact($"GitHub API error {what}: {reason}"), redactor.Redact(reason), refusal);

    /// <summary>One line, at most 300 characters: an HTML error page must not flood the log.</summary>
    private static string Flat(string text) =>
        GitHubLimits.TruncateChars(string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim(), 300);

    private static CheckConclusion Conclusion(string conclusion) => conclusion switch
    {
        CheckConclusions.Success => CheckConclusion.Success,
        CheckConclusions.Neutral => CheckConclusion.Neutral,
        CheckConclusions.Cancelled => CheckConclusion.Cancelled,
        _ => CheckConclusion.Failure,
    };

    private static CheckAnnotationLevel Level(string level) => level switch
    {
        "failure" => CheckAnnotationLevel.Failure,
        "warning" => CheckAnnotationLevel.Warning,
        _ => CheckAnnotationLevel.Notice,
    };
}
