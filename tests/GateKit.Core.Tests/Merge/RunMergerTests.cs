using System.Text;
using CsCheck;
using GateKit.Config;
using GateKit.Merge;
using GateKit.Output;
using GateKit.Results;
using GateKit.Tests.Support;
using TestRuns = GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Merge;

/// <summary>gatekit merge's core: one verdict from many legs, missing and errored legs as findings, bad inputs as invalid input.</summary>
public sealed class RunMergerTests
{
    private static readonly ToolInfo Tool = new("gatekit", "0.1.0");

    private static RunResult Leg(string id, GateStatus status, bool interrupted = false)
    {
        var findings = status is GateStatus.Pass or GateStatus.Skipped ? [] : new List<Finding> { new("c_" + status.Name(), status == GateStatus.Warn ? Priority.P1 : Priority.P0, "m") };
        var decision = status switch
        {
            GateStatus.Pass => Decision.Go,
            GateStatus.Warn or GateStatus.Partial or GateStatus.Skipped => Decision.GoWithConditions,
            _ => Decision.NoGo,
        };
        return TestRuns.Run(id, interrupted ? Decision.NoGo : decision, TestRuns.Gate("quality", status, findings)) with { Interrupted = interrupted };
    }

    private static MergeInput Input(string leg, RunResult run) =>
        new(leg, $"legs/{leg}/result.json", CanonicalJson.Serialize(run, ResultJsonContext.Default.RunResult));

    private static MergeOutcome Merge(IReadOnlyList<MergeInput> inputs, IReadOnlyList<string>? legs = null, int? count = null) =>
        RunMerger.Merge(inputs, legs ?? [], count, Tool);

    public static TheoryData<GateStatus[], Decision, string[]> Verdicts => new()
    {
        { [GateStatus.Pass, GateStatus.Pass], Decision.Go, [] },
        { [GateStatus.Pass, GateStatus.Warn], Decision.GoWithConditions, ["c_warn"] },
        { [GateStatus.Pass, GateStatus.Skipped], Decision.GoWithConditions, [] },
        { [GateStatus.Warn, GateStatus.Fail], Decision.NoGo, ["c_fail"] },
        { [GateStatus.Pass, GateStatus.Error], Decision.NoGo, ["c_error", MergeCodes.LegErrored] },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void The_verdict_is_the_worst_of_the_legs_and_an_errored_leg_is_a_finding(GateStatus[] statuses, Decision expected, string[] reasons)
    {
        var merged = Merge(statuses.Select((s, i) => Input("leg" + i, Leg("run" + i, s))).ToList());
        Assert.Equal(expected, merged.Result.Decision);
        Assert.Equal(reasons, merged.Result.ReasonCodes);
        Assert.Equal(statuses.Select((_, i) => $"leg{i}/quality").Append(RunMerger.MergeGate), merged.Result.Gates.Select(g => g.Name));
        Assert.Equal(expected == Decision.NoGo ? 1 : 0, RunMerger.ExitCode(merged.Result, FailOn.Fail));
    }

    [Fact]
    public void An_interrupted_leg_is_an_errored_leg()
    {
        var merged = Merge([Input("a", Leg("ra", GateStatus.Pass)), Input("b", Leg("rb", GateStatus.Pass, interrupted: true))]);
        Assert.Equal(Decision.NoGo, merged.Result.Decision);
        var finding = Assert.Single(merged.Result.Gates[^1].Findings);
        Assert.Equal(MergeCodes.LegErrored, finding.Code);
        Assert.Contains("leg 'b' (run rb) was interrupted", finding.Message);
        Assert.True(merged.Record.Sources[1].Errored);
    }

    [Theory]
    [InlineData("a,b", "a,b,c", null, "leg_missing", "c")]
    [InlineData("a,b,d", "a,b,c", null, "leg_missing,leg_unexpected", "c")]
    [InlineData("a,b", "", 3, "leg_missing", "")]
    [InlineData("a,b,c,d", "", 3, "leg_unexpected", "")]
    [InlineData("a,b,c", "a,b,c", 3, "", "")]
    [InlineData("a", "", null, "", "")]
    public void A_missing_or_unexpected_leg_is_a_finding_never_a_silent_pass(string given, string expected, int? count, string codes, string missing)
    {
        var legs = given.Split(',');
        var expectedLegs = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var merged = Merge(legs.Select(l => Input(l, Leg("run-" + l, GateStatus.Pass))).ToList(), expectedLegs, count);
        var found = merged.Result.Gates[^1].Findings.Select(f => f.Code).Distinct().Order().ToList();
        Assert.Equal(codes.Split(',', StringSplitOptions.RemoveEmptyEntries), found);
        Assert.Equal(found.Count == 0 ? Decision.Go : Decision.NoGo, merged.Result.Decision);
        Assert.Equal(missing.Split(',', StringSplitOptions.RemoveEmptyEntries), merged.Record.MissingLegs);
    }

    [Fact]
    public void The_record_holds_each_source_run_id_and_digest_and_both_documents_follow_their_schemas()
    {
        var a = Input("linux", Leg("run-linux", GateStatus.Pass));
        var b = Input("windows", Leg("run-windows", GateStatus.Warn));
        var merged = Merge([a, b], ["linux", "windows"]);
        Assert.Equal(["run-linux", "run-windows"], merged.Record.Sources.Select(s => s.RunId));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.Bytes)), merged.Record.Sources[0].Sha256);
        Assert.Equal(a.Bytes.Length, merged.Record.Sources[0].Size);
        Assert.Equal(merged.Record.Sources.Select(s => s.Sha256), merged.Result.Gates[^1].Inputs.Select(i => i.Sha256));
        Assert.Equal(2, merged.Record.ExpectedCount);
        var result = CanonicalJson.Serialize(merged.Result, ResultJsonContext.Default.RunResult);
        SchemaAssert.ValidResult(result);
        var record = CanonicalJson.Serialize(merged.Record, MergeJsonContext.Default.MergeRecord);
        SchemaAssert.Valid(SchemaAssert.MergeSchema, Encoding.UTF8.GetString(record));
        // Deterministic: the same inputs give the same bytes and run id.
        var again = Merge([a, b], ["linux", "windows"]);
        Assert.Equal(result, CanonicalJson.Serialize(again.Result, ResultJsonContext.Default.RunResult));
        Assert.Equal(record, CanonicalJson.Serialize(again.Record, MergeJsonContext.Default.MergeRecord));
        Assert.NotEqual(merged.Result.RunId, Merge([a, b]).Result.RunId);
    }

    [Fact]
    public void A_merge_record_with_an_extra_property_or_a_bad_digest_fails_the_schema()
    {
        var merged = Merge([Input("a", Leg("ra", GateStatus.Pass))]);
        var json = Encoding.UTF8.GetString(CanonicalJson.Serialize(merged.Record, MergeJsonContext.Default.MergeRecord));
        Assert.NotEmpty(SchemaAssert.Errors(SchemaAssert.MergeSchema, json.Replace("\"decision\":", "\"extra\":1,\"decision\":", StringComparison.Ordinal)));
        Assert.NotEmpty(SchemaAssert.Errors(SchemaAssert.MergeSchema, json.Replace(merged.Record.Sources[0].Sha256, "ABC", StringComparison.Ordinal)));
    }

    public static TheoryData<string, string> Duplicates => new()
    {
        { "same bytes", "the same bytes as legs/a/result.json" },
        { "same run id", "the same run id (ra) as legs/a/result.json" },
        { "same leg", "the same leg name ('a') as legs/a/result.json" },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void A_duplicate_input_is_invalid_input_naming_both_files(string kind, string message)
    {
        var first = Input("a", Leg("ra", GateStatus.Pass));
        var second = kind switch
        {
            "same bytes" => first with { Leg = "b", Path = "legs/b/result.json" },
            "same run id" => Input("b", Leg("ra", GateStatus.Warn)),
            _ => Input("a", Leg("rb", GateStatus.Pass)) with { Path = "other/result.json" },
        };
        var e = Assert.Throws<ConfigException>(() => Merge([first, second]));
        var error = Assert.Single(e.Errors);
        Assert.Equal(second.Path, error.File);
        Assert.Contains(message, error.Problem);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("not json", 1)]
    [InlineData("{\"schemaVersion\": 1}", null)]
    [InlineData("[1, 2]", 1)]
    [InlineData("{\"a\": 1, \"a\": 2}", null)]
    [InlineData("\uFEFF{", null)]
    public void A_malformed_input_is_invalid_input_naming_the_file(string text, int? line)
    {
        var e = Assert.Throws<ConfigException>(() => Merge([Input("a", Leg("ra", GateStatus.Pass)), new MergeInput("b", "legs/b/result.json", Encoding.UTF8.GetBytes(text))]));
        var error = Assert.Single(e.Errors);
        Assert.Equal("legs/b/result.json", error.File);
        if (line is not null) Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Whatever_the_legs_a_missing_or_errored_leg_never_gives_go()
    {
        var statuses = Gen.OneOfConst(GateStatus.Pass, GateStatus.Warn, GateStatus.Skipped, GateStatus.Fail, GateStatus.Error);
        Gen.Select(statuses.Array[1, 6], Gen.Int[0, 3], Gen.Bool).Sample((legs, extraExpected, countInstead) =>
        {
            var inputs = legs.Select((s, i) => Input("leg" + i, Leg("run" + i, s))).ToList();
            var names = inputs.Select(x => x.Leg).Concat(Enumerable.Range(0, extraExpected).Select(i => "absent" + i)).ToList();
            var merged = countInstead ? Merge(inputs, [], names.Count) : Merge(inputs, names);
            var bad = extraExpected > 0 || legs.Contains(GateStatus.Error) || legs.Contains(GateStatus.Fail);
            var conditions = legs.Any(s => s is GateStatus.Warn or GateStatus.Skipped);
            var expected = bad ? Decision.NoGo : conditions ? Decision.GoWithConditions : Decision.Go;
            Assert.Equal(expected, merged.Result.Decision);
            Assert.Equal(extraExpected > 0 || legs.Contains(GateStatus.Error), merged.Result.Gates[^1].Status == GateStatus.Fail);
        }, iter: 300);
    }
}
