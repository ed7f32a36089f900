using System.Globalization;
using System.Text.Json.Nodes;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;
using static GateKit.Tests.Support.PromotionFixture;

namespace GateKit.Cli.Tests;

/// <summary>
/// promotion evaluate and apply as the runbook means them, run as real processes: one verdict and one exit code
/// everywhere it is shown, fail-closed skips, approvals only as fresh as their evidence, a dry run, accountability.
/// </summary>
public sealed class PromotionVerdictCommandTests
{
    private const string FutureReview = "2099-01-01T00:00:00Z";
    private static readonly string NowText = Iso(Now);

    private static readonly Dictionary<string, (Action<PromotionFixture> Change, string[] Flags, string Verdict, string Decision, int Exit)> Cases = new()
    {
        ["promote"] = (_ => { }, [], "promote", "go", 0),
        ["hold: a condition, exit 0"] = (f => f.Drills.RemoveAt(0), [], "hold", "go-with-conditions", 0),
        ["hold with --fail-on-hold: no-go, exit 1"] = (f => f.Drills.RemoveAt(0), ["--fail-on-hold"], "hold", "no-go", 1),
        ["skipped: exit 0"] = (f => f.Deleted.Add("drills.json"), ["--skip-on-missing-evidence"], "skipped", "go-with-conditions", 0),
        ["skipped with --fail-on-hold: still exit 0 (runbook: only hold is enforced)"] = (f => f.Deleted.Add("drills.json"), ["--skip-on-missing-evidence", "--fail-on-hold"], "skipped", "go-with-conditions", 0),
        // Runbook "skipped": evidence missing and nothing evaluated failed. A failure rate of 0.6 is a failure.
        ["skip mode with failure rate 0.6 and no backlog file: hold, exit 1"] = (f =>
            {
                f.Deleted.Add("telemetry/backlog.jsonl");
                f.Handoff.AddRange(Enumerable.Range(0, 20).Select(i => Execution(Now.AddHours(-20 + i), 5, 0, 3)));
            }, ["--skip-on-missing-evidence", "--fail-on-hold"], "hold", "no-go", 1),
        ["skip mode with expired governance and no drills file: hold, exit 1"] = (f =>
            {
                f.Deleted.Add("drills.json");
                f.Governance["reviewBy"] = "2026-11-22T00:00:00Z";
            }, ["--skip-on-missing-evidence", "--fail-on-hold"], "hold", "no-go", 1),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    /// <summary>The console, result.json, summary.md, index.jsonl and `runs list` say the same thing, and the process returns it.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void One_verdict_and_one_exit_code_everywhere(string name)
    {
        var (change, flags, verdict, decision, exit) = Cases[name];
        using var f = new PromotionFixture();
        change(f);
        f.Write();
        var run = GateKitProcess.Run(f.Folder.Path, ["promotion", "evaluate", "--now", NowText, .. flags]);

        Assert.True(exit == run.ExitCode, $"{name}: exit {run.ExitCode}\n{run.StdOut}{run.StdErr}");
        Assert.StartsWith(verdict.ToUpperInvariant() + " ", run.StdOut);
        Assert.Contains($"decision: {decision}, exit {exit}", run.StdOut);
        var folder = Directory.GetDirectories(f.Folder.Combine(".gatekit/runs")).Single();
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "result.json")))!;
        Assert.Equal(decision, (string?)result["decision"]);
        Assert.Equal(verdict, (string?)result["gates"]![0]!["promotion"]!["decision"]);
        var summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
        Assert.StartsWith("## " + Banner(decision), summary);
        Assert.Contains($"**Decision** `{verdict}`", summary);
        var index = JsonNode.Parse(File.ReadAllLines(f.Folder.Combine(".gatekit/index.jsonl")).Single())!;
        Assert.Equal((decision, exit), ((string?)index["decision"], (int)index["exitCode"]!));
        var list = GateKitProcess.Run(f.Folder.Path, "runs", "list");
        Assert.Matches($@"^\S+\s+{System.Text.RegularExpressions.Regex.Escape(decision)}\s+exit {exit}\b", list.StdOut);
    }

    [Fact]
    public void A_rerun_is_judged_under_the_switches_the_run_recorded()
    {
        using var f = new PromotionFixture();
        f.Drills.RemoveAt(0);
        f.Write();
        Assert.Equal(1, GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate", "--now", NowText, "--fail-on-hold").ExitCode);
        var rerun = GateKitProcess.Run(f.Folder.Path, "runs", "rerun", "latest", "--format", "json");
        Assert.Equal(1, rerun.ExitCode);
        var verdict = JsonNode.Parse(rerun.StdOut)!["gates"]![0]!["promotion"]!;
        Assert.Equal(("hold", true), ((string?)verdict["decision"], (bool)verdict["failOnHold"]!));
    }

    private static string Banner(string decision) => decision switch
    {
        "go" => "✅ GO",
        "no-go" => "❌ NO-GO",
        _ => "⚠️ GO WITH CONDITIONS",
    };

    [Fact]
    public void Skip_mode_lists_the_missing_evidence_beside_the_failure()
    {
        using var f = new PromotionFixture();
        f.Deleted.Add("telemetry/backlog.jsonl");
        f.Handoff.AddRange(Enumerable.Range(0, 20).Select(i => Execution(Now.AddHours(-20 + i), 5, 0, 3)));
        f.Write();
        var run = GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate", "--now", NowText, "--skip-on-missing-evidence", "--fail-on-hold", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var verdict = JsonNode.Parse(run.StdOut)!["gates"]![0]!["promotion"]!;
        Assert.Equal(["reliability_failure_rate_exceeded", "backlog_evidence_missing"], verdict["reasonCodes"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(["reliability", "backlog"], verdict["failedGates"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(["backlog"], verdict["missingEvidence"]!.AsArray().Select(c => (string?)c));
    }

    /// <summary>Runbook: the promotion decision names its accountable people; evaluate --by records who ran it.</summary>
    [Fact]
    public void Evaluate_records_who_ran_it()
    {
        using var f = new PromotionFixture();
        f.Write();
        var run = GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate", "--now", NowText, "--by", "carol", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("carol", (string?)JsonNode.Parse(run.StdOut)!["gates"]![0]!["promotion"]!["evaluatedBy"]);
        SchemaAssert.ValidResult(System.Text.Encoding.UTF8.GetBytes(run.StdOut));
    }

    private static ProcessResult Apply(PromotionFixture f, params string[] extra) =>
        GateKitProcess.Run(f.Folder.Path, ["promotion", "apply", "--by", "alice", "--approval-ref", "CHG-7", "--rationale", "canary looks fine",
            "--review-by", FutureReview, .. extra]);

    private static string[] Ledger(PromotionFixture f) =>
        File.Exists(f.Folder.Combine(".gatekit/promotion/ledger.jsonl")) ? File.ReadAllLines(f.Folder.Combine(".gatekit/promotion/ledger.jsonl")) : [];

    [Fact]
    public void A_promote_evaluated_30_days_back_is_refused_as_stale_and_nothing_is_written()
    {
        var back = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddDays(-30);
        using var f = new PromotionFixture { Shift = back - Now };
        f.Write();
        var evaluated = GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate", "--now", back.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        Assert.StartsWith("PROMOTE", evaluated.StdOut);

        foreach (var dryRun in new[] { true, false })
        {
            var run = Apply(f, ["--intent", "expand", "--approver", "dana", "--rollback-owner", "erin", .. dryRun ? new[] { "--dry-run" } : []]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("stale", run.StdErr);
            Assert.Empty(Ledger(f));
            Assert.False(File.Exists(f.Folder.Combine(".gatekit/promotion/state.json")));
        }
    }

    [Fact]
    public void A_dry_run_prints_the_entry_apply_would_append_writes_nothing_and_apply_then_appends_it()
    {
        using var f = AtRealTime();
        f.Write();
        Assert.Equal(0, GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate", "--by", "carol").ExitCode);

        var dry = Apply(f, "--intent", "expand", "--expand-step", "10", "--approver", "dana", "--rollback-owner", "erin", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("canary 0%, paused -> canary 10%, running; nothing written", dry.StdErr);
        var preview = JsonNode.Parse(dry.StdOut)!;
        Assert.Equal((1L, "expand", "dana", "erin"), ((long)preview["sequence"]!, (string?)preview["intent"], (string?)preview["approver"], (string?)preview["rollbackOwner"]));
        Assert.False(Directory.Exists(f.Folder.Combine(".gatekit/promotion")));

        var applied = Apply(f, "--intent", "expand", "--expand-step", "10", "--approver", "dana", "--rollback-owner", "erin");
        Assert.Equal(0, applied.ExitCode);
        var entry = JsonNode.Parse(Assert.Single(Ledger(f)))!;
        foreach (var field in new[] { "sequence", "intent", "by", "approver", "rollbackOwner", "decision", "decisionRunId", "before", "after" })
            Assert.Equal(preview[field]!.ToJsonString(), entry[field]!.ToJsonString());

        // A refused dry run exits as the apply would: expand without a promote after a hold.
        f.Drills.RemoveAt(0);
        f.Write();
        Assert.Equal(0, GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate").ExitCode);
        var refused = Apply(f, "--intent", "resume", "--approver", "dana", "--dry-run");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("dry run: refused", refused.StdErr);
        Assert.Single(Ledger(f));
    }

    [Theory]
    [InlineData("expand", "--approver")]
    [InlineData("expand", "--rollback-owner")]
    [InlineData("resume", "--approver")]
    public void Widening_the_rollout_names_who_is_accountable(string intent, string missing)
    {
        using var f = AtRealTime();
        f.Write();
        Assert.Equal(0, GateKitProcess.Run(f.Folder.Path, "promotion", "evaluate").ExitCode);
        var args = new List<string> { "--intent", intent, "--approver", "dana", "--rollback-owner", "erin" };
        args.RemoveRange(args.IndexOf(missing), 2);
        var run = Apply(f, [.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.StdErr);
        Assert.Empty(Ledger(f));
    }
}
