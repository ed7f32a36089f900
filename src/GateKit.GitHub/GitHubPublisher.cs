using System.Diagnostics.CodeAnalysis;
using GateKit.Results;
using Octokit;
using Octokit.Internal;

namespace GateKit.GitHub;

/// <summary>How a result is published: check granularity and name, the sticky comment, and where the full summary is.</summary>
public sealed record PublishOptions(CheckMode Mode, string CheckName, bool Comment, FailOn FailOn, string FullSummaryAt);

/// <summary>What was published. <see cref="ChecksForbidden"/>: the token may not create check runs (403).</summary>
public sealed record PublishReport(IReadOnlyList<long> CheckRunIds, int Requests, long? CommentId, bool ChecksForbidden, bool CommentForbidden);

/// <summary>
/// Publishes a run result through Octokit: check runs (create with the first 50 annotations, then one
/// update per further 50) on the head commit, and one sticky pull request comment found by its hidden
/// marker. Every call goes through <see cref="RetryingHandler"/>; every error message is redacted.
/// </summary>
public sealed class GitHubPublisher
{
    private readonly GitHubClient _client;
    private readonly SecretRedactor _redactor;
    private int _requests;

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
    public GitHubPublisher(Uri apiUrl, string token, RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        _redactor = new SecretRedactor(token);
        // Connection takes the base address as given: GITHUB_API_URL is already right for github.com,
        // GitHub Enterprise (…/api/v3) and a test server, unlike GitHubClient's host-based guess.
        var http = new HttpClientAdapter(() => new RetryingHandler(new SocketsHttpHandler(), retry));
        var connection = new Connection(new ProductHeaderValue("gatekit"), apiUrl, new InMemoryCredentialStore(new Credentials(token)), http, new SimpleJsonSerializer());
        _client = new GitHubClient(connection);
    }

    /// <summary>The marker that identifies GateKit's comment for one check name (job and matrix included).</summary>
    public static string CommentMarker(string checkName) => $"<!-- gatekit:sticky:{Uri.EscapeDataString(checkName)} -->";

    public async Task<PublishReport> PublishAsync(RunResult result, string summary, GitHubContext context, PublishOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var ids = new List<long>();
        var checksForbidden = false;
        foreach (var draft in CheckRunPlanner.Plan(result, options.Mode, options.CheckName, context.Job, context.Matrix, options.FailOn, options.FullSummaryAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                ids.Add(await PublishCheckAsync(draft, context).ConfigureAwait(false));
            }
            catch (ForbiddenException e) when (e is not RateLimitExceededException and not SecondaryRateLimitExceededException && ids.Count == 0)
            {
                checksForbidden = true;
                break;
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
            {
                throw Fail($"creating check run '{draft.Name}'", e);
            }
        }

        long? commentId = null;
        var commentForbidden = false;
        if (options.Comment && context.PullRequest is { } pr)
        {
            try
            {
                commentId = await UpsertCommentAsync(context, pr, CommentBody(summary, CheckNames.For(options.CheckName, null, context.Job, context.Matrix), options.FullSummaryAt)).ConfigureAwait(false);
            }
            catch (ForbiddenException e) when (e is not RateLimitExceededException and not SecondaryRateLimitExceededException)
            {
                commentForbidden = true;
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
            {
                throw Fail($"updating the comment on pull request #{pr}", e);
            }
        }
        return new PublishReport(ids, _requests, commentId, checksForbidden, commentForbidden);
    }

    private async Task<long> PublishCheckAsync(CheckRunDraft draft, GitHubContext context)
    {
        var batches = draft.Batches();
        var create = new NewCheckRun(draft.Name, context.HeadSha)
        {
            Status = CheckStatus.Completed,
            Conclusion = Conclusion(draft.Conclusion),
            DetailsUrl = context.RunUrl,
            ExternalId = draft.Name,
            Output = Output(draft, batches.Count > 0 ? batches[0] : []),
        };
        _requests++;
        var run = await _client.Check.Run.Create(context.Owner, context.Repository, create).ConfigureAwait(false);
        foreach (var batch in batches.Skip(1))
        {
            // Each update appends its annotations to the run; title and summary are required again.
            _requests++;
            await _client.Check.Run.Update(context.Owner, context.Repository, run.Id, new CheckRunUpdate { Output = Output(draft, batch) }).ConfigureAwait(false);
        }
        return run.Id;
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

    private async Task<long> UpsertCommentAsync(GitHubContext context, int pr, string body)
    {
        var marker = body[..(body.IndexOf('\n') + 1)];
        _requests++;
        var comments = await _client.Issue.Comment.GetAllForIssue(context.Owner, context.Repository, pr).ConfigureAwait(false);
        var mine = comments.FirstOrDefault(c => c.Body is not null && c.Body.StartsWith(marker, StringComparison.Ordinal));
        if (mine is not null)
        {
            _requests++;
            return (await _client.Issue.Comment.Update(context.Owner, context.Repository, mine.Id, body).ConfigureAwait(false)).Id;
        }
        _requests++;
        return (await _client.Issue.Comment.Create(context.Owner, context.Repository, pr, body).ConfigureAwait(false)).Id;
    }

    /// <summary>The comment: the marker line, then the summary trimmed to the comment limit.</summary>
    public static string CommentBody(string summary, string checkName, string fullSummaryAt)
    {
        var marker = CommentMarker(checkName) + "\n";
        // Bytes bound characters from above, so a byte budget keeps the comment within its character limit.
        return marker + MarkdownTrimmer.Trim(summary, GitHubLimits.CommentChars - GitHubLimits.Utf8Bytes(marker), fullSummaryAt);
    }

    private GitHubPublishException Fail(string what, Exception e)
    {
        var status = e is ApiException api ? $" (HTTP {(int)api.StatusCode})" : "";
        return new GitHubPublishException(_redactor.Redact($"GitHub API error {what}{status}: {e.Message}"));
    }

    private static CheckConclusion Conclusion(string conclusion) => conclusion switch
    {
        CheckConclusions.Success => CheckConclusion.Success,
        CheckConclusions.Neutral => CheckConclusion.Neutral,
        CheckConclusions.ActionRequired => CheckConclusion.ActionRequired,
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
