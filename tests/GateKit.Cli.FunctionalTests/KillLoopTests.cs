using System.Diagnostics;
using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Evidence;
using GateKit.Tests.Support;
using Xunit.Abstractions;

namespace GateKit.Cli.Tests;

/// <summary>
/// kill -9 at random points (issue 20, kind 5): a loop of <c>run</c>s, <c>evidence pack</c>s and
/// <c>promotion apply</c>s, each killed after a random delay (seeded; the seed is printed and in every assertion message, GATEKIT_KILL_SEED
/// repeats one), then one normal command of the same kind. What remains is exactly the whole results —
/// every run folder complete and indexed once, every pack complete and in the pack index once, every applied
/// promotion in the ledger once and whole, the state at the ledger's last entry — and no staging folder or
/// temporary file. The delays span one normal command's duration, so the kills land
/// anywhere from start-up to the last write.
/// </summary>
public sealed class KillLoopTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 15;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("GATEKIT_KILL_SEED"), out var seed) ? seed : Random.Shared.Next();

    /// <summary>Starts the command, kills it after <paramref name="delay"/> (or lets it end first); true when it was killed.</summary>
    private static bool KillAfter(string folder, TimeSpan delay, params string[] args)
    {
        using var process = GateKitProcess.Start(folder, null, args);
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        if (process.WaitForExit(delay)) return false;
        process.Kill(); // SIGKILL: no handler runs, nothing is cleaned up
        process.WaitForExit();
        return true;
    }

    private static TimeSpan Timed(Func<ProcessResult> command, out ProcessResult result)
    {
        var clock = Stopwatch.StartNew();
        result = command();
        return clock.Elapsed;
    }

    private (Random Random, string Seed) Start()
    {
        var seed = Seed();
        output.WriteLine($"GATEKIT_KILL_SEED={seed}");
        return (new Random(seed), $"GATEKIT_KILL_SEED={seed}");
    }

    /// <summary>Every entry under <paramref name="folder"/> whose name marks a staging folder or temporary file.</summary>
    private static List<string> Leftovers(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) is var name && (name.EndsWith(".staging", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal)))
            .ToList();

    [Fact]
    public void Runs_killed_at_random_points_leave_exactly_the_whole_runs_after_one_run_and_runs_list()
    {
        var (random, seed) = Start();
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        var state = _temp.Combine("state");
        var normal = Timed(() => GateKitProcess.Run(sample, "run", "--out", state), out var first);
        Assert.Equal(0, first.ExitCode);
        var killed = 0;
        for (var i = 0; i < Kills; i++)
            if (KillAfter(sample, normal * random.NextDouble(), "run", "--out", state)) killed++;
        output.WriteLine($"{killed} of {Kills} runs killed");

        Assert.Equal(0, GateKitProcess.Run(sample, "run", "--out", state).ExitCode);
        var list = GateKitProcess.Run(sample, "runs", "list", "--out", state, "--format", "json");
        Assert.True(list.ExitCode == 0, $"{seed}: {list.StdErr}");

        var runs = Path.Combine(state, "runs");
        var folders = Directory.GetDirectories(runs).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.All(folders, f => Assert.False(f!.StartsWith('.'), $"{seed}: {f} was left behind"));
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(runs, f!, "result.json")), $"{seed}: {f} is not a whole run"));
        var indexed = File.ReadAllLines(Path.Combine(state, "index.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("runId").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(folders.SequenceEqual(indexed), $"{seed}: folders [{string.Join(", ", folders)}] but index [{string.Join(", ", indexed)}]");
        Assert.True(JsonDocument.Parse(list.StdOut).RootElement.GetArrayLength() == folders.Count, $"{seed}: runs list shows other runs than the folders");
        Assert.True(folders.Count >= 2, $"{seed}: the first and the last run are whole");
        var leftovers = Leftovers(state);
        Assert.True(leftovers.Count == 0, $"{seed}: left behind: {string.Join(", ", leftovers)}");
    }

    [Fact]
    public void Packs_killed_at_random_points_leave_exactly_the_whole_indexed_packs_after_one_pack()
    {
        var (random, seed) = Start();
        var input = _temp.Combine("in");
        var bytes = new byte[256 * 1024];
        new Random(1).NextBytes(bytes);
        for (var i = 0; i < 40; i++) File.WriteAllBytes(_temp.Write($"in/d{i % 4}/f{i}.bin", ""), bytes);
        var outRoot = _temp.Combine("out");
        string[] Pack(string id) => ["evidence", "pack", "--in", input, "--out-root", outRoot, "--pack-id", id, "--git-ref", "abc", "--run-reason", "kill loop", "--operator", "test"];

        var normal = Timed(() => GateKitProcess.Run(_temp.Path, Pack("first")), out var first);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var killed = 0;
        for (var i = 0; i < Kills; i++)
            if (KillAfter(_temp.Path, normal * random.NextDouble(), Pack($"k{i}"))) killed++;
        output.WriteLine($"{killed} of {Kills} packs killed");
        var last = GateKitProcess.Run(_temp.Path, Pack("last"));
        Assert.True(last.ExitCode == 0, $"{seed}: {last.StdErr}");

        var packs = Directory.GetDirectories(outRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.All(packs, p => Assert.False(p!.StartsWith('.'), $"{seed}: {p} was left behind"));
        foreach (var pack in packs)
        {
            var manifest = Path.Combine(outRoot, pack!, "manifest.json");
            var report = EvidenceVerifier.Verify(manifest, File.ReadAllBytes(manifest), new VerifyOptions(), CancellationToken.None);
            Assert.True(report.Valid, $"{seed}: pack {pack} does not verify: {string.Join("; ", report.Problems)}");
        }
        var indexed = File.ReadAllLines(Path.Combine(outRoot, "index.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("pack_id").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(packs.SequenceEqual(indexed), $"{seed}: packs [{string.Join(", ", packs)}] but index [{string.Join(", ", indexed)}]");
        var leftovers = Leftovers(outRoot);
        Assert.True(leftovers.Count == 0, $"{seed}: left behind: {string.Join(", ", leftovers)}");
    }

    [Fact]
    public void Applies_killed_at_random_points_leave_each_applied_promotion_once_in_a_whole_ledger_after_one_apply()
    {
        var (random, seed) = Start();
        using var fixture = PromotionFixture.AtRealTime();
        fixture.Write();
        var folder = fixture.Folder.Path;
        Assert.Equal(0, GateKitProcess.Run(folder, "promotion", "evaluate").ExitCode);
        string[] Apply(string key) => ["promotion", "apply", "--intent", "expand", "--expand-step", "1", "--idempotency-key", key, "--by", "alice",
            "--approval-ref", "CHG-7", "--rationale", "kill loop", "--review-by", "2099-01-01T00:00:00Z", "--approver", "dana", "--rollback-owner", "erin"];

        var normal = Timed(() => GateKitProcess.Run(folder, Apply("first")), out var first);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var killed = 0;
        for (var i = 0; i < Kills; i++)
            if (KillAfter(folder, normal * random.NextDouble(), Apply($"k{i}"))) killed++;
        output.WriteLine($"{killed} of {Kills} applies killed");
        var last = GateKitProcess.Run(folder, Apply("last"));
        Assert.True(last.ExitCode == 0, $"{seed}: {last.StdErr}");

        var promotion = Path.Combine(folder, ".gatekit", "promotion");
        var ledger = File.ReadAllLines(Path.Combine(promotion, "ledger.jsonl")).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var keys = ledger.Select(r => r.GetProperty("idempotencyKey").GetString()).ToList();
        output.WriteLine($"{ledger.Count - 2} of the {killed} killed applies reached the ledger");
        Assert.True(keys.Distinct().Count() == keys.Count, $"{seed}: a promotion was applied twice: [{string.Join(", ", keys)}]");
        Assert.True(keys[0] == "first" && keys[^1] == "last", $"{seed}: [{string.Join(", ", keys)}]");
        for (var i = 0; i < ledger.Count; i++)
        {
            Assert.True(ledger[i].GetProperty("sequence").GetInt64() == i + 1, $"{seed}: entry {i + 1} has sequence {ledger[i].GetProperty("sequence")}");
            Assert.True(ledger[i].GetProperty("before").GetProperty("canaryPercent").GetInt32() == i, $"{seed}: entry {i + 1} does not follow the one before it");
        }
        var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(promotion, "state.json"))).RootElement;
        Assert.True(state.GetProperty("sequence").GetInt64() == ledger.Count, $"{seed}: the state is not at the ledger's last entry");
        Assert.True(state.GetProperty("posture").GetProperty("canaryPercent").GetInt32() == ledger.Count, $"{seed}: the state's posture is not the last entry's");
        var leftovers = Leftovers(Path.Combine(folder, ".gatekit"));
        Assert.True(leftovers.Count == 0, $"{seed}: left behind: {string.Join(", ", leftovers)}");
    }
}
