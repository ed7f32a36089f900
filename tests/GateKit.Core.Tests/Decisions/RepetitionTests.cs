using GateKit.Decisions;
using GateKit.Results;
using GateKit.Runs;
using static GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Decisions;

/// <summary>
/// Operations runbook, "Decision Policy": an inconsistent outcome across repeated runs blocks approval. Runs are
/// repetitions only when config, inputs, gates, profile, --set overrides and tag are all the same.
/// </summary>
public sealed class RepetitionTests
{
    private static readonly RunResult Base = Run("r1", Decision.Go, Gate("quality", GateStatus.Pass));

    public static TheoryData<string, RunResult, string> Variations => new()
    {
        { "config", Base with { RunId = "r2", Config = Support.Runs.Config with { Sha256 = new string('d', 64) } }, "config: a different digest" },
        { "inputs", Base with { RunId = "r2", Gates = [Gate("quality", GateStatus.Pass, inputSha: "b")] }, "inputs: different files or digests" },
        { "gates", Base with { RunId = "r2", Gates = [Gate("quality", GateStatus.Pass), Gate("release", GateStatus.Pass)] }, "gates: quality vs quality, release" },
        { "profile", Base with { RunId = "r2", Profile = "prod" }, "profile: dev vs prod" },
        { "no profile", Base with { RunId = "r2", Profile = null }, "profile: dev vs (none)" },
        { "overrides", Base with { RunId = "r2", Overrides = ["quality.p95=1400"] }, "overrides: (none) vs --set quality.p95=1400" },
        { "tag", Base with { RunId = "r2", Tag = "v2" }, "tag: (none) vs v2" },
    };

    [Theory]
    [MemberData(nameof(Variations))]
    public void Runs_differing_in_any_one_of_them_are_not_repetitions_and_another_outcome_does_not_block_approval(string what, RunResult other, string difference)
    {
        var otherOutcome = other with { Decision = Decision.GoWithConditions, Gates = other.Gates.Select(g => g with { Status = GateStatus.Warn }).ToList() };
        Assert.False(DecisionPolicy.Repetition(Base, otherOutcome), what);
        Assert.Equal(difference, Assert.Single(DecisionPolicy.Differences(Base, otherOutcome)));
        Assert.Empty(DecisionPolicy.ReasonsToReject(Base, [otherOutcome]));

        var comparison = RunComparison.Of(Base, otherOutcome);
        Assert.False(comparison.Repetition);
        Assert.False(comparison.Inconsistent);
    }

    [Fact]
    public void A_repetition_with_another_outcome_blocks_approval_in_the_results_own_words()
    {
        var repeated = Base with { RunId = "r2", Decision = Decision.GoWithConditions, Gates = [Gate("quality", GateStatus.Warn)] };
        Assert.True(DecisionPolicy.Repetition(Base, repeated));
        var reason = Assert.Single(DecisionPolicy.ReasonsToReject(Base, [repeated]));
        Assert.Contains("r1 is quality pass → go, r2 is quality warn → go-with-conditions", reason);
        Assert.DoesNotContain("GoWithConditions", reason);
        Assert.True(RunComparison.Of(Base, repeated).Inconsistent);
    }

    /// <summary>Every decision and status reaches people in the words result.json uses, never as a C# enum name.</summary>
    [Fact]
    public void Every_decision_and_status_is_worded_as_in_result_json()
    {
        foreach (var decision in Enum.GetValues<Decision>())
        {
            var json = System.Text.Json.JsonSerializer.Serialize(decision, GateKit.Output.ResultJsonContext.Default.Decision).Trim('"');
            Assert.Equal(json, decision.Name());
        }
        foreach (var status in Enum.GetValues<GateStatus>())
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(status, GateKit.Output.ResultJsonContext.Default.GateStatus).Trim('"'), status.Name());
    }
}
