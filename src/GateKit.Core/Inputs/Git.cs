using System.Diagnostics;

namespace GateKit.Inputs;

/// <summary>What a git command printed and returned.</summary>
public sealed record GitOutput(int ExitCode, string Output, string Error);

/// <summary>Runs git in a folder (one place for how GateKit starts it); null when git is not installed.</summary>
public static class Git
{
    public static GitOutput? Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new GitOutput(process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }

    /// <summary>
    /// Whether <see cref="Run"/> would find git without starting it: answers read from a repository's files
    /// stand for git's only when git is there (without it, Run gives null). Process looks next to the
    /// executable and in the current folder before PATH; a git there, or one not everyone may run, is unsure: false.
    /// </summary>
    public static bool OnPath()
    {
        if (OperatingSystem.IsWindows()) return false;
        if (Environment.ProcessPath is { } self && File.Exists(Path.Join(Path.GetDirectoryName(self), "git"))) return false;
        if (File.Exists(Path.Join(Environment.CurrentDirectory, "git"))) return false;
        const UnixFileMode everyone = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(folder, "git");
            if (File.Exists(candidate)) return (File.GetUnixFileMode(candidate) & everyone) == everyone;
        }
        return false;
    }
}
