using GateKit.Config;

namespace GateKit.Gates.Docs;

/// <summary>
/// What changed in a folder's working tree against a git ref, for <c>docs check --changed</c>:
/// <c>git diff --name-status -M</c> (renames detected) plus untracked files, paths relative to the folder.
/// </summary>
public static class GitChanges
{
    public static DocsChangeSet Against(string directory, string baseRef)
    {
        if (Git(directory, out _, "rev-parse", "--is-inside-work-tree") != 0)
            throw new RequestException(RequestText.Of($"{RequestInput.Changed}: {directory} is not inside a git work tree"));
        if (!Inputs.Git.IsCommit(directory, baseRef))
            throw new RequestException(RequestText.Of($"{RequestInput.Changed}: base '{Inputs.QuotedInput.Of(baseRef)}' is not a commit in this repository"));
        if (Git(directory, out var diff, "diff", "--name-status", "-z", "-M", "--relative", "--no-color", baseRef, "--") != 0)
            throw new IOException($"git diff against '{baseRef}' failed: {diff}");
        if (Git(directory, out var untracked, "ls-files", "--others", "--exclude-standard", "-z") != 0)
            throw new IOException($"git ls-files failed: {untracked}");

        var changed = new HashSet<string>(StringComparer.Ordinal);
        var removed = new Dictionary<string, string?>(StringComparer.Ordinal);
        var fields = diff.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < fields.Length; i++)
        {
            var status = fields[i];
            switch (status[0])
            {
                case 'R':
                    removed[fields[i + 1]] = fields[i + 2];
                    changed.Add(fields[i + 2]);
                    i += 2;
                    break;
                case 'C':
                    changed.Add(fields[i + 2]);
                    i += 2;
                    break;
                case 'D':
                    removed[fields[i + 1]] = null;
                    i += 1;
                    break;
                default:
                    changed.Add(fields[i + 1]);
                    i += 1;
                    break;
            }
        }
        foreach (var path in untracked.Split('\0', StringSplitOptions.RemoveEmptyEntries)) changed.Add(path);
        return new DocsChangeSet(changed, removed);
    }

    private static int Git(string directory, out string output, params string[] args)
    {
        // Paths as bytes, not C-quoted octal escapes, so that unicode and spaces survive.
        var run = Inputs.Git.Run(directory, ["-c", "core.quotePath=false", .. args])
            ?? throw new RequestException(RequestText.Of($"{RequestInput.Changed} needs git, which is not installed"));
        output = run.ExitCode == 0 ? run.Output : run.Output + run.Error;
        return run.ExitCode;
    }
}
