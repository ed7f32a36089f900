using GateKit.Config;
using GateKit.Rollout;
using GateKit.Tests.Support;

namespace GateKit.Tests.Rollout;

/// <summary>RolloutApplier in-process: governance rules, refusals and the ledger's recovery.</summary>
public sealed class RolloutApplierTests
{
    private static readonly DateTimeOffset Now = PromotionFixture.Now;

    private static ApplyRequest Request(RolloutIntent intent = RolloutIntent.Rollback, string by = "alice", string approvalRef = "CHG-1",
        string rationale = "why", string reviewBy = "2026-12-01T00:00:00Z", int step = 25, string? key = null) =>
        new(intent, by, approvalRef, rationale, reviewBy, step, key, Now);

    private static RolloutApplier Applier(PromotionFixture f) => new(f.Folder.Combine(".gatekit"), ConfigLoader.Load(f.Write()));

    public static TheoryData<string, ApplyRequest, string> Invalid => new()
    {
        { "empty by", Request(by: ""), "--by" },
        { "blank approval", Request(approvalRef: "  "), "--approval-ref" },
        { "empty rationale", Request(rationale: ""), "--rationale" },
        { "review-by in the past", Request(reviewBy: "2026-11-23T11:59:59Z"), "not in the future" },
        { "review-by past by its offset", Request(reviewBy: "2026-11-23T13:00:00+02:00"), "not in the future" },
        { "review-by not ISO-8601", Request(reviewBy: "next friday"), "ISO-8601" },
        { "review-by without offset", Request(reviewBy: "2026-12-01T00:00:00"), "ISO-8601" },
        { "expand step 0", Request(RolloutIntent.Expand, step: 0), "--expand-step" },
        { "expand step 101", Request(RolloutIntent.Expand, step: 101), "--expand-step" },
        { "blank idempotency key", Request(key: " "), "--idempotency-key" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Governance_fields_are_required(string name, ApplyRequest request, string message)
    {
        using var f = new PromotionFixture();
        var applier = Applier(f);
        var e = Assert.Throws<UsageException>(() => applier.Apply(request));
        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{name}: {e.Message}");
        Assert.False(File.Exists(applier.LedgerPath), name);
    }

    [Fact]
    public void A_ledger_ahead_of_the_state_is_taken_as_the_truth()
    {
        using var f = new PromotionFixture();
        var applier = Applier(f);
        Assert.Equal(ApplyStatus.Applied, applier.Apply(Request(key: "a")).Status);
        var stale = File.ReadAllBytes(applier.StatePath);
        Assert.Equal(ApplyStatus.Applied, applier.Apply(Request(key: "b")).Status);
        // A crash after the ledger append and before the state replace leaves the state one behind.
        File.WriteAllBytes(applier.StatePath, stale);
        var third = applier.Apply(Request(key: "c"));
        Assert.Equal(3, third.Record!.Sequence);
        Assert.Equal(3, applier.ReadState().Sequence);
    }

    [Fact]
    public void A_malformed_ledger_line_is_invalid_input_with_its_line()
    {
        using var f = new PromotionFixture();
        var applier = Applier(f);
        applier.Apply(Request());
        File.AppendAllText(applier.LedgerPath, "{ torn\n");
        var e = Assert.Throws<ConfigException>(() => applier.Apply(Request()));
        Assert.Contains("ledger line 2", e.Message);
    }
}
