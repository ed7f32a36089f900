using GateKit.Inputs;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>
/// Where a run sits in the repository. A result's paths are relative to its run root (the config's
/// folder); GitHub takes annotation paths relative to the repository root and shows links on pages
/// (PR conversation, job summary) where a relative link resolves against the page, not the file. So
/// paths are rebased onto the workspace (GITHUB_WORKSPACE, else the git top level, else the root
/// itself) and links are absolute: <c>$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/&lt;sha&gt;/&lt;path&gt;</c>.
/// </summary>
/// <param name="Workspace">Absolute path of the repository checkout.</param>
/// <param name="Root">Absolute path of the run root.</param>
public sealed record GitHubLayout(string Workspace, string Root)
{
    /// <summary>The layout of a run rooted at <paramref name="root"/> in the job described by <paramref name="context"/>.</summary>
    public static GitHubLayout For(string root, GitHubContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var full = Path.GetFullPath(root);
        var workspace = context.Workspace ?? TopLevel(full) ?? full;
        return new GitHubLayout(Path.GetFullPath(workspace), full);
    }

    /// <summary>The run root relative to the workspace, '/'-separated; "" when they are the same folder.</summary>
    public string RootInWorkspace => Relative(Root) ?? "";

    /// <summary>A path relative to the run root (or absolute) as a path relative to the workspace; unchanged when it lies outside.</summary>
    public string InWorkspace(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(Path.Combine(Root, path.Replace('\\', Path.DirectorySeparatorChar)));
        return Relative(full) ?? path.Replace('\\', '/');
    }

    /// <summary>The result with every finding's file relative to the workspace.</summary>
    public RunResult Rebase(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with
        {
            Gates = result.Gates.Select(g => g with
            {
                Findings = g.Findings.Select(f => f.Location is { } at && at.File.Length > 0 ? f with { Location = at with { File = InWorkspace(at.File) } } : f).ToList(),
            }).ToList(),
        };
    }

    /// <summary>The absolute URL of the run root at <paramref name="sha"/>, for input links; null without a repository URL.</summary>
    public string? LinkBase(string? repositoryUrl, string sha)
    {
        if (repositoryUrl is null) return null;
        var segments = RootInWorkspace.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(MarkdownText.UrlSegment);
        return string.Join('/', new[] { repositoryUrl.TrimEnd('/'), "blob", sha }.Concat(segments)) + "/";
    }

    private string? Relative(string full)
    {
        var relative = Path.GetRelativePath(Workspace, full);
        if (relative == ".") return "";
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string? TopLevel(string directory) =>
        Directory.Exists(directory) && Git.Run(directory, "rev-parse", "--show-toplevel") is { ExitCode: 0, Output: var output } && output.Trim() is { Length: > 0 } top ? top : null;
}
