using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit run --ci: Azure logging commands and the GitLab section in the job log, detected or forced; --report on github publish.</summary>
public sealed class CiLogOptionTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public CiLogOptionTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new string[] { }, "TF_BUILD=True", "##vso[task.complete result=SucceededWithIssues;]")]
    [InlineData(new[] { "--ci", "azure" }, "", "##vso[task.logissue type=warning;sourcepath=data/cases.jsonl;code=condition_violated]")]
    [InlineData(new[] { "--ci", "azure", "--fail-on", "warn" }, "", "##vso[task.complete result=Failed;]")]
    [InlineData(new string[] { }, "GITLAB_CI=true", "\u001b[0Ksection_start:")]
    [InlineData(new[] { "--ci", "gitlab" }, "TF_BUILD=True", "\u001b[0Ksection_end:")]
    public void The_CI_log_is_written_when_detected_or_forced(string[] options, string variable, string expected)
    {
        var env = variable.Length == 0 ? null : new Dictionary<string, string> { [variable.Split('=')[0]] = variable.Split('=')[1] };
        var run = GateKitProcess.Run(_sample, env, ["run", .. options]);
        Assert.True(run.ExitCode is 0 or 1, run.StdErr + run.StdOut);
        Assert.Contains(expected, run.StdOut);
        if (options.Contains("gitlab")) Assert.DoesNotContain("##vso[", run.StdOut);
    }

    [Theory]
    [InlineData("--ci", "none")]
    [InlineData("--ci", "github")]
    public void Forced_off_or_GitHub_writes_no_Azure_or_GitLab_commands(string option, string value)
    {
        var run = GateKitProcess.Run(_sample, new Dictionary<string, string> { ["TF_BUILD"] = "True", ["GITLAB_CI"] = "true" }, "run", option, value);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("##vso[", run.StdOut);
        Assert.DoesNotContain("section_start", run.StdOut);
    }

    [Fact]
    public void Under_format_json_the_commands_go_to_stderr_and_an_unknown_CI_is_a_usage_error()
    {
        var run = GateKitProcess.Run(_sample, "run", "--ci", "azure", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        System.Text.Json.JsonDocument.Parse(run.StdOut);
        Assert.Contains("##vso[task.complete", run.StdErr);
        var unknown = GateKitProcess.Run(_sample, "run", "--ci", "jenkins");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("jenkins", unknown.StdErr);
    }

    [Fact]
    public void Github_publish_writes_the_requested_reports_from_the_stored_result()
    {
        Assert.Equal(0, GateKitProcess.Run(_sample, "run").ExitCode);
        var id = File.ReadAllText(Path.Combine(_sample, ".gatekit", "latest")).Trim();
        var env = new Dictionary<string, string> { ["GITHUB_REPOSITORY"] = "octo/repo", ["GITHUB_SHA"] = new string('1', 40), ["GITHUB_TOKEN"] = "", ["GATEKIT_GITHUB_TOKEN"] = "", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_EVENT_PATH"] = _temp.Write("event.json", "{}"), ["GITHUB_STEP_SUMMARY"] = "", ["GITHUB_OUTPUT"] = "" };
        var publish = GateKitProcess.Run(_temp.Path, env, "github", "publish", "--result", Path.Combine(_sample, ".gatekit", "runs", id, "result.json"),
            "--report", "codequality=out/cq.json", "--report", "sarif=out/g.sarif");
        Assert.True(publish.ExitCode == 0, publish.StdErr + publish.StdOut);
        Assert.True(File.Exists(_temp.Combine("out/cq.json")));
        Assert.True(File.Exists(_temp.Combine("out/g.sarif")));
        var bad = GateKitProcess.Run(_temp.Path, env, "github", "publish", "--result", Path.Combine(_sample, ".gatekit", "runs", id, "result.json"), "--report", "pdf=x.pdf");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown format 'pdf'", bad.StdErr);
    }
}
