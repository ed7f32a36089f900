using System.Diagnostics;
using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// The run record as an operator following the runbooks relies on it: approvals rest on the run as recorded,
/// repetitions are the same everything, the index says what the process returned, the failed-run queue is
/// complete, and the working tree is recorded. Real runs of the quickstart sample, through the real tool.
/// </summary>
public sealed class RunRecordTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public RunRecordTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    private ProcessResult Gatekit(params string[] args) => GateKitProcess.Run(_sample, args);

    private string State(params string[] parts) => Path.Combine([_sample, ".gatekit", .. parts]);

    private (string Id, JsonElement Result) Run(params string[] extra)
    {
        var run = Gatekit(["run", "--format", "json", .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.StdErr);
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        return (result.GetProperty("runId").GetString()!, result);
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        // Operations runbook, "Anti-Patterns": modifying historical run artifacts.
        { "result.json", "decide" }, { "result.json", "signoff" }, { "result.json", "handoff" },
        { "summary.md", "decide" }, { "summary.md", "signoff" }, { "summary.md", "handoff" },
        { "report.html", "decide" }, { "deleted result.json", "signoff" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void A_run_modified_after_it_ran_is_refused_by_decide_signoff_and_handoff_and_nothing_is_written(string tampering, string command)
    {
        var (id, _) = Run("--profile", "prod"); // a failing run
        var folder = State("runs", id);
        var file = tampering.Replace("deleted ", "", StringComparison.Ordinal);
        if (tampering.StartsWith("deleted ", StringComparison.Ordinal)) File.Delete(Path.Combine(folder, file));
        else if (file == "result.json")
            File.WriteAllText(Path.Combine(folder, file), File.ReadAllText(Path.Combine(folder, file))
                .Replace("\"no-go\"", "\"go\"", StringComparison.Ordinal).Replace("\"fail\"", "\"pass\"", StringComparison.Ordinal));
        else File.AppendAllText(Path.Combine(folder, file), "\nall green\n");

        string[] args = command switch
        {
            "decide" => ["decide", "--run", id, "--approve", "--by", "alice", "--rationale", "looks good"],
            "signoff" => ["signoff", "--run", id],
            _ => ["handoff", "--run", id],
        };
        var refused = Gatekit(args);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"run {id} was modified after it ran", refused.StdErr);
        Assert.Contains($"  {file}: sha256 now ", refused.StdErr);
        Assert.Equal("", refused.StdOut);
        Assert.False(Directory.Exists(State("decisions")));
        Assert.False(Directory.Exists(State("handoff")));
    }

    [Fact]
    public void A_run_missing_from_the_index_cannot_be_verified_and_is_refused()
    {
        var (id, _) = Run();
        File.Delete(State("index.jsonl"));
        var refused = Gatekit("signoff", "--run", id);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot be verified: it is not in the run index", refused.StdErr);
    }

    public static TheoryData<string[], string> NotRepetitions => new()
    {
        { ["--profile", "prod"], "profile: dev vs prod" },
        { ["--set", "quality.latency_p95=1250"], "overrides: (none) vs --set quality.latency_p95=1250" },
        { ["--gate", "quality"], "gates: release, quality vs quality" },
        { ["--tag", "v1.4.0-rc"], "tag: v1.4.0 vs v1.4.0-rc" },
    };

    /// <summary>Operations runbook, "Decision Policy": inconsistent outcome across repeated runs blocks approval — repeated means the same everything.</summary>
    [Theory]
    [MemberData(nameof(NotRepetitions))]
    public void Runs_that_differ_in_gates_profile_overrides_or_tag_are_not_repetitions(string[] second, string difference)
    {
        var (first, _) = Run();
        var (other, _) = Run(second);
        var compare = Gatekit("runs", "compare", first, other);
        Assert.Contains("not repetitions of each other; they differ in:", compare.StdOut);
        Assert.Contains(difference, compare.StdOut);
        Assert.DoesNotContain("INCONSISTENT", compare.StdOut);

        var approve = Gatekit("decide", "--run", first, "--approve", "--by", "alice", "--rationale", "latency warn accepted");
        Assert.True(approve.ExitCode == 0, approve.StdErr);
    }

    [Fact]
    public void Runs_compare_says_when_two_runs_are_repetitions()
    {
        var (first, _) = Run();
        var (second, _) = Run();
        Assert.Contains("repeated runs: same config, inputs, gates, profile, overrides and tag", Gatekit("runs", "compare", first, second).StdOut);
    }

    public static TheoryData<string[], int> ExitCases => new()
    {
        { [], 0 },                                   // go-with-conditions
        { ["--fail-on", "warn"], 1 },                // go-with-conditions with --fail-on warn
        { ["--profile", "prod"], 1 },                // no-go
        { ["--profile", "prod", "--fail-on", "warn"], 1 },
        { ["--set", "quality.latency_p95=5000", "--set", "quality.mean_score=0,1", "--fail-on", "warn"], 0 }, // go
    };

    /// <summary>One decision, one exit code: the console, result.json, summary.md, index.jsonl and runs list agree.</summary>
    [Theory]
    [MemberData(nameof(ExitCases))]
    public void The_index_and_runs_list_record_the_exit_code_the_process_returned(string[] options, int exit)
    {
        var run = Gatekit(["run", .. options]);
        Assert.True(run.ExitCode == exit, run.StdErr + run.StdOut);
        var id = File.ReadAllText(State("latest")).Trim();
        var result = JsonDocument.Parse(File.ReadAllBytes(State("runs", id, "result.json"))).RootElement;
        var decision = result.GetProperty("decision").GetString()!;
        var banner = decision switch { "go" => "GO", "go-with-conditions" => "GO WITH CONDITIONS", _ => "NO-GO" };
        Assert.StartsWith(banner + "  run " + id, run.StdOut);
        Assert.Contains(banner, File.ReadLines(State("runs", id, "summary.md")).First());

        var entry = JsonDocument.Parse(File.ReadLines(State("index.jsonl")).Last()).RootElement;
        Assert.Equal((id, decision, exit), (entry.GetProperty("runId").GetString(), entry.GetProperty("decision").GetString(), entry.GetProperty("exitCode").GetInt32()));
        var listed = Assert.Single(JsonDocument.Parse(Gatekit("runs", "list", "--format", "json").StdOut).RootElement.EnumerateArray());
        Assert.Equal((decision, exit, "present"), (listed.GetProperty("decision").GetString(), listed.GetProperty("exitCode").GetInt32(), listed.GetProperty("folder").GetString()));
        Assert.Contains($"{id}  {decision}", Gatekit("runs", "list").StdOut);
        Assert.Contains($"exit {exit}", Gatekit("runs", "list").StdOut);
    }

    [Fact]
    public void A_run_refused_for_an_invalid_config_is_queued_with_its_reason_and_shown_in_the_next_summary()
    {
        var config = Path.Combine(_sample, "gatekit.json");
        var valid = File.ReadAllText(config);
        File.WriteAllText(config, valid.Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"unknownSetting\": true,", StringComparison.Ordinal));
        var refused = Gatekit("run");
        Assert.Equal(3, refused.ExitCode);

        var failed = Gatekit("runs", "failed").StdOut;
        Assert.Contains("exit 3  (invalid config: ", failed);
        Assert.Contains("unknownSetting", failed);
        Assert.Contains("[refused: no run folder]", failed);
        Assert.Contains("reprocess: gatekit run --config gatekit.json", failed);
        Assert.False(Directory.Exists(State("runs")));

        File.WriteAllText(config, valid);
        var (id, _) = Run();
        var summary = File.ReadAllText(State("runs", id, "summary.md"));
        Assert.Contains("### Failed-run queue", summary);
        Assert.Contains("1 earlier run(s) failed", summary);
        Assert.Contains("`gatekit run --config gatekit.json`", summary);
    }

    [Fact]
    public void The_failed_run_queue_says_when_it_is_empty_and_runs_list_marks_a_run_whose_folder_is_gone()
    {
        var (id, _) = Run();
        var empty = Gatekit("runs", "failed");
        Assert.Equal(0, empty.ExitCode);
        Assert.StartsWith("the failed-run queue is empty", empty.StdOut);
        Assert.Equal("[]", Gatekit("runs", "failed", "--format", "json").StdOut.Trim());

        Directory.Delete(State("runs", id), recursive: true);
        Assert.Contains("[MISSING: run folder gone]", Gatekit("runs", "list").StdOut);
        var listed = Assert.Single(JsonDocument.Parse(Gatekit("runs", "list", "--format", "json").StdOut).RootElement.EnumerateArray());
        Assert.Equal("missing", listed.GetProperty("folder").GetString());
    }

    [Fact]
    public void A_handoff_without_a_decision_record_says_so_and_does_not_recommend_go()
    {
        Run("--set", "quality.latency_p95=5000", "--set", "quality.mean_score=0,1"); // a go run
        var handoff = Gatekit("handoff", "--run", "latest");
        Assert.Equal(0, handoff.ExitCode);
        var index = File.ReadAllText(handoff.StdOut.Trim());
        Assert.Contains("Recommendation: **PENDING DECISION** (no decision recorded; the run itself is go)", index);
        Assert.Contains("## Open items\n\n- No decision record:", index);
        Assert.DoesNotContain("Recommendation: **GO**", index);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_run_records_whether_the_working_tree_was_clean_and_how_many_files_changed(int changed)
    {
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "sample");
        var tracked = new[] { "data/cases.jsonl", "reports/v1.4.0_signoff.md", "gatekit.json" };
        foreach (var file in tracked.Take(changed)) File.AppendAllText(Path.Combine(_sample, file), file.EndsWith(".json", StringComparison.Ordinal) ? " " : "\n");
        File.WriteAllText(Path.Combine(_sample, "untracked.txt"), "not counted");

        var (id, result) = Run();
        var git = result.GetProperty("git");
        Assert.Equal("main", git.GetProperty("ref").GetString());
        Assert.Equal((changed > 0, changed), (git.GetProperty("dirty").GetBoolean(), git.GetProperty("changedFiles").GetInt32()));
        var summary = File.ReadAllText(State("runs", id, "summary.md"));
        Assert.Contains(changed > 0 ? $"**Working tree** ⚠️ dirty ({changed} changed file(s))" : "**Working tree** clean", summary);
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _sample, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }

    [Fact]
    public void Out_naming_a_file_is_worded_by_gatekit_with_the_path_at_fault()
    {
        var file = _temp.Write("state-is-a-file", "x");
        var run = Gatekit("run", "--out", file);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains(file, run.StdErr);
        Assert.Contains("is a file, not a folder", run.StdErr);
        Assert.DoesNotContain(".staging-", run.StdErr);
    }
}
