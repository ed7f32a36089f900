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
        var info = files.Verdict == GitRefReader.Verdict.Found && Git.OnPath() ? files.Info : FromGit(directory);
        return info is null ? null : WithTreeState(info, directory);
    }

    /// <summary>
    /// The working tree's state beside the commit: a run of a dirty tree did not evaluate the commit it
    /// names. Tracked files only, so that GateKit's own state folder never makes a tree dirty.
    /// </summary>
    internal static GitInfo WithTreeState(GitInfo info, string directory)
    {
        if (Git.Run(directory, "status", "--porcelain=v1", "-z", "--untracked-files=no") is not { ExitCode: 0, Output: var output }) return info;
        // -z: one NUL-terminated entry per file; a rename or copy ("R"/"C") is followed by its source path.
        var entries = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var changed = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            changed++;
            if (entries[i].Length > 1 && (entries[i][0] is 'R' or 'C' || entries[i][1] is 'R' or 'C')) i++;
        }
        return info with { Dirty = changed > 0, ChangedFiles = changed };
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
