using GateKit.Config;
using GateKit.Engine;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Engine;

public sealed class RunEvaluatorTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    private RunResult Run(string conditions, string cases, IReadOnlyList<string>? gates = null, string waivers = "", CancellationToken cancel = default,
        Action<string, CancellationToken>? onGate = null)
    {
        _root.Write("data/cases.jsonl", cases);
        var json = Configs.Quality(conditions, extra: waivers);
        var path = _root.Write("gatekit.json", json);
        var loaded = ConfigLoader.Load(path);
        var request = new RunOptions(path, gates ?? [], null, [], null, null, true, new ToolInfo("gatekit", "0.0.0-test")) { OnGateStarting = onGate };
        var prepared = new PreparedRun(request, loaded, RunEvaluator.SelectGates(loaded.Config, request.Gates), new FixedClock(Configs.Now), null, [], null);
        var result = RunEvaluator.Evaluate(prepared, cancel);
        // Every result the engine produces must match the published contract.
        SchemaAssert.ValidResult(GateKit.Output.CanonicalJson.Serialize(result, GateKit.Output.ResultJsonContext.Default.RunResult));
        return result;
    }

    private const string Cases = "{\"ok\":true}\n{\"ok\":true}\n";

    [Theory]
    [InlineData(">=", "1", "P0", Decision.Go)]
    [InlineData(">=", "3", "P0", Decision.NoGo)]
    [InlineData(">=", "3", "P1", Decision.GoWithConditions)]
    [InlineData(">=", "3", "P2", Decision.Go)]
    public void The_decision_follows_the_gate_statuses(string op, string threshold, string severity, Decision decision)
    {
        var result = Run($$"""{ "id": "n", "report": "cases", "aggregate": "count", "op": "{{op}}", "threshold": {{threshold}}, "severity": "{{severity}}" }""", Cases);
        Assert.Equal(decision, result.Decision);
        if (decision == Decision.GoWithConditions)
            Assert.Equal(new RunCondition("quality", GateStatus.Warn, ["condition_violated"]), Assert.Single(result.Conditions), new ConditionComparer());
        if (decision == Decision.NoGo) Assert.Contains("condition_violated", result.ReasonCodes);
    }

    [Fact]
    public void The_same_inputs_give_the_same_run_id_and_a_change_gives_another()
    {
        const string condition = """{ "id": "n", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 1, "severity": "P0" }""";
        var first = Run(condition, Cases);
        var second = Run(condition, Cases);
        var changed = Run(condition, Cases + "{\"ok\":false}\n");
        Assert.Equal(first.RunId, second.RunId);
        Assert.NotEqual(first.RunId, changed.RunId);
        Assert.Matches(@"^20261123T120000000Z-[0-9a-f]{8}$", first.RunId);
    }

    [Fact]
    public void Waivers_are_applied_through_the_engine()
    {
        var result = Run("""{ "id": "n", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 5, "severity": "P1" }""", Cases,
            waivers: """ "waivers": [ { "id": "W", "gate": "quality", "subject": "n", "owner": "bob", "reason": "r", "expires": "2027-01-01" } ], """);
        Assert.Equal(Decision.Go, result.Decision);
        Assert.True(Assert.Single(result.Gates[0].Findings).IsWaived);
        Assert.Empty(result.Gates[0].ReasonCodes);
    }

    [Fact]
    public void A_gate_that_throws_is_an_error_and_the_run_is_no_go()
    {
        var result = Run("""{ "id": "n", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 1, "severity": "P0" }""", Cases,
            onGate: (_, _) => throw new InvalidDataException("disk on fire"));
        var gate = Assert.Single(result.Gates);
        Assert.Equal(GateStatus.Error, gate.Status);
        Assert.Contains("disk on fire", gate.Findings[0].Message);
        Assert.Equal(Decision.NoGo, result.Decision);
        Assert.Equal(ExitCodes.Runtime, ExitCodes.ForRun(result, FailOn.Fail));
    }

    [Fact]
    public void Cancellation_ends_the_run_marked_interrupted_and_never_go()
    {
        using var cancel = new CancellationTokenSource();
        var result = Run("""{ "id": "n", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 1, "severity": "P0" }""", Cases,
            cancel: cancel.Token, onGate: (_, _) => cancel.Cancel());
        Assert.True(result.Interrupted);
        Assert.Empty(result.Gates);
        Assert.Equal(Decision.NoGo, result.Decision);
        Assert.Equal(["interrupted", "nothing_evaluated"], result.ReasonCodes);
        Assert.Equal(ExitCodes.Interrupted, ExitCodes.ForRun(result, FailOn.Fail));
    }

    [Theory]
    [InlineData("nope", "unknown gate 'nope'")]
    [InlineData("release", "not configured")]
    public void Selecting_a_gate_that_cannot_run_is_a_usage_error(string gate, string message)
    {
        var e = Assert.Throws<UsageException>(() => Run("""{ "id": "n", "report": "cases", "aggregate": "count", "op": ">=", "threshold": 1, "severity": "P0" }""", Cases, gates: [gate]));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData(Decision.Go, FailOn.Fail, 0)]
    [InlineData(Decision.GoWithConditions, FailOn.Fail, 0)]
    [InlineData(Decision.GoWithConditions, FailOn.Warn, 1)]
    [InlineData(Decision.NoGo, FailOn.Fail, 1)]
    public void Exit_codes_follow_the_decision(Decision decision, FailOn failOn, int code)
    {
        var result = new RunResult(1, new ToolInfo("gatekit", "0"), "id", "t", "t", null, null, null, false, false, decision, [], [], [], new InputDigest("gatekit.json", new string('0', 64), 1));
        Assert.Equal(code, ExitCodes.ForRun(result, failOn));
    }

    private sealed class ConditionComparer : IEqualityComparer<RunCondition>
    {
        public bool Equals(RunCondition? x, RunCondition? y) => x!.Gate == y!.Gate && x.Status == y.Status && x.ReasonCodes.SequenceEqual(y.ReasonCodes);
        public int GetHashCode(RunCondition obj) => obj.Gate.GetHashCode();
    }
}
