using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace GateKit.GitHub;

/// <summary>
/// When a GitHub API call is worth repeating, and for how long in all. Server errors (5xx), timeouts and
/// reset connections are retried with exponential backoff; rate limits (<see cref="RateLimitSignal"/>)
/// after the time GitHub names. Never another 4xx: a missing permission or a bad request does not heal.
/// Every attempt and every wait of one publication counts against <see cref="Budget"/>: a wait that would
/// pass it makes the answer at hand final, so the job is never blocked longer than that.
/// </summary>
/// <param name="MaxAttempts">Attempts per call, the first included.</param>
/// <param name="BaseDelay">The first wait after a server error; doubled for each further one.</param>
/// <param name="Budget">Time all attempts and waits of one publication may take together.</param>
/// <param name="Delay">How to wait; tests pass one that records instead of sleeping.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan Budget, Func<TimeSpan, CancellationToken, Task> Delay)
{
    /// <summary>4 attempts, 1 s then 2 s then 4 s on server errors, rate limits as GitHub says, 5 minutes in all.</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), Task.Delay);

    /// <summary>How long one attempt may take until its whole answer is read; longer is a timeout, retried like a 5xx.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock Retry-After dates and x-ratelimit-reset are read against.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The HTTP client's own timeout for one call: longer than any call can take within the budget (every
    /// attempt is cut at <see cref="AttemptTimeout"/>, every wait fits the budget, and a create's look-up
    /// is one more attempt), so that the budget, not the client, ends the retries with the last answer.
    /// </summary>
    public TimeSpan ClientTimeout => Budget + AttemptTimeout * (2 * MaxAttempts + 1);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, or null when the answer is final.</summary>
    /// <param name="status">The HTTP status; 0 when no answer came (timeout, reset connection).</param>
    public TimeSpan? WaitAfter(int status, Func<string, string?> header, string? body, int attempt)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (attempt >= MaxAttempts) return null;
        if (status == 0 || status >= 500)
            return header("retry-after") is not null ? RateLimitSignal.Wait(header, 1, Clock.GetUtcNow()) : BaseDelay * Math.Pow(2, attempt - 1);
        return RateLimitSignal.Classify(status, header, body) is RefusalKind.PrimaryRateLimit or RefusalKind.SecondaryRateLimit
            ? RateLimitSignal.Wait(header, attempt, Clock.GetUtcNow())
            : null;
    }
}

/// <summary>
/// The HTTP handler under Octokit that applies <see cref="RetryPolicy"/> to every request, in one place;
/// sends the API version and media type GitHub documents; and ends every request when
/// <paramref name="stop"/> (the job being cancelled) fires. A POST is repeated only when repeating it
/// cannot create a second object: a check run create after an answer that may have created one (5xx,
/// timeout, reset) is first looked up by name, head SHA and external id; other POSTs are not repeated then.
/// </summary>
internal sealed class RetryingHandler(HttpMessageHandler inner, RetryPolicy policy, CancellationToken stop) : DelegatingHandler(inner)
{
    /// <summary>"API versions" in GitHub's REST documentation: the version this client was written against.</summary>
    public const string ApiVersion = "2022-11-28";

    /// <summary>The media type GitHub recommends for every REST request.</summary>
    public const string MediaType = "application/vnd.github+json";

    private TimeSpan spent;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop);
        var token = linked.Token;
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd(MediaType);
        request.Headers.Remove("X-GitHub-Api-Version");
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        // Read once, and sent from fresh content by each attempt: a failed send may dispose the content it sent.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
        var contentType = request.Content?.Headers.ContentType;
        var isCreate = IsCheckRunCreate(request);
        for (var attempt = 1; ; attempt++)
        {
            if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = contentType } };
            var (response, failure) = await AttemptAsync(request, token).ConfigureAwait(false);
            if (response is { IsSuccessStatusCode: true }) return response;
            var status = response is null ? 0 : (int)response.StatusCode;
            string? Header(string name) => response is not null && response.Headers.TryGetValues(name, out var v) ? v.FirstOrDefault() : null;
            var answer = response is null ? null : await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            var wait = policy.WaitAfter(status, Header, answer, attempt);
            var mayHaveActed = status == 0 || status >= 500;
            if (mayHaveActed && request.Method == HttpMethod.Post && !isCreate) wait = null;
            if (wait is not { } w || spent + w > policy.Budget)
                return response ?? throw failure!;
            var last = response is null ? failure!.Message : $"HTTP {status}";
            response?.Dispose();
            spent += w;
            await policy.Delay(w, token).ConfigureAwait(false);
            if (mayHaveActed && isCreate)
            {
                var (known, found) = await FindCreatedCheckRunAsync(request, body!, token).ConfigureAwait(false);
                if (found is not null) return found;
                if (!known) throw new HttpRequestException($"{last}, and listing the commit's check runs did not tell whether it was created anyway; not repeated, to never create it twice");
            }
        }
    }

    /// <summary>One attempt, cut at the attempt timeout, its whole answer read. A timeout or a broken connection is a failure, not an exception.</summary>
    private async Task<(HttpResponseMessage? Response, HttpRequestException? Failure)> AttemptAsync(HttpRequestMessage request, CancellationToken token)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
        attempt.CancelAfter(policy.AttemptTimeout);
        var watch = Stopwatch.StartNew();
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(attempt.Token).ConfigureAwait(false);
            return (response, null);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            response?.Dispose();
            return (null, new HttpRequestException($"no answer within {policy.AttemptTimeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException e)
        {
            response?.Dispose();
            return (null, e);
        }
        catch (IOException e)
        {
            response?.Dispose();
            return (null, new HttpRequestException(e.Message, e));
        }
        finally
        {
            spent += watch.Elapsed;
        }
    }

    private static bool IsCheckRunCreate(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri is { } uri && uri.AbsolutePath.EndsWith("/check-runs", StringComparison.Ordinal);

    /// <summary>
    /// Looks for the check run a failed create may have made: "List check runs for a Git reference"
    /// (GET /repos/{owner}/{repo}/commits/{ref}/check-runs, filtered by check_name, filter=all) on the
    /// create's head SHA, matched on its name and external id (unique per publication, so an earlier job's
    /// run of the same name is not taken for it). Known is false when the list could not be read.
    /// </summary>
    private async Task<(bool Known, HttpResponseMessage? Found)> FindCreatedCheckRunAsync(HttpRequestMessage post, byte[] body, CancellationToken token)
    {
        string name, sha, externalId;
        using (var sent = JsonDocument.Parse(body))
        {
            name = sent.RootElement.GetProperty("name").GetString()!;
            sha = sent.RootElement.GetProperty("head_sha").GetString()!;
            externalId = sent.RootElement.GetProperty("external_id").GetString()!;
        }
        using var list = new HttpRequestMessage(HttpMethod.Get,
            new Uri(post.RequestUri!, $"commits/{Uri.EscapeDataString(sha)}/check-runs?check_name={Uri.EscapeDataString(name)}&filter=all&per_page=100"));
        foreach (var header in post.Headers) list.Headers.TryAddWithoutValidation(header.Key, header.Value);
        var (response, _) = await AttemptAsync(list, token).ConfigureAwait(false);
        using (response)
        {
            if (response is not { IsSuccessStatusCode: true }) return (false, null);
            try
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                if (!doc.RootElement.TryGetProperty("check_runs", out var runs) || runs.ValueKind != JsonValueKind.Array) return (false, null);
                foreach (var run in runs.EnumerateArray())
                    if (run.ValueKind == JsonValueKind.Object && Text(run, "external_id") == externalId && Text(run, "name") == name)
                        return (true, new HttpResponseMessage(HttpStatusCode.Created)
                        {
                            Content = new StringContent(run.GetRawText(), Encoding.UTF8, "application/json"),
                            RequestMessage = post,
                        });
                return (true, null);
            }
            catch (JsonException)
            {
                return (false, null);
            }
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
