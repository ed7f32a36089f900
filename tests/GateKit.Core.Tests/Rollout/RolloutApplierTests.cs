using GateKit.Config;
using GateKit.Rollout;
using GateKit.Tests.Support;

namespace GateKit.Tests.Rollout;

/// <summary>RolloutApplier in-process: governance rules, refusals and the ledger's recovery.</summary>
public sealed class RolloutApplierTests
{
    private static readonly DateTimeOffset Now = PromotionFixture.Now;

    private static ApplyRequest Request(RolloutIntent intent = RolloutIntent.Rollback, string by = "alice", string approvalRef = "CHG-1",
        string rationale = "why", string reviewBy = "2026-12-01T00:00:00Z", int step = 25, string? key = null,
        string? approver = "dana", string? rollbackOwner = "erin", DateTimeOffset? now = null) =>
        new(intent, by, approvalRef, rationale, reviewBy, step, key, now ?? Now) { Approver = approver, RollbackOwner = rollbackOwner };

    private static RolloutApplier Applier(PromotionFixture f) => new(f.Folder.Combine(".gatekit"), ConfigLoader.Load(f.Write()));

    public static TheoryData<string, ApplyRequest, string> Invalid => new()
    {
        { "empty by", Request(by: ""), "{By}" },
        { "blank approval", Request(approvalRef: "  "), "{ApprovalRef}" },
        { "empty rationale", Request(rationale: ""), "{Rationale}" },
        { "review-by in the past", Request(reviewBy: "2026-11-23T11:59:59Z"), "not in the future" },
        { "review-by past by its offset", Request(reviewBy: "2026-11-23T13:00:00+02:00"), "not in the future" },
        { "review-by not ISO-8601", Request(reviewBy: "next friday"), "ISO-8601" },
        { "review-by without offset", Request(reviewBy: "2026-12-01T00:00:00"), "ISO-8601" },
        { "expand step 0", Request(RolloutIntent.Expand, step: 0), "{ExpandStep}" },
        { "expand step 101", Request(RolloutIntent.Expand, step: 101), "{ExpandStep}" },
        { "blank idempotency key", Request(key: " "), "{IdempotencyKey}" },
        // Runbook, promotion decision: "include accountable approver and rollback owner".
        { "runbook accountability: expand without an approver", Request(RolloutIntent.Expand, approver: null), "{Approver}" },
        { "runbook accountability: resume without an approver", Request(RolloutIntent.Resume, approver: " "), "{Approver}" },
        { "runbook accountability: expand without a rollback owner", Request(RolloutIntent.Expand, rollbackOwner: null), "{RollbackOwner}" },
        { "blank cited run", Request(RolloutIntent.Expand) with { RunId = "" }, "{Run}" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Governance_fields_are_required(string name, ApplyRequest request, string message)
    {
        using var f = new PromotionFixture();
        var applier = Applier(f);
        // Core names the value by what it is ({By}); each host words it (the CLI's --by).
        var e = Assert.Throws<RequestException>(() => applier.Apply(request));
        var text = e.Text.Word(input => $"{{{input}}}");
        Assert.True(text.Contains(message, StringComparison.Ordinal), $"{name}: {text}");
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
    public void An_apply_removes_the_state_temp_file_a_killed_apply_left_and_keeps_a_live_ones()
    {
        using var f = new PromotionFixture();
        var applier = Applier(f);
        Directory.CreateDirectory(applier.Directory);
        // Named as AtomicFile names them: the first owner process does not exist, the second is this one (alive).
        var abandoned = Path.Combine(applier.Directory, $".{RolloutApplier.StateFile}.{int.MaxValue}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(applier.Directory, $".{RolloutApplier.StateFile}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(abandoned, "{");
        File.WriteAllText(live, "{");

        Assert.Equal(ApplyStatus.Applied, applier.Apply(Request()).Status);
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
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
        var error = e.Errors.Single();
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.DoesNotContain("LineNumber", error.Problem);
    }

    /// <summary>A state file that is torn, hand-edited or of another shape: invalid input naming the file and where, never .NET's own position text.</summary>
    [Theory]
    [InlineData("{ \"schemaVersion\": 1, \"sequence\": 1, oops", "$", 1, "not a GateKit rollout state")]
    [InlineData("null", "$", null, "expected a GateKit rollout state, found null")]
    [InlineData("{\"schemaVersion\": 1,\n \"schemaVersion\": 1}", "$.schemaVersion", 2, "duplicate")]
    [InlineData("{\"schemaVersion\": 1, \"sequence\": 0}", "$", 1, "not a GateKit rollout state")]
    [InlineData("{\"schemaVersion\": 2, \"sequence\": 0, \"posture\": {\"canaryPercent\": 0, \"paused\": true, \"scope\": []}, \"updatedAt\": null, \"lastApplyId\": null}", "$.schemaVersion", null, "unsupported schemaVersion 2")]
    [InlineData("{\"schemaVersion\": 1, \"sequence\": 0, \"posture\": {\"canaryPercent\": 101, \"paused\": true, \"scope\": []}, \"updatedAt\": null, \"lastApplyId\": null}", "$.posture.canaryPercent", null, "between 0 and 100")]
    public void A_malformed_state_file_is_invalid_input_naming_it_and_where(string content, string jsonPath, int? line, string problem)
    {
        using var f = new PromotionFixture();
        var applier = Applier(f);
        Directory.CreateDirectory(Path.GetDirectoryName(applier.StatePath)!);
        File.WriteAllText(applier.StatePath, content);
        var error = Assert.Throws<ConfigException>(applier.ReadState).Errors.Single();
        Assert.Equal((applier.StatePath, jsonPath, line), (error.File, error.JsonPath, error.Line));
        Assert.Contains(problem, error.Problem);
        Assert.DoesNotContain("LineNumber", error.Problem);
    }

    private static readonly DateTimeOffset Later = Now.AddHours(1);

    /// <summary>
    /// Apply re-checks at the real time what can expire (an approval is only as fresh as its evidence): each case
    /// records promotion runs, then applies an expand at a time; the expected reason, or null when it applies.
    /// </summary>
    private static readonly Dictionary<string, (Action<PromotionFixture, List<string>> Record, Func<List<string>, ApplyRequest> Apply, string? Refusal)> Freshness = new()
    {
        ["a fresh promote applies"] = ((f, runs) => runs.Add(f.Record(Now).Result.RunId), _ => Request(RolloutIntent.Expand, now: Later), null),
        ["a promote exactly 24 h old applies"] = ((f, runs) => runs.Add(f.Record(Now).Result.RunId), _ => Request(RolloutIntent.Expand, now: Now.AddHours(24)), null),
        ["a promote 24 h and 1 s old is stale"] = ((f, runs) => runs.Add(f.Record(Now).Result.RunId), _ => Request(RolloutIntent.Expand, now: Now.AddHours(24).AddSeconds(1)), "stale"),
        ["a promote evaluated 30 days back is stale"] = ((f, runs) => runs.Add(f.Record(Now).Result.RunId), _ => Request(RolloutIntent.Expand, now: Now.AddDays(30), reviewBy: "2027-01-30T00:00:00Z"), "stale"),
        ["maxEvaluationAgeHours 1: two hours is stale"] = ((f, runs) => { f.Promotion["maxEvaluationAgeHours"] = 1; runs.Add(f.Record(Now).Result.RunId); },
            _ => Request(RolloutIntent.Expand, now: Now.AddHours(2)), "more than 1 h"),
        ["a promote evaluated as of a time after now"] = ((f, runs) => runs.Add(f.Record(Now).Result.RunId), _ => Request(RolloutIntent.Expand, now: Now.AddMinutes(-1)), "after now"),
        ["governance reviewBy passed since the evaluation"] = ((f, runs) => { f.Governance["reviewBy"] = "2026-11-23T13:00:00Z"; runs.Add(f.Record(Now).Result.RunId); },
            _ => Request(RolloutIntent.Expand, now: Now.AddHours(2)), "governance no longer holds"),
        ["governance removed since the evaluation"] = ((f, runs) => { runs.Add(f.Record(Now).Result.RunId); f.Deleted.Add("policy.json"); f.Write(); },
            _ => Request(RolloutIntent.Expand, now: Later), "cannot be read"),
        ["the kill switch turned on since the evaluation"] = ((f, runs) => { runs.Add(f.Record(Now).Result.RunId); f.KillSwitch = true; f.Write(); },
            _ => Request(RolloutIntent.Resume, now: Later), "kill switch"),
        ["a promote superseded by a newer hold"] = ((f, runs) => { runs.Add(f.Record(Now).Result.RunId); f.Drills.RemoveAt(0); runs.Add(f.Record(Now.AddMinutes(5)).Result.RunId); },
            _ => Request(RolloutIntent.Expand, now: Later), "it is hold"),
        ["citing a promote that a newer run superseded"] = ((f, runs) => { runs.Add(f.Record(Now).Result.RunId); f.Handoff.Add(PromotionFixture.Execution(Now.AddMinutes(1), 5, 0, 0)); runs.Add(f.Record(Now.AddMinutes(5)).Result.RunId); },
            runs => Request(RolloutIntent.Expand, now: Later) with { RunId = runs[0] }, "superseded"),
        ["citing the newest promote applies"] = ((f, runs) => { runs.Add(f.Record(Now).Result.RunId); f.Handoff.Add(PromotionFixture.Execution(Now.AddMinutes(1), 5, 0, 0)); runs.Add(f.Record(Now.AddMinutes(5)).Result.RunId); },
            runs => Request(RolloutIntent.Expand, now: Later) with { RunId = runs[1] }, null),
        ["citing a run that does not exist"] = ((f, runs) => runs.Add(f.Record(Now).Result.RunId), _ => Request(RolloutIntent.Expand, now: Later) with { RunId = "20990101T000000000Z-00000000" }, "superseded"),
        ["no evaluation recorded"] = ((_, _) => { }, _ => Request(RolloutIntent.Expand, now: Later), "missing (no evaluation recorded)"),
        ["rollback needs no fresh promote"] = ((f, runs) => { f.Drills.RemoveAt(0); runs.Add(f.Record(Now.AddDays(-30)).Result.RunId); }, _ => Request(RolloutIntent.Rollback, now: Later), null),
    };

    public static TheoryData<string, bool> FreshnessCases
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var name in Freshness.Keys)
                foreach (var dryRun in new[] { false, true }) data.Add(name, dryRun);
            return data;
        }
    }

    /// <summary>A dry run (runbook: orchestration dry_run emits preview only) decides as apply does and writes nothing.</summary>
    [Theory]
    [MemberData(nameof(FreshnessCases))]
    public void Apply_rechecks_what_can_expire_and_a_dry_run_decides_the_same_writing_nothing(string name, bool dryRun)
    {
        var (record, apply, refusal) = Freshness[name];
        using var f = new PromotionFixture();
        var runs = new List<string>();
        record(f, runs);
        var applier = Applier(f);
        var before = Snapshot(applier.Directory);

        var outcome = applier.Apply(apply(runs) with { DryRun = dryRun });

        if (refusal is null)
        {
            Assert.True(outcome.Status == (dryRun ? ApplyStatus.WouldApply : ApplyStatus.Applied), $"{name}: {outcome.Reason}");
            Assert.Equal(runs.Count == 0 ? null : runs[^1], outcome.Record!.DecisionRunId);
        }
        else
        {
            Assert.Equal(ApplyStatus.Refused, outcome.Status);
            Assert.True(outcome.Reason!.Contains(refusal, StringComparison.Ordinal), $"{name}: {outcome.Reason}");
            Assert.Null(outcome.Record);
        }
        if (dryRun || refusal is not null) Assert.Equal(before, Snapshot(applier.Directory));
        else Assert.Single(File.ReadAllLines(applier.LedgerPath));
    }

    /// <summary>Every file under the rollout folder with its bytes but the (empty) lock file; empty when the folder does not exist.</summary>
    private static List<(string, string)> Snapshot(string folder) => !Directory.Exists(folder) ? []
        : Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(p => Path.GetFileName(p) != RolloutApplier.LockFile).Order(StringComparer.Ordinal)
            .Select(p => (p, Convert.ToHexString(File.ReadAllBytes(p)))).ToList();

    [Fact]
    public void A_dry_run_shows_the_record_apply_would_append_and_apply_appends_it()
    {
        using var f = new PromotionFixture();
        f.Record(Now);
        var applier = Applier(f);
        var preview = applier.Apply(Request(RolloutIntent.Expand, step: 10, now: Later) with { DryRun = true });
        Assert.False(Directory.Exists(applier.Directory));
        var applied = applier.Apply(Request(RolloutIntent.Expand, step: 10, now: Later));
        Assert.Equal(preview.Record, applied.Record);
        Assert.Equal((0, true, 10, false), (applied.Record!.Before.CanaryPercent, applied.Record.Before.Paused, applied.Record.After.CanaryPercent, applied.Record.After.Paused));
    }

    [Fact]
    public void The_ledger_names_the_approver_and_the_rollback_owner()
    {
        using var f = new PromotionFixture();
        f.Record(Now);
        var applier = Applier(f);
        applier.Apply(Request(RolloutIntent.Expand, now: Later, approver: "dana", rollbackOwner: "erin"));
        var line = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllLines(applier.LedgerPath).Single())!;
        Assert.Equal(("dana", "erin", "promote"), ((string?)line["approver"], (string?)line["rollbackOwner"], (string?)line["decision"]));
    }

    [Fact]
    public void A_ledger_line_written_before_approvers_were_recorded_still_reads()
    {
        using var f = new PromotionFixture();
        var applier = Applier(f);
        applier.Apply(Request());
        var old = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllLines(applier.LedgerPath).Single())!.AsObject();
        old.Remove("approver");
        old.Remove("rollbackOwner");
        File.WriteAllText(applier.LedgerPath, old.ToJsonString() + "\n");
        Assert.Equal(2, applier.Apply(Request()).Record!.Sequence);
    }
}
