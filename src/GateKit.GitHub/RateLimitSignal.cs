using System.Globalization;

namespace GateKit.GitHub;

/// <summary>What a refused API answer (403 or 429) says about why.</summary>
public enum RefusalKind
{
    /// <summary>Not a refusal: any status but 403 and 429.</summary>
    None,
    /// <summary>The primary rate limit is used up (x-ratelimit-remaining: 0): wait until x-ratelimit-reset.</summary>
    PrimaryRateLimit,
    /// <summary>A secondary rate limit (Retry-After, a 429, or GitHub's message for it): wait and retry.</summary>
    SecondaryRateLimit,
    /// <summary>A 403 with none of the rate limit signals: the token may not do this ("Resource not accessible by integration").</summary>
    Forbidden,
}

/// <summary>
/// Classifies a 403 or 429 by GitHub's documented signals, in the documented order ("Rate limits for the
/// REST API", section "Exceeding the rate limit"): a primary limit answers 403 or 429 with
/// <c>x-ratelimit-remaining: 0</c> and is over at <c>x-ratelimit-reset</c> (UTC epoch seconds); a secondary
/// limit answers 403 or 429 with a message saying so (today "You have exceeded a secondary rate limit",
/// formerly "You have triggered an abuse detection mechanism") and may name <c>retry-after</c> seconds; when
/// neither header is there, wait at least a minute, then exponentially longer. Only a 403 with none of
/// these is a missing permission.
/// </summary>
public static class RateLimitSignal
{
    /// <summary>The messages GitHub gives a secondary rate limit, old and new.</summary>
    private static readonly string[] SecondaryMessages = ["secondary rate limit", "abuse detection mechanism", "abuse-rate-limits"];

    /// <param name="status">The HTTP status.</param>
    /// <param name="header">A response header's first value by name (case-insensitive), or null.</param>
    /// <param name="body">The response body (or GitHub's error message), or null.</param>
    public static RefusalKind Classify(int status, Func<string, string?> header, string? body)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (status is not (403 or 429)) return RefusalKind.None;
        if (IsSecondaryMessage(body) || header("retry-after") is not null) return RefusalKind.SecondaryRateLimit;
        if (header("x-ratelimit-remaining")?.Trim() == "0") return RefusalKind.PrimaryRateLimit;
        return status == 429 ? RefusalKind.SecondaryRateLimit : RefusalKind.Forbidden;
    }

    /// <summary>
    /// How long GitHub asks to wait before retry number <paramref name="retry"/> (1 for the first): Retry-After
    /// (seconds or a date), else until x-ratelimit-reset when nothing remains, else a minute doubled per retry.
    /// </summary>
    public static TimeSpan Wait(Func<string, string?> header, int retry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (RetryAfter(header("retry-after"), now) is { } retryAfter) return retryAfter;
        if (header("x-ratelimit-remaining")?.Trim() == "0"
            && long.TryParse(header("x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(Math.Min(reset, 253_402_300_799)) - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return MinimumWait * Math.Pow(2, Math.Max(0, retry - 1));
    }

    /// <summary>GitHub's advice when a secondary rate limit names no time: wait at least a minute.</summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(60);

    private static bool IsSecondaryMessage(string? body) =>
        body is not null && SecondaryMessages.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static TimeSpan? RetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
