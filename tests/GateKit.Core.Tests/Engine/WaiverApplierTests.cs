using GateKit.Config;
using GateKit.Engine;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Engine;

public sealed class WaiverApplierTests
{
    private static WaiverConfig Waiver(string id = "W1", string? code = null, string? subject = null, string? file = null,
        string expires = "2027-01-01", string? approval = "CHG-1", string gate = "quality") =>
        new() { Id = id, Gate = gate, Code = code, Subject = subject, File = file, Owner = "alice", Reason = "known", ApprovalRef = approval, Expires = expires };

    private static readonly Finding P1 = new("condition_violated", Priority.P1, "latency", new Location("data/cases.jsonl"), "latency_p95");
    private static readonly Finding P0 = new("condition_violated", Priority.P0, "pass rate", new Location("data/cases.jsonl"), "pass_rate");

    [Theory]
    [InlineData(null, null, null, true)]
    [InlineData("condition_violated", null, null, true)]
    [InlineData("other_code", null, null, false)]
    [InlineData(null, "latency_p95", null, true)]
    [InlineData(null, "pass_rate", null, false)]
    [InlineData(null, null, "data/*.jsonl", true)]
    [InlineData(null, null, "**/*.jsonl", true)]
    [InlineData(null, null, "reports/*.json", false)]
    public void A_waiver_matches_on_code_subject_and_file_glob(string? code, string? subject, string? file, bool waived)
    {
        var result = WaiverApplier.Apply("quality", [P1], [Waiver(code: code, subject: subject, file: file)], Configs.Now);
        Assert.Equal(waived, result[0].IsWaived);
        if (waived) Assert.Equal(("W1", "alice"), (result[0].Waiver!.Id, result[0].Waiver!.Owner));
        else Assert.Equal(WaiverCodes.Unused, result[1].Code);
    }

    [Fact]
    public void An_expired_waiver_stops_applying_and_is_a_finding()
    {
        var result = WaiverApplier.Apply("quality", [P1], [Waiver(expires: "2026-11-22")], Configs.Now);
        Assert.False(result[0].IsWaived);
        Assert.Equal((WaiverCodes.Expired, Priority.P1), (result[1].Code, result[1].Priority));
    }

    [Fact]
    public void A_waiver_expiring_today_still_applies_until_the_end_of_the_day()
    {
        var result = WaiverApplier.Apply("quality", [P1], [Waiver(expires: "2026-11-23")], Configs.Now);
        Assert.True(Assert.Single(result).IsWaived);
    }

    [Fact]
    public void A_P0_finding_is_waived_only_with_an_approval_reference()
    {
        var without = WaiverApplier.Apply("quality", [P0], [Waiver(approval: null)], Configs.Now);
        Assert.False(without[0].IsWaived);
        Assert.Equal(WaiverCodes.ApprovalMissing, without[1].Code);

        var with = WaiverApplier.Apply("quality", [P0], [Waiver()], Configs.Now);
        Assert.True(Assert.Single(with).IsWaived);
    }

    [Fact]
    public void Waivers_of_other_gates_are_left_alone()
    {
        var result = WaiverApplier.Apply("quality", [P1], [Waiver(gate: "release")], Configs.Now);
        Assert.Equal([P1], result);
    }

    [Fact]
    public void Waived_findings_do_not_count_toward_the_status()
    {
        var result = WaiverApplier.Apply("quality", [P0, P1], [Waiver(subject: "pass_rate")], Configs.Now);
        Assert.Equal(GateStatus.Warn, StatusRules.Default.StatusOf(result));
    }
}
