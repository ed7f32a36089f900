using System.Text.RegularExpressions;

namespace GateKit.Gates.Docs;

/// <summary>
/// An ignore rule's <c>target</c> pattern. It is user input, so it runs on .NET's non-backtracking engine: matching
/// time is linear in the URL's length whatever the pattern (no catastrophic backtracking, no timeout to pick).
/// Constructs that engine lacks (backreferences, lookarounds, atomic groups) are a config error, as is an invalid pattern.
/// </summary>
public static class IgnorePattern
{
    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Why the pattern cannot be used, naming it; null when it compiles.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            Compile(pattern);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return $"'{pattern}' is not a regular expression GateKit can match in linear time (no backreferences, lookarounds or atomic groups): {e.Message}";
        }
    }
}
