using System.Text.Json.Nodes;
using GateKit.Gates.Promotion;
using GateKit.Output;
using GateKit.Results;
using GateKit.Runs;
using GateKit.Tests.Support;
using static GateKit.Gates.Promotion.PromotionCodes;
using static GateKit.Tests.Support.PromotionFixture;

namespace GateKit.Tests.Gates.Promotion;

/// <summary>
/// The verdict over every combination of sub-gate outcomes, and what each verdict makes of the run: one
/// decision and one exit code in result.json, summary.md and the run index (runbook, "Promotion CI Workflow":
/// promote when all gates pass; hold when one fails, non-zero only with --fail-on-hold; skipped when required
/// evidence is missing and skip mode is on).
/// </summary>
public sealed class PromotionVerdictTests
{
    /// <summary>What one sub-gate found.</summary>
    public enum Outcome { Passed, Failed, Missing, WaivedFailure, Noted }

    private static readonly string[] FailureCode = [GovernanceReviewExpired, ReliabilityFailureRateExceeded, BacklogRising, SafetySuppressionExpired, DrillStale];
    private static readonly string[] MissingCode = [GovernanceEvidenceMissing, ReliabilityEvidenceMissing, BacklogEvidenceMissing, SafetyEvidenceMissing, DrillsEvidenceMissing];

    private static IEnumerable<Finding> Findings(int sub, Outcome outcome)
    {
        var name = PromotionSubGates.InOrder[sub];
        return outcome switch
        {
            Outcome.Failed => [new Finding(FailureCode[sub], Priority.P0, "f", null, name)],
            Outcome.Missing => [new Finding(MissingCode[sub], Priority.P0, "m", null, name)],
            Outcome.WaivedFailure => [new Finding(FailureCode[sub], Priority.P0, "w", null, name, new WaiverMark("w1", "o", "r", "CHG-1", "2030-01-01"))],
            Outcome.Noted => [new Finding(TelemetryLineTorn, Priority.P2, "n", null, name)],
            _ => [],
        };
    }

    /// <summary>All 5^5 combinations of sub-gate outcomes, each under skip mode on and off, fail-on-hold on and off.</summary>
    [Fact]
    public void Every_combination_of_sub_gate_outcomes_gets_the_runbook_verdict()
    {
        var outcomes = Enum.GetValues<Outcome>();
        var checkedCases = 0;
        for (var code = 0; code < (int)Math.Pow(outcomes.Length, 5); code++)
        {
            var each = Enumerable.Range(0, 5).Select(i => outcomes[code / (int)Math.Pow(outcomes.Length, i) % outcomes.Length]).ToArray();
            var findings = each.SelectMany((o, i) => Findings(i, o)).ToList();
            foreach (var skip in new[] { false, true })
            foreach (var failOnHold in new[] { false, true })
            {
                var config = PromotionConfigFor(skip, failOnHold);
                var verdict = PromotionVerdict.Of(findings, config, Now, null);
                var failed = Enumerable.Range(0, 5).Where(i => each[i] == Outcome.Failed).ToList();
                var missing = Enumerable.Range(0, 5).Where(i => each[i] == Outcome.Missing).ToList();
                var expected = failed.Count > 0 || (missing.Count > 0 && !skip) ? PromotionDecision.Hold
                    : missing.Count > 0 ? PromotionDecision.Skipped
                    : PromotionDecision.Promote;
                var because = $"{string.Join(",", each)} skip={skip}";
                Assert.True(expected == verdict.Decision, because);
                Assert.Equal(missing.Select(i => PromotionSubGates.InOrder[i]), verdict.MissingEvidence);
                Assert.Equal(expected == PromotionDecision.Hold ? failed.Concat(missing).Order().Select(i => PromotionSubGates.InOrder[i]) : [], verdict.FailedGates);
                // Reason codes: every unwaived failure, missing evidence included, in sub-gate order; never a note or a waived one.
                Assert.Equal(Enumerable.Range(0, 5).Where(i => each[i] is Outcome.Failed or Outcome.Missing)
                    .Select(i => each[i] == Outcome.Failed ? FailureCode[i] : MissingCode[i]), verdict.ReasonCodes);
                Assert.Equal(expected switch
                {
                    PromotionDecision.Promote => GateStatus.Pass,
                    PromotionDecision.Skipped => GateStatus.Skipped,
                    _ => failOnHold ? GateStatus.Fail : GateStatus.Warn,
                }, verdict.Status);
                checkedCases++;
            }
        }
        Assert.Equal(3125 * 4, checkedCases);
    }

    private static PromotionConfig PromotionConfigFor(bool skip, bool failOnHold) => new()
    {
        Policy = new PolicyConfig { Path = "p" },
        Reliability = new ReliabilityConfig { Path = "r" },
        Backlog = new BacklogConfig { Path = "b" },
        Safety = new SafetyConfig { Path = "s" },
        Drills = new DrillsConfig { Path = "d", Required = ["x"] },
        SkipOnMissingEvidence = skip,
        FailOnHold = failOnHold,
    };

    private static readonly Dictionary<string, (Action<PromotionFixture> Change, bool FailOnHold, string Verdict, string Status, Decision Decision, int Exit)> RunCases = new()
    {
        ["promote"] = (_ => { }, false, "promote", "pass", Decision.Go, 0),
        ["promote with fail-on-hold"] = (_ => { }, true, "promote", "pass", Decision.Go, 0),
        ["hold is a condition"] = (f => f.Drills.RemoveAt(0), false, "hold", "warn", Decision.GoWithConditions, 0),
        ["hold with fail-on-hold is no-go"] = (f => f.Drills.RemoveAt(0), true, "hold", "fail", Decision.NoGo, 1),
        ["skipped"] = (f => { f.Deleted.Add("drills.json"); f.Promotion["skipOnMissingEvidence"] = true; }, false, "skipped", "skipped", Decision.GoWithConditions, 0),
        ["skipped with fail-on-hold"] = (f => { f.Deleted.Add("drills.json"); f.Promotion["skipOnMissingEvidence"] = true; }, true, "skipped", "skipped", Decision.GoWithConditions, 0),
        ["missing evidence without skip mode holds"] = (f => f.Deleted.Add("drills.json"), true, "hold", "fail", Decision.NoGo, 1),
        ["skip mode with a failure holds"] = (f => { f.Deleted.Add("drills.json"); f.Promotion["skipOnMissingEvidence"] = true; f.Governance["reviewBy"] = "2026-11-22T00:00:00Z"; },
            true, "hold", "fail", Decision.NoGo, 1),
    };

    public static TheoryData<string> RunNames => new(RunCases.Keys);

    [Theory]
    [MemberData(nameof(RunNames))]
    public void One_verdict_and_one_exit_code_in_result_summary_and_index(string name)
    {
        var (change, failOnHold, verdict, status, decision, exit) = RunCases[name];
        using var f = new PromotionFixture();
        change(f);
        if (failOnHold) f.Promotion["failOnHold"] = true;
        var run = f.Record(Now);

        var result = JsonNode.Parse(File.ReadAllText(run.Stored.ResultPath))!;
        var gate = result["gates"]![0]!;
        Assert.True(verdict == (string?)gate["promotion"]!["decision"], name);
        Assert.Equal(status, (string?)gate["status"]);
        Assert.Equal(decision.Name(), (string?)result["decision"]);
        Assert.Equal(exit, ExitCodes.ForRun(run.Result, FailOn.Fail));
        var entry = Assert.Single(new RunIndex(f.Folder.Combine(".gatekit")).Read());
        Assert.Equal((decision, exit), (entry.Decision, entry.ExitCode));
        var summary = File.ReadAllText(run.Stored.SummaryPath);
        Assert.StartsWith($"## {MarkdownSummaryBanner(decision)}", summary);
        Assert.Contains($"**Decision** `{verdict}`", summary);
        SchemaAssert.ValidResult(File.ReadAllBytes(run.Stored.ResultPath));
    }

    private static string MarkdownSummaryBanner(Decision decision) =>
        MarkdownSummary.Render(GateKit.Tests.Support.Runs.Run("r", decision), new SummaryOptions()).Split('\n')[0][3..];

    [Fact]
    public void The_verdict_records_who_evaluated_and_when()
    {
        using var f = new PromotionFixture();
        var run = f.Record(Now, by: "carol");
        var promotion = run.Result.Gates[0].Promotion!;
        Assert.Equal(("carol", "2026-11-23T12:00:00Z"), (promotion.EvaluatedBy, promotion.EvaluatedAt));
        Assert.Contains("**Evaluated by** carol", File.ReadAllText(run.Stored.SummaryPath));
    }
}
