using System.Net;
using System.Net.Http.Headers;

namespace GateKit.GitHub;

/// <summary>
/// When a GitHub API call is worth repeating: server errors (5xx) with exponential backoff, and the
/// secondary rate limit (429, or 403 with Retry-After or a "secondary rate limit" message) after the
/// time GitHub names. Never another 4xx: a missing permission or a bad request does not heal.
/// </summary>
/// <param name="Delay">How to wait; tests pass one that records instead of sleeping.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, Func<TimeSpan, CancellationToken, Task> Delay)
{
    /// <summary>4 attempts, 1 s then 2 s then 4 s on server errors, at most 60 s on a rate limit.</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), Task.Delay);

    /// <summary>GitHub's advice when a secondary rate limit names no time: wait at least a minute.</summary>
    public static readonly TimeSpan SecondaryRateLimitWait = TimeSpan.FromSeconds(60);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, or null when the response is final.</summary>
    public TimeSpan? WaitAfter(HttpResponseMessage response, string? body, int attempt)
    {
        if (attempt >= MaxAttempts) return null;
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter(response.Headers.RetryAfter);
        TimeSpan wait;
        if (status >= 500)
            wait = retryAfter ?? BaseDelay * Math.Pow(2, attempt - 1);
        else if (response.StatusCode == HttpStatusCode.TooManyRequests
                 || (response.StatusCode == HttpStatusCode.Forbidden && (retryAfter is not null || IsSecondaryRateLimit(body))))
            wait = retryAfter ?? SecondaryRateLimitWait;
        else
            return null;
        // A wait longer than we are prepared to block the job for is a failure now, not later.
        return wait <= MaxDelay ? wait : null;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static bool IsSecondaryRateLimit(string? body) =>
        body is not null && body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The HTTP handler under Octokit that applies <see cref="RetryPolicy"/>: every request, one place.</summary>
internal sealed class RetryingHandler(HttpMessageHandler inner, RetryPolicy policy) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffered once, so that each attempt sends the same body.
        if (request.Content is not null) await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return response;
            string? body = null;
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            if (policy.WaitAfter(response, body, attempt) is not { } wait) return response;
            response.Dispose();
            await policy.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
