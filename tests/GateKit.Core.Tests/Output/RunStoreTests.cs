using System.Text;
using GateKit.Output;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Output;

public sealed class RunStoreTests : IDisposable
{
    private readonly TempFolder _state = new();

    public void Dispose() => _state.Dispose();

    private static RunResult Result(string runId) =>
        new(1, new ToolInfo("gatekit", "0"), runId, "t", "t", null, null, null, true, false, Decision.Go, [], [], [], new InputDigest("gatekit.json", new string('0', 64), 1));

    private static RunFile[] Files(string json) =>
        [new(RunStore.ResultFile, Encoding.UTF8.GetBytes(json)), new(RunStore.SummaryFile, Encoding.UTF8.GetBytes("# s\n"))];

    [Fact]
    public void A_run_is_written_whole_and_latest_points_at_it()
    {
        var store = new RunStore(_state.Path);
        var stored = store.Write(Result("r1"), Files("{}"));
        Assert.Equal("{}", File.ReadAllText(stored.ResultPath));
        Assert.Equal("# s\n", File.ReadAllText(stored.SummaryPath));
        Assert.Equal("r1", store.Latest());
        Assert.False(stored.AlreadyRecorded);
        // Nothing but the run folder is left behind: no staging folder, no temp file.
        Assert.Equal(["r1"], Directory.GetFileSystemEntries(store.RunsDirectory).Select(Path.GetFileName));
        Assert.Equal(["result.json", "summary.md"], Directory.GetFiles(stored.Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_same_run_recorded_again_is_recognised_and_different_content_is_refused()
    {
        var store = new RunStore(_state.Path);
        store.Write(Result("r1"), Files("{}"));
        Assert.True(store.Write(Result("r1"), Files("{}")).AlreadyRecorded);

        var e = Assert.Throws<IOException>(() => store.Write(Result("r1"), Files("{\"x\":1}")));
        Assert.Contains("never overwritten", e.Message);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(store.RunsDirectory, "r1", "result.json")));
    }

    [Fact]
    public void Atomic_write_replaces_content_without_leaving_temp_files()
    {
        var path = _state.Combine("a/b/file.txt");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("one"));
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("two"));
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    /// <summary>A rename is durable only once its directory is synced: that sync must really happen, not fail quietly.</summary>
    [Fact]
    public void A_directory_is_synced_to_disk()
    {
        // Windows has no directory sync (NTFS journals renames): there it is false by design.
        Assert.Equal(!OperatingSystem.IsWindows(), AtomicFile.FlushDirectory(_state.Path));
        Assert.False(AtomicFile.FlushDirectory(_state.Combine("missing")));
    }
}
