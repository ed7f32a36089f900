using System.CommandLine;
using System.Text.Json;
using GateKit.Config;
using GateKit.GitHub;
using GateKit.Inputs;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>
/// gatekit github publish: the second phase of fork mode. A read-only pull_request run kept .gatekit/
/// as an artifact; a workflow_run workflow with a write token attaches its checks to the PR's head.
/// Exit 0 when published (the gate decision was the first phase's), 4 when the API failed.
/// </summary>
internal static class GitHubCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var result = new Option<string>("--result") { Description = "The result.json to publish (summary.md beside it is used too).", Required = true };
        var headSha = new Option<string?>("--head-sha") { Description = "Commit to attach the checks to (default: the event's head SHA, then GITHUB_SHA)." };
        var pr = new Option<int?>("--pr") { Description = "Pull request number for --comment (workflow_run events from forks do not name it)." };
        var failOn = new Option<string>("--fail-on") { Description = "Whether go-with-conditions (and the warned or partial gates) show as failed checks (warn) or neutral ones (fail).", DefaultValueFactory = _ => "fail" }
            .AcceptOnlyFromAmong("fail", "warn");
        var root = new Option<string?>("--root") { Description = "The folder the result's paths are relative to (the config's folder), for annotations and links (default: GITHUB_WORKSPACE)." };
        var reports = CommonOptions.Reports();
        var githubOptions = new GitHubOptions();
        var publish = new Command("publish", "Publish a stored result as check runs (and a sticky comment) on GitHub.") { result, headSha, pr, failOn, root, reports };
        foreach (var option in githubOptions.All) publish.Options.Add(option);
        publish.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(result)!);
            if (!File.Exists(path)) throw new UsageException($"result file not found: {path}");
            var reportRequests = (parse.GetValue(reports) ?? []).Select(Output.Reports.ReportWriters.Parse).ToList();
            var run = Runs.RunCatalog.Parse(InputReader.ReadAll(path), path);
            foreach (var written in Output.Reports.ReportWriters.WriteAll(run, reportRequests)) stdout.WriteLine($"  report:  {written}");
            var context = GitHubContext.FromEnvironment(GitHubContext.ProcessEnvironment(), parse.GetValue(headSha), parse.GetValue(pr));
            var summaryPath = Path.Combine(Path.GetDirectoryName(path)!, RunStore.SummaryFile);
            var fail = parse.GetValue(failOn) == "warn" ? FailOn.Warn : FailOn.Fail;
            var options = githubOptions.Read(parse, fail, "in the .gatekit artifact of the pull request's workflow run");
            var runRoot = parse.GetValue(root) ?? context.Workspace ?? Environment.CurrentDirectory;
            return GitHubOptions.Report(stdout, stderr, new StoredReport(run, path, summaryPath, runRoot), context, options, writeOutputs: true, ExitCodes.Go, interrupted);
        });
        return new Command("github", "GitHub integration.") { publish };
    }
}
