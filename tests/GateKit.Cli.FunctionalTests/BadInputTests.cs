using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>Every malformed or hostile input gets a clear message and its exit code, and never a result.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public BadInputTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    private void AssertNoRunWritten() => Assert.False(Directory.Exists(Path.Combine(_sample, ".gatekit", "runs")));

    [Theory]
    [InlineData(2, "config file not found", "run", "--config", "nope.json")]
    [InlineData(2, "unknown gate 'deploy'", "run", "--gate", "deploy")]
    [InlineData(2, "no threshold 'quality.speed'", "run", "--set", "quality.speed=1")]
    [InlineData(2, "may not be loosened", "run", "--set", "quality.pass_rate=0.5")]
    [InlineData(2, "unknown profile 'staging'", "run", "--profile", "staging")]
    [InlineData(2, "'maybe' not recognized", "run", "--fail-on", "maybe")]
    [InlineData(2, "Unrecognized", "run", "--frobnicate")]
    [InlineData(2, "unknown schema 'nope'", "schema", "print", "nope")]
    public void Usage_errors_exit_2(int code, string message, params string[] args)
    {
        var run = GateKitProcess.Run(_sample, args);
        Assert.Equal(code, run.ExitCode);
        Assert.Contains(message, run.StdErr);
        AssertNoRunWritten();
    }

    [Fact]
    public void Malformed_json_exits_3_with_file_line_and_column()
    {
        File.WriteAllText(Path.Combine(_sample, "gatekit.json"), "{\n  \"schemaVersion\": 1,\n  \"gates\": {\n    \"quality\": [,\n}");
        var run = GateKitProcess.Run(_sample, "run");
        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"gatekit\.json:4:\d+: \$\.gates\.quality", run.StdErr);
        AssertNoRunWritten();
    }

    [Theory]
    [InlineData("\"op\": \">=\"", "\"op\": \"gte\"", @"\$\.gates\.quality\.conditions\[0\]\.op: expected one of")]
    [InlineData("\"severity\": \"P0\"", "\"severity\": \"P0\", \"sevrity\": \"P1\"", @"\$\.gates\.quality\.conditions\[0\]\.sevrity.*unknown property 'sevrity'|unknown property 'sevrity'")]
    [InlineData("\"schemaVersion\": 1", "\"schemaVersion\": \"1\"", @"\$\.schemaVersion: expected an integer")]
    [InlineData("\"report\": \"cases\", \"aggregate\": \"rate\"", "\"report\": \"kases\", \"aggregate\": \"rate\"", @"gatekit\.json:\d+:\d+: \$\.gates\.quality\.conditions\[0\]\.report: no report with id 'kases'")]
    public void Schema_violations_exit_3_with_the_json_path(string find, string replace, string pattern)
    {
        var path = Path.Combine(_sample, "gatekit.json");
        var text = File.ReadAllText(path);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"sample no longer contains {find}");
        File.WriteAllText(path, text[..at] + replace + text[(at + find.Length)..]);

        var run = GateKitProcess.Run(_sample, "run");
        Assert.Equal(3, run.ExitCode);
        Assert.Matches(pattern, run.StdErr);
        AssertNoRunWritten();

        var validate = GateKitProcess.Run(_sample, "validate-config");
        Assert.Equal(3, validate.ExitCode);
    }

    [Fact]
    public void Validate_config_accepts_the_sample()
    {
        var run = GateKitProcess.Run(_sample, "validate-config");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid (gates: release, quality)", run.StdOut);
    }

    [Fact]
    public void An_existing_run_folder_is_never_overwritten()
    {
        var state = _temp.Combine("state");
        Assert.Equal(0, GateKitProcess.Run(_sample, "run", "--deterministic", "--out", state).ExitCode);
        var id = File.ReadAllText(Path.Combine(state, "latest")).Trim();
        var resultPath = Path.Combine(state, "runs", id, "result.json");
        File.WriteAllText(resultPath, "{\"tampered\":true}");
        // Without the history the first run appended, the same inputs name the same run folder again.
        Directory.Delete(Path.Combine(state, "history"), recursive: true);

        var again = GateKitProcess.Run(_sample, "run", "--deterministic", "--out", state);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("never overwritten", again.StdErr);
        Assert.Equal("{\"tampered\":true}", File.ReadAllText(resultPath));
    }

    [Fact]
    public void A_crash_mid_write_leaves_no_partial_result()
    {
        var state = _temp.Combine("state");
        using var process = GateKitProcess.Start(_sample, new Dictionary<string, string> { ["GATEKIT_FAULT"] = "pause-before-rename" }, "run", "--out", state);
        var runs = Path.Combine(state, "runs");
        // The fault stalls with the run's files written in its staging folder, before the folder is renamed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline
               && !(Directory.Exists(runs) && Directory.EnumerateFiles(runs, "report.html", SearchOption.AllDirectories).Any()))
            Thread.Sleep(20);
        Assert.True(Directory.EnumerateFiles(runs, "report.html", SearchOption.AllDirectories).Any(), "the tool never reached the write");

        process.Kill(entireProcessTree: true); // SIGKILL: no handler runs
        process.WaitForExit();

        // Only staging debris: no run folder, so no result anyone would read.
        Assert.All(Directory.EnumerateDirectories(runs), d => Assert.StartsWith(".staging-", Path.GetFileName(d)));
        Assert.DoesNotContain(Directory.EnumerateFiles(runs, "*", SearchOption.AllDirectories),
            f => !Path.GetRelativePath(runs, f).StartsWith(".staging-", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(state, "latest")));

        // The next run is not disturbed by the debris.
        Assert.Equal(0, GateKitProcess.Run(_sample, "run", "--out", state).ExitCode);
        Assert.Single(Directory.EnumerateFiles(runs, "result.json", SearchOption.AllDirectories),
            f => !Path.GetRelativePath(runs, f).StartsWith(".staging-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_writes_a_complete_interrupted_result_and_exits_5(string signal)
    {
        var state = _temp.Combine("state");
        using var process = GateKitProcess.Start(_sample, new Dictionary<string, string> { ["GATEKIT_FAULT"] = "pause-before-gate:quality" }, "run", "--out", state);
        var stderr = new System.Text.StringBuilder();
        var paused = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); if (e.Data?.Contains("paused before gate quality") == true) paused.Set(); };
        process.BeginErrorReadLine();
        Assert.True(paused.Wait(TimeSpan.FromSeconds(30)), "the tool never paused: " + stderr);

        GateKitProcess.Signal(process, signal);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(5, process.ExitCode);

        var id = File.ReadAllText(Path.Combine(state, "latest")).Trim();
        var bytes = File.ReadAllBytes(Path.Combine(state, "runs", id, "result.json"));
        SchemaAssert.ValidResult(bytes);
        var result = System.Text.Json.JsonDocument.Parse(bytes).RootElement;
        Assert.True(result.GetProperty("interrupted").GetBoolean());
        Assert.Equal("no-go", result.GetProperty("decision").GetString());
        Assert.Equal(["release"], result.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.False(Directory.Exists(Path.Combine(state, "history")) && File.Exists(Path.Combine(state, "history", "quality.jsonl")));
    }
}
