using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit run, end to end: the real tool on a copy of the quickstart sample.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public RunCommandTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    private JsonElement LatestResult(string? state = null)
    {
        state ??= Path.Combine(_sample, ".gatekit");
        var id = File.ReadAllText(Path.Combine(state, "latest")).Trim();
        var bytes = File.ReadAllBytes(Path.Combine(state, "runs", id, "result.json"));
        SchemaAssert.ValidResult(bytes);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    [Fact]
    public void The_quickstart_sample_is_go_with_conditions()
    {
        var run = GateKitProcess.Run(_sample, "run");
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        Assert.Contains("GO WITH CONDITIONS", run.StdOut);

        var result = LatestResult();
        Assert.Equal("go-with-conditions", result.GetProperty("decision").GetString());
        Assert.Equal("dev", result.GetProperty("profile").GetString());
        var gates = result.GetProperty("gates").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);
        Assert.Equal("pass", gates["release"].GetProperty("status").GetString());
        Assert.Equal("warn", gates["quality"].GetProperty("status").GetString());
        Assert.Contains(gates["quality"].GetProperty("findings").EnumerateArray(),
            f => f.TryGetProperty("waiver", out var w) && w.GetProperty("owner").GetString() == "platform-team");
        Assert.True(File.Exists(Path.Combine(_sample, ".gatekit", "runs", result.GetProperty("runId").GetString()!, "summary.md")));
    }

    [Fact]
    public void The_prod_profile_makes_it_no_go_with_exit_1()
    {
        var run = GateKitProcess.Run(_sample, "run", "--profile", "prod", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal("no-go", result.GetProperty("decision").GetString());
        Assert.Contains("condition_violated", result.GetProperty("reasonCodes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void GATEKIT_PROFILE_selects_the_profile_and_the_option_wins_over_it()
    {
        Assert.Equal(1, GateKitProcess.Run(_sample, new Dictionary<string, string> { ["GATEKIT_PROFILE"] = "prod" }, "run").ExitCode);
        Assert.Equal(0, GateKitProcess.Run(_sample, new Dictionary<string, string> { ["GATEKIT_PROFILE"] = "prod" }, "run", "--profile", "dev").ExitCode);
    }

    [Fact]
    public void Fail_on_warn_turns_go_with_conditions_into_exit_1()
    {
        Assert.Equal(1, GateKitProcess.Run(_sample, "run", "--fail-on", "warn").ExitCode);
    }

    [Fact]
    public void Set_overrides_a_threshold_and_the_result_records_the_source()
    {
        var run = GateKitProcess.Run(_sample, "run", "--set", "quality.latency_p95=1400", "--gate", "quality");
        Assert.Equal(0, run.ExitCode);
        var quality = LatestResult().GetProperty("gates")[0];
        var threshold = quality.GetProperty("thresholds").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "quality.latency_p95");
        Assert.Equal(("override", 1400.0), (threshold.GetProperty("source").GetString(), threshold.GetProperty("value").GetDouble()));
    }

    [Fact]
    public void Deterministic_runs_are_byte_identical_across_folders()
    {
        var copy = Samples.CopyTo(Samples.Quickstart, _temp.Combine("elsewhere/quickstart"));
        // Each copy keeps its state in its own .gatekit, so the summary's relative links match too.
        var a = GateKitProcess.Run(_sample, "run", "--deterministic");
        var b = GateKitProcess.Run(copy, "run", "--deterministic");
        Assert.Equal((0, 0), (a.ExitCode, b.ExitCode));
        var idA = File.ReadAllText(Path.Combine(_sample, ".gatekit/latest")).Trim();
        var idB = File.ReadAllText(Path.Combine(copy, ".gatekit/latest")).Trim();
        Assert.Equal(idA, idB);
        foreach (var file in new[] { "result.json", "summary.md" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(_sample, $".gatekit/runs/{idA}/{file}")), File.ReadAllBytes(Path.Combine(copy, $".gatekit/runs/{idB}/{file}")));
    }

    [Fact]
    public void A_second_run_sees_the_first_in_its_trend_and_history_exports()
    {
        Assert.Equal(0, GateKitProcess.Run(_sample, "run").ExitCode);
        Assert.Equal(0, GateKitProcess.Run(_sample, "run").ExitCode);
        var trend = LatestResult().GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "quality")
            .GetProperty("trends").EnumerateArray().Single(t => t.GetProperty("metric").GetString() == "latency_p95");
        Assert.Equal(2, trend.GetProperty("values").GetArrayLength());
        Assert.Equal(0, trend.GetProperty("delta").GetDouble());

        foreach (var line in File.ReadLines(Path.Combine(_sample, ".gatekit", "history", "quality.jsonl")))
            SchemaAssert.ValidHistoryLine(line);

        var csv = GateKitProcess.Run(_sample, "export", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("runId,timestamp,gate,profile,status,", lines[0]);

        var json = GateKitProcess.Run(_sample, "export", "--format", "json", "--output", _temp.Combine("export/h.json"));
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllBytes(_temp.Combine("export/h.json"))).RootElement.GetArrayLength());
    }

    [Fact]
    public void A_missing_report_is_a_finding_and_a_no_go_not_a_crash()
    {
        File.Delete(Path.Combine(_sample, "data", "cases.jsonl"));
        var run = GateKitProcess.Run(_sample, "run");
        Assert.Equal(1, run.ExitCode);
        var quality = LatestResult().GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "quality");
        Assert.Equal("fail", quality.GetProperty("status").GetString());
        Assert.Equal("report_missing", quality.GetProperty("reasonCodes")[0].GetString());
    }

    [Fact]
    public void Strings_and_NaN_where_numbers_belong_are_findings()
    {
        File.WriteAllText(Path.Combine(_sample, "reports", "v1.4.0_report.json"),
            """{ "tag": "v1.4.0", "passed": true, "status": "OK", "metrics": { "coverage": "NaN" } }""");
        var run = GateKitProcess.Run(_sample, "run", "--gate", "quality");
        Assert.Equal(0, run.ExitCode); // coverage is a P1 condition: warn, not fail
        var findings = LatestResult().GetProperty("gates")[0].GetProperty("findings").EnumerateArray();
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == "metric_not_numeric" && f.GetProperty("subject").GetString() == "coverage");
    }
}
