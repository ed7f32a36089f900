using GateKit.Results;

namespace GateKit.Inputs;

/// <summary>Reads the branch (or tag) and commit of the repository holding a folder; null outside one, before its first commit, or without git.</summary>
public static class GitProbe
{
    /// <summary>
    /// What git prints for <c>rev-parse HEAD --abbrev-ref HEAD</c> (one process): the commit, then the
    /// short name of the branch, or "HEAD" when detached (no name). Git itself finds the repository,
    /// with all its rules (worktrees, environment overrides, reftable, ownership checks).
    /// </summary>
    public static GitInfo? Read(string directory)
    {
        if (Git.Run(directory, "rev-parse", "HEAD", "--abbrev-ref", "HEAD") is not { ExitCode: 0, Output: var output }) return null;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines is not [var sha, var name]) return null;
        return WithTreeState(new GitInfo(name == "HEAD" ? null : name, sha), directory);
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
}
