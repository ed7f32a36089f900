namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// The files report paths may map onto: in a git work tree, the tracked and untracked-but-not-ignored files
/// (<c>git ls-files</c>: fast, and no build output or node_modules); otherwise every file under the folder.
/// Paths are relative to the folder, with '/' separators.
/// </summary>
public static class RepositoryFiles
{
    public static IReadOnlyList<string> Under(string directory)
    {
        var listed = Inputs.Git.Run(directory, "-c", "core.quotePath=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        if (listed is { ExitCode: 0 }) return listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return [.. Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal))];
    }
}
