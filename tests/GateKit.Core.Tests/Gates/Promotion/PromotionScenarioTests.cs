using System.Text.Json.Nodes;
using GateKit.Gates.Promotion;
using GateKit.Output;
using GateKit.Results;
using GateKit.Tests.Support;
using static GateKit.Gates.Promotion.PromotionCodes;
using static GateKit.Tests.Support.PromotionFixture;

namespace GateKit.Tests.Gates.Promotion;

/// <summary>
/// The scenario table: one change to evidence that promotes, the decision and the reason codes in
/// priority order. Every reason code of the promotion gate appears in at least one row.
/// </summary>
public sealed class PromotionScenarioTests
{
    private static readonly Dictionary<string, (Action<PromotionFixture> Change, PromotionDecision Decision, string[] Codes)> Scenarios = new()
    {
        ["clean evidence promotes"] = (_ => { }, PromotionDecision.Promote, []),

        // 1. governance
        ["policy file missing"] = (f => f.Deleted.Add("policy.json"), PromotionDecision.Hold, [GovernanceEvidenceMissing]),
        ["no actor"] = (f => f.Governance.Remove("actor"), PromotionDecision.Hold, [GovernanceAuthorityMissing]),
        ["blank approval reference"] = (f => f.Governance["approvalRef"] = "  ", PromotionDecision.Hold, [GovernanceAuthorityMissing]),
        ["no reviewBy"] = (f => f.Governance.Remove("reviewBy"), PromotionDecision.Hold, [GovernanceReviewDeadlineMissing]),
        ["changedAt not ISO-8601"] = (f => f.Governance["changedAt"] = "11/01/2026", PromotionDecision.Hold, [GovernanceDateInvalid]),
        ["reviewBy without offset"] = (f => f.Governance["reviewBy"] = "2026-12-31T00:00:00", PromotionDecision.Hold, [GovernanceDateInvalid]),
        ["reviewBy a date only"] = (f => f.Governance["reviewBy"] = "2026-12-31", PromotionDecision.Hold, [GovernanceDateInvalid]),
        ["reviewBy before changedAt"] = (f => { f.Governance["changedAt"] = "2027-01-10T00:00:00Z"; f.Governance["reviewBy"] = "2027-01-05T00:00:00Z"; },
            PromotionDecision.Hold, [GovernanceReviewBeforeChange, GovernanceChangedAfterEvaluation, EvidenceAfterEvaluation]),
        ["reviewBy before changedAt, both in the past"] = (f => { f.Governance["changedAt"] = "2026-11-20T00:00:00Z"; f.Governance["reviewBy"] = "2026-11-19T00:00:00Z"; },
            PromotionDecision.Hold, [GovernanceReviewBeforeChange, GovernanceReviewExpired]),
        ["reviewBy in the past"] = (f => f.Governance["reviewBy"] = "2026-11-20T00:00:00Z", PromotionDecision.Hold, [GovernanceReviewExpired]),
        ["reviewBy later on the clock face but earlier as an instant"] = (f => f.Governance["reviewBy"] = "2026-11-23T13:30:00+02:00", PromotionDecision.Hold, [GovernanceReviewExpired]),
        ["reviewBy earlier on the clock face but later as an instant"] = (f => f.Governance["reviewBy"] = "2026-11-23T10:30:00-02:00", PromotionDecision.Promote, []),

        // 2. reliability
        ["telemetry missing"] = (f => f.Deleted.Add("telemetry/handoff.jsonl"), PromotionDecision.Hold, [ReliabilityEvidenceMissing]),
        ["ten runs in the window"] = (f => f.Handoff.RemoveRange(0, 30), PromotionDecision.Hold, [ReliabilitySampleTooSmall]),
        ["runs older than the window do not count"] = (f => f.Handoff.InsertRange(0, Enumerable.Range(0, 30).Select(i => Execution(Now.AddDays(-9), 5, 0, 0))),
            PromotionDecision.Promote, []),
        ["zero attempts"] = (f => { f.Handoff.Clear(); f.Handoff.AddRange(Enumerable.Range(0, 25).Select(i => Execution(Now.AddHours(-i - 1), 0, 0, 0))); },
            PromotionDecision.Hold, [ReliabilityNoAttempts]),
        ["ambiguity rate 0.4 in the last 20"] = (f => f.Handoff.AddRange(Enumerable.Range(0, 20).Select(i => Execution(Now.AddHours(-20 + i), 5, 2, 0))),
            PromotionDecision.Hold, [ReliabilityAmbiguityRateExceeded]),
        ["failure rate 0.4 in the last 20"] = (f => f.Handoff.AddRange(Enumerable.Range(0, 20).Select(i => Execution(Now.AddHours(-20 + i), 5, 0, 2))),
            PromotionDecision.Hold, [ReliabilityFailureRateExceeded]),
        ["exactly at the limit"] = (f => f.Handoff.AddRange(Enumerable.Range(0, 20).Select(i => Execution(Now.AddHours(-20 + i), 5, 1, 1))), PromotionDecision.Promote, []),
        ["bad runs before the last 20 do not count"] = (f => f.Handoff.InsertRange(0, Enumerable.Range(0, 10).Select(i => Execution(Now.AddDays(-6.5), 5, 5, 5))),
            PromotionDecision.Promote, []),
        ["malformed line in the middle"] = (f => f.Handoff.Insert(7, "{\"timestamp\": oops}"), PromotionDecision.Hold, [TelemetryLineMalformed]),
        ["record that is not an object"] = (f => f.Handoff.Insert(3, "[1,2]"), PromotionDecision.Hold, [TelemetryLineMalformed]),
        ["torn last line"] = (f => f.HandoffTail = "{\"timestamp\":\"2026-11-23T1", PromotionDecision.Promote, [TelemetryLineTorn]),
        ["negative count"] = (f => f.Handoff.Add(Execution(Now.AddHours(-1), 5, -1, 0)), PromotionDecision.Hold, [TelemetryRecordInvalid]),
        ["fractional count"] = (f => f.Handoff.Add(Execution(Now.AddHours(-1), 5, 0, 0).Replace("\"failedCount\":0", "\"failedCount\":0.5")), PromotionDecision.Hold, [TelemetryRecordInvalid]),
        ["timestamp without offset"] = (f => f.Handoff.Add(Execution(Now.AddHours(-1), 5, 0, 0).Replace("Z\"", "\"")), PromotionDecision.Hold, [TelemetryRecordInvalid]),
        ["line longer than the limit"] = (f => { f.Promotion["maxLineBytes"] = 1024; f.Handoff.Insert(2, "{\"pad\":\"" + new string('x', 2000) + "\"}"); },
            PromotionDecision.Hold, [TelemetryLineTooLong]),

        // 3. backlog
        ["backlog file missing"] = (f => f.Deleted.Add("telemetry/backlog.jsonl"), PromotionDecision.Hold, [BacklogEvidenceMissing]),
        ["no snapshot in the window"] = (f => { f.Backlog.Clear(); f.Backlog.Add(Snapshot(Now.AddDays(-8), 0, 0)); }, PromotionDecision.Hold, [BacklogNoSnapshot]),
        ["backlog 1 + 6"] = (f => f.Backlog.Add(Snapshot(Now.AddHours(-1), 1, 6)), PromotionDecision.Hold, [BacklogExceeded]),
        ["backlog at the limit"] = (f => f.Backlog.Add(Snapshot(Now.AddHours(-1), 1, 4)), PromotionDecision.Promote, []),
        ["pending rising 0 → 4"] = (f => { f.Backlog.Clear(); f.Backlog.AddRange(Enumerable.Range(0, 5).Select(i => Snapshot(Now.AddDays(-5 + i), i, 0))); },
            PromotionDecision.Hold, [BacklogRising]),
        ["pending falling"] = (f => { f.Backlog.Clear(); f.Backlog.AddRange(Enumerable.Range(0, 5).Select(i => Snapshot(Now.AddDays(-5 + i), 4 - i, 0))); },
            PromotionDecision.Promote, []),
        ["negative backlog count"] = (f => f.Backlog.Add(Snapshot(Now.AddHours(-1), -3, 0)), PromotionDecision.Hold, [TelemetryRecordInvalid]),

        // 4. safety
        ["safety file missing"] = (f => f.Deleted.Add("safety.json"), PromotionDecision.Hold, [SafetyEvidenceMissing]),
        ["auto-pause for 3 hours"] = (f => f.Safety["autoPause"] = new JsonObject { ["active"] = true, ["since"] = Iso(Now.AddHours(-3)) },
            PromotionDecision.Hold, [SafetyAutoPauseSustained]),
        ["auto-pause without a start"] = (f => f.Safety["autoPause"] = new JsonObject { ["active"] = true }, PromotionDecision.Hold, [SafetyAutoPauseSustained]),
        ["auto-pause for 10 minutes"] = (f => f.Safety["autoPause"] = new JsonObject { ["active"] = true, ["since"] = Iso(Now.AddMinutes(-10)) },
            PromotionDecision.Promote, []),
        ["auto-pause during an active incident"] = (f => { f.Safety["autoPause"] = new JsonObject { ["active"] = true, ["since"] = Iso(Now.AddHours(-3)) }; f.Safety["incident"] = new JsonObject { ["active"] = true }; },
            PromotionDecision.Promote, []),
        ["suppression on an unknown path"] = (f => f.Safety["suppressions"]![0]!["path"] = "vibes", PromotionDecision.Hold, [SafetySuppressionUnexplained]),
        ["suppression without a reason"] = (f => f.Safety["suppressions"]![0]!.AsObject().Remove("reason"), PromotionDecision.Hold, [SafetySuppressionUnexplained]),
        ["suppression without an expiry"] = (f => f.Safety["suppressions"]![0]!.AsObject().Remove("expiresAt"), PromotionDecision.Hold, [SafetySuppressionUnexplained]),
        ["suppression expiry not ISO-8601"] = (f => f.Safety["suppressions"]![0]!["expiresAt"] = "next week", PromotionDecision.Hold, [SafetySuppressionDateInvalid]),
        ["suppression creation time not ISO-8601"] = (f => f.Safety["suppressions"]![0]!["createdAt"] = "2026-11-20", PromotionDecision.Hold, [SafetySuppressionDateInvalid]),
        // 6. the runbook's suppression audit trail: who, when, scope, what, why (with the ticket), until.
        ["runbook audit trail: suppression without an owner"] = (f => f.Safety["suppressions"]![0]!.AsObject().Remove("owner"), PromotionDecision.Hold, [SafetySuppressionUnexplained]),
        ["runbook audit trail: suppression without a time"] = (f => f.Safety["suppressions"]![0]!.AsObject().Remove("createdAt"), PromotionDecision.Hold, [SafetySuppressionUnexplained]),
        ["runbook audit trail: suppression without a scope"] = (f => f.Safety["suppressions"]![0]!["scope"] = "", PromotionDecision.Hold, [SafetySuppressionUnexplained]),
        ["runbook audit trail: suppression without a ticket"] = (f => f.Safety["suppressions"]![0]!.AsObject().Remove("approvalRef"), PromotionDecision.Hold, [SafetySuppressionUnexplained]),
        ["runbook vocabulary: policyGated is the policy path"] = (f => f.Safety["suppressions"]![0]!["path"] = "policyGated", PromotionDecision.Promote, []),
        ["runbook vocabulary: rolloutGated is the rollout path"] = (f => f.Safety["suppressions"]![0]!["path"] = "rolloutGated", PromotionDecision.Promote, []),
        ["runbook vocabulary: governanceGated is the governance path"] = (f => f.Safety["suppressions"]![0]!["path"] = "governanceGated", PromotionDecision.Promote, []),
        ["runbook vocabulary: transportGated is the transport path"] = (f => f.Safety["suppressions"]![0]!["path"] = "transportGated", PromotionDecision.Promote, []),
        ["suppression expired"] = (f => f.Safety["suppressions"]![0]!["expiresAt"] = "2026-11-23T11:59:59Z", PromotionDecision.Hold, [SafetySuppressionExpired]),
        ["safety file not JSON"] = (f => f.Safety["suppressions"] = "not a list", PromotionDecision.Hold, [EvidenceMalformed]),

        // 5. drills
        ["drills file missing"] = (f => f.Deleted.Add("drills.json"), PromotionDecision.Hold, [DrillsEvidenceMissing]),
        ["a required drill absent"] = (f => f.Drills.RemoveAt(1), PromotionDecision.Hold, [DrillMissing]),
        ["duplicate drill ids"] = (f => f.Drills.Add(new JsonObject { ["id"] = "kill_switch", ["status"] = "fail", ["completedAt"] = "2026-11-22T11:00:00Z" }),
            PromotionDecision.Hold, [DrillDuplicate]),
        ["drill failed"] = (f => f.Drills[0]!["status"] = "fail", PromotionDecision.Hold, [DrillNotPassed]),
        ["drill before the candidate"] = (f => f.Drills[2]!["completedAt"] = "2026-11-20T23:00:00Z", PromotionDecision.Hold, [DrillStale]),
        ["drill before the candidate by its offset"] = (f => f.Drills[2]!["completedAt"] = "2026-11-21T01:00:00+02:00", PromotionDecision.Hold, [DrillStale]),
        ["drill date not ISO-8601"] = (f => f.Drills[2]!["completedAt"] = "yesterday", PromotionDecision.Hold, [DrillDateInvalid]),
        ["drills path outside the root"] = (f => f.Promotion["drills"]!["path"] = "../drills.json", PromotionDecision.Hold, [PathOutsideRoot]),

        // 3. evidence dated after the evaluation time is excluded in every sub-gate, and counted
        ["a drill completed after the evaluation time is not evidence"] = (f => f.Drills[1]!["completedAt"] = "2026-11-23T12:00:01Z", PromotionDecision.Hold, [DrillMissing, EvidenceAfterEvaluation]),
        ["a later duplicate drill record is excluded, not ambiguous"] = (f => f.Drills.Add(new JsonObject { ["id"] = "kill_switch", ["status"] = "fail", ["completedAt"] = "2026-11-24T00:00:00Z" }),
            PromotionDecision.Promote, [EvidenceAfterEvaluation]),
        ["telemetry after the evaluation time is excluded"] = (f => f.Handoff.AddRange(Enumerable.Range(1, 20).Select(i => Execution(Now.AddHours(i), 5, 5, 0))),
            PromotionDecision.Promote, [EvidenceAfterEvaluation]),
        ["a backlog snapshot after the evaluation time is excluded"] = (f => f.Backlog.Add(Snapshot(Now.AddMinutes(1), 9, 9)), PromotionDecision.Promote, [EvidenceAfterEvaluation]),
        ["governance changed after the evaluation time"] = (f => f.Governance["changedAt"] = "2026-11-23T12:30:00Z", PromotionDecision.Hold, [GovernanceChangedAfterEvaluation, EvidenceAfterEvaluation]),
        ["an auto-pause that began after the evaluation time"] = (f => f.Safety["autoPause"] = new JsonObject { ["active"] = true, ["since"] = Iso(Now.AddHours(3)) },
            PromotionDecision.Promote, [EvidenceAfterEvaluation]),
        ["a suppression made after the evaluation time"] = (f => f.Safety["suppressions"]!.AsArray().Add(new JsonObject { ["id"] = "later", ["createdAt"] = Iso(Now.AddDays(1)) }),
            PromotionDecision.Promote, [EvidenceAfterEvaluation]),

        // 5. sustained means sustained: 3 consecutive rises by default (runbook: "no sustained upward trend")
        ["runbook backlog trend: one uptick at the end (1,1,1,1,2) never holds"] = (f => Pending(f, 1, 1, 1, 1, 2), PromotionDecision.Promote, []),
        ["runbook backlog trend: two rises (0,1,2) do not hold"] = (f => Pending(f, 0, 1, 2), PromotionDecision.Promote, []),
        ["runbook backlog trend: three rises (0,1,2,3) hold"] = (f => Pending(f, 0, 1, 2, 3), PromotionDecision.Hold, [BacklogRising]),
        ["runbook backlog trend: a flat step ends a run of rises (0,1,2,2,3,4)"] = (f => Pending(f, 0, 1, 2, 2, 3, 4), PromotionDecision.Promote, []),
        ["runbook backlog trend: a dip ends a run of rises (0,1,2,1,2,3)"] = (f => Pending(f, 0, 1, 2, 1, 2, 3), PromotionDecision.Promote, []),
        ["runbook backlog trend: three rises then a fall still held (0,1,2,3,0)"] = (f => Pending(f, 0, 1, 2, 3, 0), PromotionDecision.Hold, [BacklogRising]),
        ["runbook backlog trend: rises read in time order, not file order"] = (f => { Pending(f, 0, 1, 2, 3); f.Backlog.Reverse(); }, PromotionDecision.Hold, [BacklogRising]),
        ["backlog trend: sustainedRises 2 holds on two rises"] = (f => { f.Promotion["backlog"]!["sustainedRises"] = 2; Pending(f, 0, 1, 2); }, PromotionDecision.Hold, [BacklogRising]),
        ["backlog trend: sustainedRises 2 never holds on one uptick"] = (f => { f.Promotion["backlog"]!["sustainedRises"] = 2; Pending(f, 1, 1, 1, 1, 2); }, PromotionDecision.Promote, []),

        // decisions and order
        ["missing evidence with skip mode"] = (f => { f.Deleted.Add("drills.json"); f.Promotion["skipOnMissingEvidence"] = true; }, PromotionDecision.Skipped, [DrillsEvidenceMissing]),
        ["all evidence missing with skip mode"] = (f => { f.Deleted.UnionWith(["policy.json", "telemetry/handoff.jsonl", "telemetry/backlog.jsonl", "safety.json", "drills.json"]); f.Promotion["skipOnMissingEvidence"] = true; },
            PromotionDecision.Skipped, [GovernanceEvidenceMissing, ReliabilityEvidenceMissing, BacklogEvidenceMissing, SafetyEvidenceMissing, DrillsEvidenceMissing]),
        // 1. runbook "skipped": only when evidence is missing and nothing evaluated failed; a failure always holds.
        ["skip mode never hides a failure: failure rate 0.6 and no backlog file"] = (f => {
                f.Promotion["skipOnMissingEvidence"] = true; f.Deleted.Add("telemetry/backlog.jsonl");
                f.Handoff.AddRange(Enumerable.Range(0, 20).Select(i => Execution(Now.AddHours(-20 + i), 5, 0, 3)));
            }, PromotionDecision.Hold, [ReliabilityFailureRateExceeded, BacklogEvidenceMissing]),
        ["skip mode never hides a failure: expired governance and no drills file"] = (f => {
                f.Promotion["skipOnMissingEvidence"] = true; f.Deleted.Add("drills.json"); f.Governance["reviewBy"] = "2026-11-22T00:00:00Z";
            }, PromotionDecision.Hold, [GovernanceReviewExpired, DrillsEvidenceMissing]),
        ["skip mode never hides malformed evidence"] = (f => { f.Promotion["skipOnMissingEvidence"] = true; f.Deleted.Add("drills.json"); f.Safety["suppressions"] = "x"; },
            PromotionDecision.Hold, [EvidenceMalformed, DrillsEvidenceMissing]),
        ["failures in priority order"] = (f => { f.Drills.RemoveAt(0); f.Backlog.Add(Snapshot(Now.AddHours(-1), 1, 9)); f.Governance["reviewBy"] = "2026-11-01T06:00:00Z"; },
            PromotionDecision.Hold, [GovernanceReviewExpired, BacklogExceeded, DrillMissing]),
    };

    /// <summary>Backlog snapshots a day apart ending an hour ago, with these pending counts and nothing manual-only.</summary>
    private static void Pending(PromotionFixture f, params int[] pending)
    {
        f.Backlog.Clear();
        f.Backlog.AddRange(pending.Select((p, i) => Snapshot(Now.AddHours(-1).AddDays(i - pending.Length + 1), p, 0)));
    }

    public static TheoryData<string> Names => new(Scenarios.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Scenario(string name)
    {
        var (change, decision, codes) = Scenarios[name];
        using var fixture = new PromotionFixture();
        change(fixture);
        var result = fixture.Run();

        var gate = Assert.Single(result.Gates);
        Assert.Equal(decision, gate.Promotion!.Decision);
        Assert.Equal(codes, gate.ReasonCodes);
        // The verdict lists the failures (P0) in sub-gate order; notes are not reasons to hold.
        Assert.Equal(decision == PromotionDecision.Promote ? [] : codes.Where(c => c != EvidenceAfterEvaluation && c != TelemetryLineTorn), gate.Promotion.ReasonCodes);
        SchemaAssert.ValidResult(CanonicalJson.Serialize(result, ResultJsonContext.Default.RunResult));
    }

    [Fact]
    public void Every_reason_code_has_a_scenario()
    {
        var codes = typeof(PromotionCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var covered = Scenarios.Values.SelectMany(s => s.Codes).ToHashSet();
        Assert.Empty(codes.Except(covered).Order());
    }

    [Fact]
    public void A_malformed_line_is_reported_with_its_line_number()
    {
        using var fixture = new PromotionFixture();
        fixture.Handoff.Insert(7, "{\"timestamp\": oops}");
        var finding = Assert.Single(fixture.Run().Gates[0].Findings, f => f.Code == TelemetryLineMalformed);
        Assert.Equal(new Location("telemetry/handoff.jsonl", 8, finding.Location!.Column), finding.Location);
        Assert.Contains("handoff.jsonl:8", finding.Message);
    }

    [Fact]
    public void The_evidence_names_the_window_and_the_numbers()
    {
        using var fixture = new PromotionFixture();
        fixture.Handoff.AddRange(Enumerable.Range(0, 4).Select(i => Execution(Now.AddHours(-4 + i), 10, 1, 2)));
        var gate = fixture.Run().Gates[0];
        // The last 20 autonomous runs: 16 clean ones of 5 attempts and 4 of 10 with 1 ambiguous and 2 failed.
        Assert.Equal(20, gate.Metrics["reliability_runs"]);
        Assert.Equal(29, gate.Metrics["reliability_records_in_window"]);
        Assert.Equal(16 * 5 + 40, gate.Metrics["reliability_attempted"]);
        Assert.Equal(4.0 / 120, gate.Metrics["reliability_ambiguity_rate"], 12);
        Assert.Equal(8.0 / 120, gate.Metrics["reliability_failure_rate"], 12);
        Assert.Equal(8, gate.Metrics["reliability_failed"]);
        Assert.Equal(0, gate.Metrics["reliability_gate_failed"]);
        Assert.Equal(2, gate.Metrics["backlog_current"]);
        Assert.Equal(7, gate.Metrics["window_days"]);
        Assert.Equal(Now.AddDays(-7).ToUnixTimeSeconds(), gate.Metrics["window_start_epoch_s"]);
        Assert.Contains(gate.Thresholds, t => t.Key == "promotion.reliability.max_ambiguity_rate" && t.Value == 0.2);
        Assert.Equal(["drills.json", "policy.json", "safety.json", "telemetry/backlog.jsonl", "telemetry/handoff.jsonl"], gate.Inputs.Select(i => i.Path));
        var handoff = gate.Inputs.Single(i => i.Path == "telemetry/handoff.jsonl");
        var bytes = File.ReadAllBytes(fixture.Folder.Combine("telemetry/handoff.jsonl"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), handoff.Sha256);
        Assert.Equal(bytes.LongLength, handoff.Size);
    }
}
