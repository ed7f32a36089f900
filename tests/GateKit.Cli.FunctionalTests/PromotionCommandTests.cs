using System.Text.Json;
using System.Text.Json.Nodes;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit promotion evaluate and apply, run as real processes over real folders.</summary>
public sealed class PromotionCommandTests
{
    private const string Now = "2026-11-23T12:00:00Z";
    private const string FutureReview = "2099-01-01T00:00:00Z";

    /// <summary>Evaluates as of <see cref="Now"/>; a fixture shifted to the real time (for apply) is evaluated at the real time.</summary>
    private static ProcessResult Evaluate(PromotionFixture f, params string[] extra)
    {
        f.Write();
        return GateKitProcess.Run(f.Folder.Path, f.Shift == TimeSpan.Zero ? ["promotion", "evaluate", "--now", Now, .. extra] : ["promotion", "evaluate", .. extra]);
    }

    private static ProcessResult Apply(PromotionFixture f, string intent, params string[] extra) =>
        GateKitProcess.Run(f.Folder.Path, ["promotion", "apply", "--intent", intent, "--by", "alice", "--approval-ref", "CHG-7",
            "--rationale", "canary looks fine", "--review-by", FutureReview, "--approver", "dana", "--rollback-owner", "erin", .. extra]);

    private static string[] Ledger(PromotionFixture f)
    {
        var path = f.Folder.Combine(".gatekit/promotion/ledger.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    private static JsonNode State(PromotionFixture f) => JsonNode.Parse(File.ReadAllText(f.Folder.Combine(".gatekit/promotion/state.json")))!;

    [Fact]
    public void Clean_evidence_promotes_and_writes_a_valid_result()
    {
        using var f = new PromotionFixture();
        var run = Evaluate(f, "--format", "json");
        Assert.Equal(0, run.ExitCode);
        SchemaAssert.ValidResult(System.Text.Encoding.UTF8.GetBytes(run.StdOut));
        var gate = JsonNode.Parse(run.StdOut)!["gates"]![0]!;
        Assert.Equal("promotion", gate["name"]!.GetValue<string>());
        Assert.Equal("pass", gate["status"]!.GetValue<string>());
        Assert.Equal("2026-11-23T12:00:00.000Z", JsonNode.Parse(run.StdOut)!["startedAt"]!.GetValue<string>());
    }

    [Fact]
    public void Hold_exits_0_unless_fail_on_hold_and_lists_failed_gates_in_priority_order()
    {
        using var f = new PromotionFixture();
        f.Drills.RemoveAt(0);
        f.Governance["reviewBy"] = "2026-11-01T06:00:00Z";
        var plain = Evaluate(f);
        Assert.Equal(0, plain.ExitCode);
        Assert.StartsWith("HOLD", plain.StdOut);
        Assert.Contains("failed gates: governance, drills", plain.StdOut);
        Assert.Contains("reasons: governance_review_expired, drill_missing", plain.StdOut);
        Assert.Equal(1, Evaluate(f, "--fail-on-hold").ExitCode);
    }

    [Fact]
    public void Missing_evidence_with_skip_mode_is_skipped_not_promote()
    {
        using var f = new PromotionFixture();
        f.Deleted.Add("drills.json");
        var skipped = Evaluate(f, "--skip-on-missing-evidence", "--fail-on-hold");
        Assert.Equal(0, skipped.ExitCode);
        Assert.StartsWith("SKIPPED", skipped.StdOut);
        Assert.Equal(1, Evaluate(f, "--fail-on-hold").ExitCode);
    }

    [Fact]
    public void Now_must_be_ISO_8601_with_an_offset()
    {
        const string now = "2026-11-23T12:00:00";
        using var f = new PromotionFixture();
        f.Write();
        var run = GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate", "--now", now);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--now", run.StdErr);
    }

    /// <summary>Runbook exit semantics in `gatekit run` as in `promotion evaluate`: hold exits 0 unless --fail-on-hold.</summary>
    [Theory]
    [InlineData(false, "warn", "go-with-conditions", 0)]
    [InlineData(true, "fail", "no-go", 1)]
    public void Promotion_is_a_gate_of_gatekit_run_with_the_runbook_exit_semantics(bool failOnHold, string status, string decision, int exit)
    {
        using var f = new PromotionFixture();
        f.Governance["reviewBy"] = "2026-11-23T11:00:00Z";
        f.Write();
        var env = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var run = GateKitProcess.Run(f.Folder.Path, env, ["run", "--deterministic", "--format", "json", .. failOnHold ? new[] { "--fail-on-hold" } : []]);
        Assert.Equal(exit, run.ExitCode);
        var result = JsonNode.Parse(run.StdOut)!;
        Assert.Equal(decision, (string?)result["decision"]);
        Assert.Equal(["governance_review_expired"], result["reasonCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        var gate = result["gates"]![0]!;
        Assert.Equal(("promotion", status, "hold"), ((string?)gate["name"], (string?)gate["status"], (string?)gate["promotion"]!["decision"]));
        Assert.Equal(["governance"], gate["promotion"]!["failedGates"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public void Expand_fails_closed_until_the_latest_decision_is_promote()
    {
        using var f = PromotionFixture.AtRealTime();
        f.Write();
        var refused = Apply(f, "expand");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("latest promotion decision", refused.StdErr);
        Assert.Empty(Ledger(f));

        f.Drills.RemoveAt(0);
        Assert.Equal(0, Evaluate(f).ExitCode);
        Assert.Equal(1, Apply(f, "resume").ExitCode);

        f.Drills.Insert(0, new JsonObject { ["id"] = "kill_switch", ["status"] = "pass", ["completedAt"] = "2026-11-22T10:00:00Z" });
        Assert.Equal(0, Evaluate(f).ExitCode);
        var expanded = Apply(f, "expand", "--expand-step", "10");
        Assert.Equal(0, expanded.ExitCode);
        var record = JsonNode.Parse(expanded.StdOut)!;
        Assert.Equal("promote", record["decision"]!.GetValue<string>());
        Assert.Equal(10, State(f)["posture"]!["canaryPercent"]!.GetValue<int>());
        Assert.False(State(f)["posture"]!["paused"]!.GetValue<bool>());
        Assert.Single(Ledger(f));
    }

    [Fact]
    public void Rollback_is_always_allowed_and_pauses()
    {
        using var f = new PromotionFixture();
        f.KillSwitch = true;
        f.Write();
        var run = Apply(f, "rollback");
        Assert.Equal(0, run.ExitCode);
        Assert.True(State(f)["posture"]!["paused"]!.GetValue<bool>());
        Assert.Equal("none", JsonNode.Parse(run.StdOut)!["decision"]!.GetValue<string>());
    }

    [Fact]
    public void The_kill_switch_refuses_expand_and_resume_even_on_promote()
    {
        using var f = PromotionFixture.AtRealTime();
        Assert.Equal(0, Evaluate(f).ExitCode);
        f.KillSwitch = true;
        f.Write();
        foreach (var intent in new[] { "expand", "resume" })
        {
            var run = Apply(f, intent);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("kill switch", run.StdErr);
        }
        Assert.Empty(Ledger(f));
    }

    [Fact]
    public void An_idempotency_key_replays_the_earlier_record_and_changes_nothing()
    {
        using var f = PromotionFixture.AtRealTime();
        Assert.Equal(0, Evaluate(f).ExitCode);
        var first = Apply(f, "expand", "--idempotency-key", "k-1");
        var state = File.ReadAllBytes(f.Folder.Combine(".gatekit/promotion/state.json"));
        var second = Apply(f, "expand", "--idempotency-key", "k-1");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.StdOut, second.StdOut);
        Assert.Contains("replayed", second.StdErr);
        Assert.Single(Ledger(f));
        Assert.Equal(state, File.ReadAllBytes(f.Folder.Combine(".gatekit/promotion/state.json")));
    }

    /// <summary>Every governance rule is in the Core table (RolloutApplierTests); this checks the exit code.</summary>
    [Fact]
    public void Governance_fields_are_required_for_every_apply()
    {
        const string option = "--review-by", value = "2020-01-01T00:00:00Z";
        using var f = new PromotionFixture();
        f.Write();
        var args = new List<string> { "promotion", "apply", "--intent", "rollback", "--by", "alice", "--approval-ref", "CHG-7", "--rationale", "r", "--review-by", FutureReview };
        args[args.IndexOf(option) + 1] = value;
        var run = GateKitProcess.Run(f.Folder.Path, [.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Ledger(f));
    }

    [Fact]
    public void A_state_file_edited_into_invalid_JSON_is_exit_3_and_left_untouched()
    {
        using var f = new PromotionFixture();
        f.Write();
        Assert.Equal(0, Apply(f, "rollback").ExitCode);
        var path = f.Folder.Combine(".gatekit/promotion/state.json");
        File.WriteAllText(path, "{ \"schemaVersion\": 1, \"sequence\": 1, oops");
        var before = File.ReadAllBytes(path);
        var run = Apply(f, "rollback");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("state.json", run.StdErr);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Ledger(f));
    }

    [Fact]
    public void Parallel_applies_never_lose_an_update()
    {
        using var f = PromotionFixture.AtRealTime();
        Assert.Equal(0, Evaluate(f).ExitCode);
        var results = RunParallel(f, Enumerable.Range(0, 4).Select(i => new[] { "expand", "--expand-step", "10", "--idempotency-key", $"k-{i}" }).ToArray());
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        var ledger = Ledger(f).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], ledger.Select(r => r["sequence"]!.GetValue<long>()));
        Assert.Equal([0, 10, 20, 30], ledger.Select(r => r["before"]!["canaryPercent"]!.GetValue<int>()));
        Assert.Equal(40, State(f)["posture"]!["canaryPercent"]!.GetValue<int>());
        Assert.Equal(4, State(f)["sequence"]!.GetValue<long>());
    }

    [Fact]
    public void Parallel_applies_with_one_key_apply_once()
    {
        using var f = PromotionFixture.AtRealTime();
        Assert.Equal(0, Evaluate(f).ExitCode);
        var results = RunParallel(f, Enumerable.Range(0, 4).Select(_ => new[] { "expand", "--idempotency-key", "same" }).ToArray());
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Single(Ledger(f));
        Assert.Single(results.Select(r => r.StdOut).Distinct());
        Assert.Equal(3, results.Count(r => r.StdErr.Contains("replayed")));
        Assert.Equal(25, State(f)["posture"]!["canaryPercent"]!.GetValue<int>());
    }

    /// <summary>Starts every apply before waiting for any, so that they contend for the lock.</summary>
    private static List<ProcessResult> RunParallel(PromotionFixture f, string[][] applies)
    {
        var processes = applies.Select(a => GateKitProcess.Start(f.Folder.Path, null,
            ["promotion", "apply", "--intent", a[0], "--by", "alice", "--approval-ref", "CHG-7", "--rationale", "parallel", "--review-by", FutureReview,
             "--approver", "dana", "--rollback-owner", "erin", .. a[1..]])).ToList();
        var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        var results = new List<ProcessResult>();
        for (var i = 0; i < processes.Count; i++)
        {
            using var p = processes[i];
            if (!p.WaitForExit(TimeSpan.FromSeconds(60))) { p.Kill(entireProcessTree: true); throw new TimeoutException("apply did not finish"); }
            results.Add(new ProcessResult(p.ExitCode, outputs[i].Out.Result, outputs[i].Err.Result));
        }
        return results;
    }
}
