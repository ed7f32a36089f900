using GateKit.Config;
using GateKit.Gates.Quality.Standard;
using GateKit.Inputs;

namespace GateKit.Gates.Quality.NewCode;

/// <summary>
/// The lines added or changed in a folder's working tree since the merge base of a ref and HEAD (what a pull request
/// adds), from <c>git diff --unified=0 -M</c> (renames followed: a renamed file's unchanged lines are not new), plus
/// every line of untracked files. Paths are relative to the folder, like every path a gate reads.
/// </summary>
public static class GitChangedLines
{
    /// <summary>
    /// The base when none is configured: on a GitHub pull_request(_target) event, <c>origin/$GITHUB_BASE_REF</c>
    /// (the PR's target as actions/checkout fetches it); otherwise null (no base, so no new-code condition can run).
    /// </summary>
    public static string? DefaultBase(Func<string, string?> environment) =>
        environment("GITHUB_EVENT_NAME") is "pull_request" or "pull_request_target" && environment("GITHUB_BASE_REF") is { Length: > 0 } target
            ? "origin/" + target
            : null;

    /// <exception cref="UsageException">not a git work tree, git missing, or <paramref name="baseRef"/> is not a commit (exit 2).</exception>
    /// <exception cref="IOException">git diff failed.</exception>
    public static ChangedLines Since(string directory, string baseRef) => Start(directory, baseRef).GetAwaiter().GetResult();

    /// <summary>
    /// Checks the base at once (a wrong base is refused before any report is read), then diffs on another thread:
    /// git works on its own core while the caller parses the report (issue 18: a 20k-file diff costs about as long
    /// as the parse of its 80 MB coverage report). The task fails with the exceptions of <see cref="Since"/>.
    /// </summary>
    /// <exception cref="UsageException">not a git work tree, git missing, or <paramref name="baseRef"/> is not a commit (exit 2).</exception>
    public static Task<ChangedLines> Start(string directory, string baseRef)
    {
        if (Run(directory, "rev-parse", "--is-inside-work-tree").ExitCode != 0)
            throw new UsageException($"changed lines: {directory} is not inside a git work tree");
        if (!Inputs.Git.IsCommit(directory, baseRef))
            throw new UsageException($"changed lines: base '{Inputs.QuotedInput.Of(baseRef)}' is not a commit in this repository (a shallow clone needs fetch-depth: 0)");
        var mergeBase = Run(directory, "merge-base", baseRef, "HEAD");
        if (mergeBase.ExitCode != 0)
            throw new UsageException($"changed lines: base '{Inputs.QuotedInput.Of(baseRef)}' has no merge base with HEAD: {mergeBase.Error.Trim()}");
        var commit = mergeBase.Output.Trim();
        return Task.Run(() => Diff(directory, baseRef, commit));
    }

    private static ChangedLines Diff(string directory, string baseRef, string mergeBase)
    {
        // Explicit prefixes and no external diff or textconv: a user's git config must not change what is parsed.
        var diff = Inputs.Git.Read(directory, reader => UnifiedDiffParser.Parse(reader),
            ["-c", "core.quotePath=false", "diff", "--unified=0", "-M", "--no-color", "--no-ext-diff", "--no-textconv", "--relative",
             "--src-prefix=a/", "--dst-prefix=b/", mergeBase, "--"])
            ?? throw new UsageException("changed lines need git, which is not installed");
        if (diff.Status.ExitCode != 0) throw new IOException($"git diff against '{baseRef}' failed: {diff.Status.Error.Trim()}");

        var files = diff.Value.ToDictionary(f => f.Key, f => Lines(f.Value), StringComparer.Ordinal);
        var untracked = Run(directory, "ls-files", "--others", "--exclude-standard", "-z");
        foreach (var path in untracked.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            if (LineCount(Path.Combine(directory, path)) is > 0 and var count) files[path] = Lines([new LineRange(1, count)]);
        return new ChangedLines(files);
    }

    private static IReadOnlySet<int> Lines(List<LineRange> ranges)
    {
        var lines = new HashSet<int>();
        foreach (var range in ranges)
            for (var line = range.First; line <= range.Last; line++) lines.Add(line);
        return lines;
    }

    private static GitOutput Run(string directory, params string[] args) =>
        Inputs.Git.Run(directory, args) ?? throw new UsageException("changed lines need git, which is not installed");

    private static int LineCount(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[65536];
            int read, lines = 0;
            var last = (byte)'\n';
            while ((read = stream.Read(buffer)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
            }
            return last == '\n' ? lines : lines + 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // a file that vanished or cannot be read has no lines to cover
        }
    }
}
