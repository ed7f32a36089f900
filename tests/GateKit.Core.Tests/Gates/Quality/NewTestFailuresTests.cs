using System.Text.Json;
using GateKit.Engine;
using GateKit.Gates.Quality;
using GateKit.History;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// tests.new_failed through the real run pipeline into a temp state folder: each run records its failed tests in result.json and the
/// history; the next run counts the tests failed now that did not fail then (new, renamed, fixed, none), lists each at its source,
/// and with no comparable earlier run (none, another profile, a cut list) the condition is not applicable - never a pass by default.
/// </summary>
public sealed class NewTestFailuresTests : IDisposable
{
    private readonly TempFolder _root = new();
    private int _runs;

    public void Dispose() => _root.Dispose();

    private static string Config(string condition = """{ "id": "new_failures", "report": "tests", "metric": "tests.new_failed", "op": "<=", "threshold": 0, "severity": "P1" }""") => $$"""
        {
          "schemaVersion": 1,
          "profiles": { "nightly": { "thresholds": { "quality.new_failures": 0 } }, "pr": { "thresholds": { "quality.new_failures": 0 } } },
          "gates": {
            "quality": {
              "reports": [ { "id": "tests", "path": "results/*.xml", "format": "junit" } ],
              "conditions": [ {{condition}} ]
            }
          }
        }
        """;

    /// <summary>Writes a JUnit report of the given tests (failed ones marked with '!') and runs the quality gate, recorded.</summary>
    private RunOutput Run(string tests, string? profile = null, string? config = null)
    {
        _root.Write("gatekit.json", config ?? Config());
        var cases = tests.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((t, i) => t.StartsWith('!')
            ? $"""<testcase classname="Suite" name="{t[1..]}" file="src/Suite.cs" line="{10 + i}"><failure message="{t[1..]} broke"/></testcase>"""
            : $"""<testcase classname="Suite" name="{t}"/>""");
        _root.Write("results/tests.xml", $"<testsuites><testsuite name=\"s\">{string.Concat(cases)}</testsuite></testsuites>");
        return RunPipeline.Execute(new RunOptions(_root.Combine("gatekit.json"), ["quality"], profile, [], null, _root.Combine(".gatekit"), false,
            new ToolInfo("gatekit", "test")), new FixedClock(Configs.Now.AddMinutes(++_runs)), CancellationToken.None);
    }

    private static GateResult Quality(RunOutput output) => Assert.Single(output.Result.Gates);

    public static TheoryData<string, string, string[]> Changes => new()
    {
        { "!A B C", "!A !B C", ["B"] },                 // a new failure beside an old one
        { "!A !B C", "!A B C", [] },                    // B fixed: no new failure
        { "!A B", "A B", [] },                          // all fixed
        { "A B", "!A B", ["A"] },                       // the previous run failed nothing
        { "!A B", "!A_renamed B", ["A_renamed"] },      // a renamed test that still fails is a new name
        { "!A !B C", "!B !C !D E", ["C", "D"] },        // fixed, kept, new and added at once
        { "!A B", "B", [] },                            // the failed test removed
        { "A", "!A !New", ["A", "New"] },               // a test absent before that fails now
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void The_second_run_counts_and_lists_the_tests_that_did_not_fail_in_the_first(string first, string second, string[] expected)
    {
        Run(first);
        var output = Run(second);
        var gate = Quality(output);
        Assert.Equal(expected.Length, gate.Metrics["new_failures"]);
        var listed = gate.Findings.Where(f => f.Code == QualityCodes.TestFailed).ToList();
        Assert.Equal(expected.Select(t => $"Suite.{t}"), listed.Select(f => f.Message.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.All(listed, f => Assert.Equal(("src/Suite.cs", Priority.P1), (f.Location!.File, f.Priority)));
        Assert.Equal(expected.Length == 0, gate.Status == GateStatus.Pass);
        SchemaAssert.ValidResult(output.ResultJson);
    }

    [Fact]
    public void The_first_run_is_not_applicable_and_records_its_failures_in_the_result_and_the_history()
    {
        var output = Run("!B !A C");
        var gate = Quality(output);
        Assert.False(gate.Metrics.ContainsKey("new_failures"));
        var notApplicable = Assert.Single(gate.Findings);
        Assert.Equal((QualityCodes.NotApplicable, Priority.P2), (notApplicable.Code, notApplicable.Priority));
        Assert.Equal(["Suite.A", "Suite.B"], gate.FailedTests!["tests"].Tests);
        Assert.Equal(2, gate.FailedTests["tests"].Count);
        SchemaAssert.ValidResult(output.ResultJson);
        var line = Assert.Single(File.ReadAllLines(new HistoryStore(output.StateDirectory).PathOf("quality")));
        SchemaAssert.ValidHistoryLine(line);
        Assert.Equal("""{"count":2,"tests":["Suite.A","Suite.B"]}""", JsonDocument.Parse(line).RootElement.GetProperty("failedTests").GetProperty("tests").GetRawText());
    }

    [Fact]
    public void A_run_of_another_profile_is_not_compared_with()
    {
        Run("!A B", profile: "nightly");
        var gate = Quality(Run("!A !B", profile: "pr"));
        Assert.Contains(gate.Findings, f => f.Code == QualityCodes.NotApplicable && f.Message.Contains("profile 'pr'"));
        Assert.Equal(2, Quality(Run("!A !B !C", profile: "nightly")).Metrics["new_failures"]);   // B and C, against nightly's A
    }

    [Fact]
    public void A_run_whose_report_was_unusable_is_skipped_for_the_last_one_that_recorded_it()
    {
        Run("!A B");
        _root.Write("gatekit.json", Config());
        _root.Write("results/tests.xml", "<testsuites><testsuite>");
        RunPipeline.Execute(new RunOptions(_root.Combine("gatekit.json"), ["quality"], null, [], null, _root.Combine(".gatekit"), false,
            new ToolInfo("gatekit", "test")), new FixedClock(Configs.Now.AddMinutes(++_runs)), CancellationToken.None);
        Assert.Equal(1, Quality(Run("!A !B")).Metrics["new_failures"]);
    }

    [Fact]
    public void A_previous_run_with_more_failures_than_are_recorded_cannot_tell_new_ones()
    {
        var many = string.Join(' ', Enumerable.Range(0, FailedTestsRecord.MaxTests + 1).Select(i => $"!T{i:D4}"));
        var first = Quality(Run(many)).FailedTests!["tests"];
        Assert.Equal((FailedTestsRecord.MaxTests, FailedTestsRecord.MaxTests + 1), (first.Tests.Count, first.Count));
        var gate = Quality(Run(many + " !Extra"));
        Assert.False(gate.Metrics.ContainsKey("new_failures"));
        Assert.Contains(gate.Findings, f => f.Code == QualityCodes.NotApplicable && f.Message.Contains($"listed {FailedTestsRecord.MaxTests} of its {FailedTestsRecord.MaxTests + 1}"));
    }
}
