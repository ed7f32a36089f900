using System.Globalization;

namespace GateKit;

/// <summary>The two ISO-8601 UTC forms GateKit writes: with milliseconds (runs, decisions, ledgers) and without (evidence manifests).</summary>
public static class UtcTime
{
    public static string Milliseconds(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Seconds(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
