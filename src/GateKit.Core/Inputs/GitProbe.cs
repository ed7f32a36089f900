using GateKit.Results;

namespace GateKit.Inputs;

/// <summary>Reads the branch (or tag) and commit of the repository holding a folder; null outside one or without git.</summary>
public static class GitProbe
{
    public static GitInfo? Read(string directory)
    {
        // the repository's files answer the common cases without starting git (2-5 ms); git answers the rest
        var files = GitRefReader.Read(directory, Environment.GetEnvironmentVariable);
        if (files.Verdict == GitRefReader.Verdict.None) return null;
        if (files.Verdict == GitRefReader.Verdict.Found && Git.OnPath()) return files.Info;
        return FromGit(directory);
    }

    /// <summary>What git itself prints (rev-parse HEAD, rev-parse --abbrev-ref HEAD).</summary>
    internal static GitInfo? FromGit(string directory)
    {
        var sha = Value(directory, "rev-parse", "HEAD");
        if (sha is null) return null;
        var name = Value(directory, "rev-parse", "--abbrev-ref", "HEAD");
        return new GitInfo(name is null or "HEAD" ? null : name, sha);
    }

    private static string? Value(string directory, params string[] args) =>
        Git.Run(directory, args) is { ExitCode: 0, Output: var output } && output.Trim() is { Length: > 0 } value ? value : null;
}
