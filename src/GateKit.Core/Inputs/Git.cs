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
}
