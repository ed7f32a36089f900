namespace GateKit.Gates.Docs;

/// <summary>
/// The paths under a folder that git ignores and does not track: files that exist here but will not exist in the
/// repository (GitHub shows a 404 for a link to them). Read once per check with one git process
/// (<c>git ls-files --others --ignored --exclude-standard --directory</c>: a wholly ignored folder is one entry;
/// a force-added file is tracked, so it is not listed). Outside a git work tree, or without git, nothing is ignored.
/// </summary>
public sealed class GitIgnoredPaths
{
    private readonly HashSet<string> files = new(StringComparer.Ordinal);
    private readonly HashSet<string> folders = new(StringComparer.Ordinal);

    public static GitIgnoredPaths None { get; } = new();

    /// <summary>Asks git about <paramref name="directory"/>; paths are relative to it, '/'-separated.</summary>
    public static GitIgnoredPaths Read(string directory)
    {
        var run = Inputs.Git.Run(directory, ["-c", "core.quotePath=false", "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"]);
        if (run is null || run.ExitCode != 0) return None;
        var ignored = new GitIgnoredPaths();
        foreach (var path in run.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (path.EndsWith('/')) ignored.folders.Add(path.TrimEnd('/'));
            else ignored.files.Add(path);
        }
        return ignored;
    }

    /// <summary>Whether a path (relative, '/'-separated) is ignored: itself, or a folder it lies in.</summary>
    public bool Contains(string path)
    {
        if (files.Count == 0 && folders.Count == 0) return false;
        if (files.Contains(path) || folders.Contains(path)) return true;
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            if (folders.Contains(path[..slash])) return true;
        return false;
    }
}
