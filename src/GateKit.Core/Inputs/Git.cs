using System.Diagnostics;

namespace GateKit.Inputs;

/// <summary>What a git command printed and returned.</summary>
public sealed record GitOutput(int ExitCode, string Output, string Error);

/// <summary>Runs git in a folder (one place for how GateKit starts it); null when git is not installed.</summary>
public static class Git
{
    /// <summary>
    /// Whether <paramref name="revision"/> (a user's base: a branch, tag, sha or expression such as <c>main~2</c>) names a
    /// commit of the repository at <paramref name="directory"/>; false when git is not installed. A revision holding a NUL
    /// names none: an argument ends at its first NUL, so git would resolve only what comes before it (<c>HEAD\0x</c> as HEAD).
    /// </summary>
    public static bool IsCommit(string directory, string revision) =>
        !revision.Contains('\0', StringComparison.Ordinal) && Run(directory, "rev-parse", "--verify", "--quiet", revision + "^{commit}") is { ExitCode: 0 };

    public static GitOutput? Run(string directory, params string[] args) =>
        Read(directory, output => output.ReadToEnd(), args) is var (status, output) ? status with { Output = output } : null;

    /// <summary>
    /// Runs git and hands its output to <paramref name="read"/> as a stream, for output too large to hold as one
    /// string (a diff of a whole repository); null when git is not installed. Whatever <paramref name="read"/> leaves
    /// unread is drained, so git never blocks on a full pipe.
    /// </summary>
    public static (GitOutput Status, T Value)? Read<T>(string directory, Func<TextReader, T> read, params string[] args)
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
            try
            {
                var value = read(process.StandardOutput);
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (new GitOutput(process.ExitCode, "", error.Result), value);
            }
            catch
            {
                process.Kill();
                throw;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
