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
        return new GitInfo(name == "HEAD" ? null : name, sha);
    }
}
