using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// kill -9 leaves nothing the next command does not clean or account for (issue 20, kind 5): runs
/// killed with their staging folder written, and runs killed after their folder was renamed but before
/// it was indexed, are followed by one normal run and `runs list`; what is left is exactly the whole
/// runs, each in the index, and nothing else.
/// </summary>
public sealed class KillRecoveryTests : IDisposable
{
    private const int KillsPerPoint = 3;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void KillAt(string sample, string state, string fault, string announcement)
    {
        using var process = GateKitProcess.Start(sample, new Dictionary<string, string> { ["GATEKIT_FAULT"] = fault }, "run", "--out", state);
        var reached = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains(announcement) == true) reached.Set(); };
        process.BeginErrorReadLine();
        Assert.True(reached.Wait(TimeSpan.FromSeconds(60)), $"the tool never reached '{announcement}'");
        process.Kill(); // SIGKILL: no handler runs, nothing is cleaned up
        process.WaitForExit();
    }

    [Fact]
    public void After_kills_at_each_point_one_normal_run_and_runs_list_leave_exactly_the_whole_runs()
    {
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        var state = _temp.Combine("state");
        for (var i = 0; i < KillsPerPoint; i++)
        {
            KillAt(sample, state, "pause-before-index", "paused before the run is indexed");
            KillAt(sample, state, "pause-before-rename", "paused before the staging folder is renamed");
        }
        var runs = Path.Combine(state, "runs");
        // Each killed run's staging folder stays until the next run clears it (the last one is still there).
        Assert.NotEmpty(Directory.GetDirectories(runs, ".staging-*"));

        Assert.Equal(0, GateKitProcess.Run(sample, "run", "--out", state).ExitCode);
        var list = GateKitProcess.Run(sample, "runs", "list", "--out", state);
        Assert.Equal(0, list.ExitCode);

        var folders = Directory.GetDirectories(runs).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(KillsPerPoint + 1, folders.Count);
        Assert.All(folders, f => Assert.False(f!.StartsWith('.'), $"{f} was left behind"));
        Assert.All(folders, f => Assert.Contains(f!, list.StdOut));
        Assert.Equal(KillsPerPoint + 1, File.ReadAllLines(Path.Combine(state, "index.jsonl")).Count(l => l.Length > 0));
        Assert.Empty(Directory.EnumerateFileSystemEntries(state, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(KillsPerPoint, list.StdErr.Split('\n').Count(l => l.Contains("indexed now")));
    }
}
