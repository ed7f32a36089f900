using GateKit.Gates.Promotion;
using GateKit.Tests.Support;
using static GateKit.Tests.Support.PromotionFixture;

namespace GateKit.Tests.Gates.Promotion;

/// <summary>The telemetry reader streams: what it allocates does not grow with the file or a line.</summary>
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
        var before = GC.GetAllocatedBytesForCurrentThread();
        var gate = Assert.Single(RunWithoutRewrite(f).Gates);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("fail", gate.Status.ToString().ToLowerInvariant());
        var finding = Assert.Single(gate.Findings, x => x.Code == PromotionCodes.TelemetryLineTooLong);
        Assert.Equal(1, finding.Location!.Line);
        Assert.Contains(PromotionCodes.ReliabilitySampleTooSmall, gate.ReasonCodes);
        Assert.Equal(2L * 1024 * 1024 * 1024, gate.Inputs.Single(i => i.Path == "telemetry/handoff.jsonl").Size);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MiB for a 2 GiB line");
    }

    [Fact]
    public void Allocation_does_not_grow_with_the_number_of_lines()
    {
        using var small = new PromotionFixture();
        using var large = new PromotionFixture();
        var extra = Enumerable.Range(0, 50_000).Select(i => Execution(Now.AddDays(-6).AddSeconds(i), 5, 0, 0)).ToList();
        large.Handoff.InsertRange(0, extra);
        small.Write();
        large.Write();

        var smallBytes = Allocated(small);
        var largeBytes = Allocated(large);
        // 50,000 more lines (about 10 MB) may not cost more than a few buffers.
        Assert.True(largeBytes - smallBytes < 4L * 1024 * 1024, $"small {smallBytes} B, large {largeBytes} B");
        Assert.Equal(50_025, RunWithoutRewrite(large).Gates[0].Metrics["reliability_records_in_window"]);
    }

    private static long Allocated(PromotionFixture f)
    {
        RunWithoutRewrite(f);
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunWithoutRewrite(f);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Evaluates the files as they are on disk (the fixture's Run would rewrite them).</summary>
    private static GateKit.Results.RunResult RunWithoutRewrite(PromotionFixture f)
    {
        var loaded = GateKit.Config.ConfigLoader.Load(f.Folder.Combine("gatekit.json"));
        var request = new GateKit.Engine.RunRequest(loaded, ["promotion"], null, [], null, false, new GateKit.Engine.FixedClock(Now), null, [], new GateKit.Results.ToolInfo("gatekit", "test"));
        return GateKit.Engine.RunEvaluator.Evaluate(request, CancellationToken.None);
    }
}
