using System.Diagnostics;
using GateKit.Results;

namespace GateKit.Inputs;

/// <summary>Reads the branch (or tag) and commit of the repository holding a folder; null outside one or without git.</summary>
public static class GitProbe
{
    public static GitInfo? Read(string directory)
    {
        var sha = Git(directory, "rev-parse", "HEAD");
        if (sha is null) return null;
        var name = Git(directory, "rev-parse", "--abbrev-ref", "HEAD");
        return new GitInfo(name is null or "HEAD" ? null : name, sha);
    }

    private static string? Git(string directory, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-C");
            start.ArgumentList.Add(directory);
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000)) { process.Kill(); return null; }
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
