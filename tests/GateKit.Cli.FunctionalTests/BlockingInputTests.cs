using System.Diagnostics;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// No input can block the tool (issue 20, kind 1) and signals always end it (kind 9). A named pipe
/// without a writer blocks open() forever, so each case would hang until the process timeout if any
/// read went around the one opener (InputReader): every place GateKit reads a file is a row here.
/// </summary>
public sealed class BlockingInputTests : IDisposable
{
    private const string NotRegular = "is not a regular file";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void MakeFifo(string path)
    {
        if (File.Exists(path)) File.Delete(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static void AssertRefused(ProcessResult run, int exitCode)
    {
        Assert.DoesNotContain("unexpected error", run.StdErr);
        Assert.True(exitCode == run.ExitCode, $"exit {run.ExitCode}: {run.StdErr}");
        Assert.Contains(NotRegular, run.StdOut + run.StdErr);
    }

    public static TheoryData<string, int> QuickstartInputs => new()
    {
        { "gatekit.json", 2 },                     // the config
        { "reports/v1.4.0_report.json", 1 },       // a release artifact, also a quality report
        { "schemas/report.schema.json", 1 },       // an artifact's schema
        { "reports/v1.4.0_monitoring.json", 0 },   // a monitoring snapshot (unreadable: P1, the run goes with conditions)
        { "reports/v1.4.0_report.md", 0 },         // a document artifact (unreadable: P2)
        { "reports/v1.4.0_signoff.md", 1 },        // the sign-off
        { "data/cases.jsonl", 1 },                 // a quality report read line by line
    };

    [Theory]
    [MemberData(nameof(QuickstartInputs))]
    public void A_named_pipe_in_place_of_any_run_input_is_refused_not_waited_on(string input, int exitCode)
    {
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        MakeFifo(Path.Combine(sample, input));
        AssertRefused(GateKitProcess.Run(sample, "run", "--format", "json"), exitCode);
    }

    [Fact]
    public void A_character_device_as_the_config_is_refused_not_read_until_memory_runs_out()
    {
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        AssertRefused(GateKitProcess.Run(sample, "validate-config", "--config", "/dev/zero"), 2);
        AssertRefused(GateKitProcess.Run(sample, "run", "--config", "/dev/zero"), 2);
    }

    [Fact]
    public void A_config_above_the_configured_limit_is_invalid_input_naming_the_limit()
    {
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        var run = GateKitProcess.Run(sample, new Dictionary<string, string> { ["GATEKIT_MAX_CONFIG_BYTES"] = "100" }, "validate-config");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("larger than GATEKIT_MAX_CONFIG_BYTES (100 bytes)", run.StdErr);
    }

    [Theory]
    [InlineData("policy.json")]
    [InlineData("safety.json")]
    [InlineData("drills.json")]
    [InlineData("telemetry/handoff.jsonl")]
    [InlineData("telemetry/backlog.jsonl")]
    public void A_named_pipe_in_place_of_a_promotion_input_is_refused(string input)
    {
        using var fixture = new PromotionFixture();
        fixture.Write();
        MakeFifo(fixture.Folder.Combine(input));
        var run = GateKitProcess.Run(fixture.Folder.Path, "promotion", "evaluate", "--now", "2026-11-23T12:00:00Z", "--format", "json");
        Assert.DoesNotContain("unexpected error", run.StdErr);
        Assert.Contains(NotRegular, run.StdOut + run.StdErr);
    }

    [Fact]
    public void A_named_pipe_as_an_evidence_manifest_is_a_usage_error()
    {
        var manifest = _temp.Combine("pack/manifest.json");
        MakeFifo(manifest);
        AssertRefused(GateKitProcess.Run(_temp.Path, "evidence", "verify", "--manifest", manifest), 2);
    }

    [Theory]
    [InlineData("README.md")]      // a Markdown file that is checked
    [InlineData("docs/guide.md")]  // a link target whose anchors are read
    public void A_named_pipe_in_a_docs_tree_is_reported_not_waited_on(string input)
    {
        _temp.Write("README.md", "# Hello\n\n[guide](docs/guide.md#install)\n");
        _temp.Write("docs/guide.md", "## Install\n");
        MakeFifo(_temp.Combine(input));
        var run = GateKitProcess.Run(_temp.Path, "docs", "check");
        Assert.DoesNotContain("unexpected error", run.StdErr);
        Assert.NotEqual(0, run.ExitCode);
    }

    /// <summary>The gate blocks without ever looking at the cancellation, as a read the OS will not interrupt would.</summary>
    private Process StartBlocked(out Func<string> stderr)
    {
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        var process = GateKitProcess.Start(sample, new Dictionary<string, string> { ["GATEKIT_FAULT"] = "block-before-gate:quality" }, "run");
        var text = new System.Text.StringBuilder();
        var blocked = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); if (e.Data?.Contains("blocked before gate quality") == true) blocked.Set(); };
        process.BeginErrorReadLine();
        stderr = () => { lock (text) return text.ToString(); };
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(30)), "the tool never blocked: " + stderr());
        return process;
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_ends_work_that_ignores_cancellation_with_exit_5(string signal)
    {
        using var process = StartBlocked(out var stderr);
        GateKitProcess.Signal(process, signal);
        // The fault blocks for two minutes: only the grace deadline can end it this soon.
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "still running: " + stderr());
        process.WaitForExit();
        Assert.Equal(5, process.ExitCode);
        Assert.Contains("gatekit: interrupted", stderr());
    }

    [Fact]
    public void A_second_signal_ends_the_process_at_once_still_with_exit_5()
    {
        using var process = StartBlocked(out var stderr);
        GateKitProcess.Signal(process, "INT");
        GateKitProcess.Signal(process, "TERM");
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "still running: " + stderr());
        process.WaitForExit();
        Assert.Equal(5, process.ExitCode);
        Assert.Contains("interrupted again", stderr());
    }
}
