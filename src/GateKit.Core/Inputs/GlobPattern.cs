using Microsoft.Extensions.FileSystemGlobbing;

namespace GateKit.Inputs;

/// <summary>
/// Whether a file glob (a waiver's <c>file</c>, <c>evidence pack --include/--exclude</c>) can be used:
/// the globbing library throws on some patterns (<c>**/../**</c>: ".." only at the start), which must be
/// invalid input named by its option or JSON path, not an unexpected error.
/// </summary>
public static class GlobPattern
{
    /// <summary>Why <paramref name="pattern"/> is not a usable glob, or null when it is.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            new Matcher(StringComparison.Ordinal).AddInclude(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.TrimEnd('.');
        }
    }
}
