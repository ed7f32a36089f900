using System.Diagnostics;

namespace GateKit.Tests.Support;

/// <summary>A real git repository in a temp folder (branch main), with a fixed identity and no signing.</summary>
public sealed class GitRepository : IDisposable
{
    public GitRepository()
    {
        Git("init", "-q", "-b", "main");
    }

    public TempFolder Folder { get; } = new();

    public string Path => Folder.Path;

    public string Write(string relative, string content) => Folder.Write(relative, content);

    /// <summary>Stages everything and commits.</summary>
    public void Commit(string message = "change")
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
    }

    /// <summary>Runs git in the repository and returns its output; a failure fails the test.</summary>
    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false" }.Concat(args)) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {err.Result}");
        return output;
    }

    public void Dispose() => Folder.Dispose();
}
