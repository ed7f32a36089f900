using GateKit.Gates.Promotion;
using GateKit.Tests.Support;
using static GateKit.Tests.Support.PromotionFixture;

namespace GateKit.Tests.Gates.Promotion;

/// <summary>
/// The telemetry reader streams: what it allocates does not grow with the file or a line. Lines are
/// parsed on worker threads, so allocation is counted over the process, with no other test running.
/// </summary>
[Collection(nameof(GateKit.Tests.Evidence.MemoryMeasured))]
public sealed class TelemetryStreamingTests
{
    [Fact]
    public void A_2_GB_file_without_a_newline_is_a_finding_read_in_bounded_memory()
    {
        using var f = new PromotionFixture();
        f.Write();
        // A sparse file: 2 GiB of zero bytes and no newline, without 2 GiB of disk.
        using (var stream = new FileStream(f.Folder.Combine("telemetry/handoff.jsonl"), FileMode.Create))
            stream.SetLength(2L * 1024 * 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var gate = Assert.Single(RunWithoutRewrite(f).Gates);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(GateKit.Gates.Promotion.PromotionDecision.Hold, gate.Promotion!.Decision);
        var finding = Assert.Single(gate.Findings, x => x.Code == PromotionCodes.TelemetryLineTooLong);
        Assert.Equal(1, finding.Location!.Line);
        Assert.Contains(PromotionCodes.ReliabilitySampleTooSmall, gate.ReasonCodes);
        Assert.Equal(2L * 1024 * 1024 * 1024, gate.Inputs.Single(i => i.Path == "telemetry/handoff.jsonl").Size);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MiB for a 2 GiB line");
    }

    [Fact]
    public void Allocation_does_not_grow_with_the_number_of_lines()
    {
        // Both files are many batches long, so both fill every batch buffer the reader may hold at once;
        // three times the lines (about 20 MB more) may not cost more than a buffer's worth.
        using var medium = new PromotionFixture();
        using var large = new PromotionFixture();
        medium.Handoff.InsertRange(0, Executions(50_000));
        large.Handoff.InsertRange(0, Executions(150_000));
        medium.Write();
        large.Write();

        var mediumBytes = Allocated(medium);
        var largeBytes = Allocated(large);
        Assert.True(largeBytes - mediumBytes < 2L * 1024 * 1024, $"medium {mediumBytes} B, large {largeBytes} B");
        Assert.Equal(150_025, RunWithoutRewrite(large).Gates[0].Metrics["reliability_records_in_window"]);
    }

    private static List<string> Executions(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Execution(Now.AddDays(-6).AddSeconds(i), 5, 0, 0))];

    private static long Allocated(PromotionFixture f)
    {
        RunWithoutRewrite(f);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        RunWithoutRewrite(f);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    /// <summary>Evaluates the files as they are on disk (the fixture's Run would rewrite them).</summary>
    private static GateKit.Results.RunResult RunWithoutRewrite(PromotionFixture f)
    {
        var loaded = GateKit.Config.ConfigLoader.Load(f.Folder.Combine("gatekit.json"));
        var request = new GateKit.Engine.RunOptions(loaded.FullPath, ["promotion"], null, [], null, null, false, new GateKit.Results.ToolInfo("gatekit", "test"));
        return GateKit.Engine.RunEvaluator.Evaluate(new GateKit.Engine.PreparedRun(request, loaded, ["promotion"], new GateKit.Engine.FixedClock(Now), null, [], null), CancellationToken.None);
    }
}
