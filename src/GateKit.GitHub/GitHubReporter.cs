using System.Text;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>A stored run to report: its result, its summary.md and where both are.</summary>
public sealed record StoredReport(RunResult Result, string Summary, string ResultPath, string SummaryPath);

/// <summary>
/// Everything GateKit does inside a GitHub Actions job after a run: check runs and the sticky comment
/// (or, without a token that may write checks, workflow-command annotations and one line saying why),
/// the summary appended to $GITHUB_STEP_SUMMARY within its 1 MiB, and the outputs in $GITHUB_OUTPUT.
/// </summary>
public sealed class GitHubReporter(TextWriter stdout, RetryPolicy retry)
{
    /// <summary>Workflow-command annotations written at most (the runner shows only the first few per step anyway).</summary>
    public const int MaxWorkflowAnnotations = 50;

    /// <exception cref="GitHubPublishException">An API call failed for good; the step summary and outputs are written first.</exception>
    public async Task<PublishReport?> ReportAsync(StoredReport run, GitHubContext context, PublishOptions options, bool writeOutputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        PublishReport? report = null;
        string? fallback = null;
        GitHubPublishException? failure = null;
        if (string.IsNullOrEmpty(context.Token))
            fallback = "no GitHub token was given (github-token input or GITHUB_TOKEN), so no check runs were created";
        else
        {
            try
            {
                report = await new GitHubPublisher(context.ApiUrl, context.Token, retry).PublishAsync(run.Result, run.Summary, context, options, cancellationToken).ConfigureAwait(false);
                if (report.ChecksForbidden)
                    fallback = "the token may not create check runs (HTTP 403: it lacks `checks: write`, as on pull requests from forks)";
            }
            catch (GitHubPublishException e)
            {
                failure = e;
                fallback = "publishing to GitHub failed (see the job log)";
            }
        }

        if (fallback is not null) WriteAnnotations(run.Result);
        if (context.StepSummaryPath is { } stepSummary) AppendStepSummary(stepSummary, run, fallback);
        if (writeOutputs && context.OutputPath is { } outputs) AppendOutputs(outputs, run);
        if (failure is not null) throw failure;
        return report;
    }

    private void WriteAnnotations(RunResult result)
    {
        var findings = result.Gates.SelectMany(g => g.Findings.Select(f => (Gate: g.Name, Finding: f)))
            .OrderBy(x => x.Finding.IsWaived).ThenBy(x => x.Finding.Priority).ToList();
        foreach (var (gate, f) in findings.Take(MaxWorkflowAnnotations)) stdout.WriteLine(WorkflowCommands.Annotation(gate, f));
        if (findings.Count > MaxWorkflowAnnotations)
            stdout.WriteLine("::notice title=gatekit::" + WorkflowCommands.EscapeData($"{findings.Count - MaxWorkflowAnnotations} more findings are in result.json and the step summary"));
    }

    /// <summary>
    /// Appends the summary (and the fallback line, GateKit's own words) to the step summary, keeping the
    /// file under 1 MiB with what earlier steps wrote.
    /// </summary>
    public static void AppendStepSummary(string path, StoredReport run, string? fallback)
    {
        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        var budget = (int)Math.Max(0, GitHubLimits.StepSummaryBytes - 1 - existing);
        var text = new StringBuilder();
        if (existing > 0) text.Append('\n');
        if (fallback is not null) text.Append("> ⚠️ GateKit: ").Append(fallback).Append("; findings are shown as workflow annotations instead.\n\n");
        var head = text.ToString();
        var body = MarkdownTrimmer.Trim(run.Summary, Math.Max(0, budget - GitHubLimits.Utf8Bytes(head)), $"in {run.SummaryPath} (keep .gatekit/ as a workflow artifact to read it)");
        var all = head + body;
        if (GitHubLimits.Utf8Bytes(all) > budget) return;
        File.AppendAllText(path, all, new UTF8Encoding(false));
    }

    public static void AppendOutputs(string path, StoredReport run)
    {
        File.AppendAllText(path,
            WorkflowCommands.Output("decision", run.Result.Decision.Name()) + WorkflowCommands.Output("result-path", run.ResultPath) + WorkflowCommands.Output("summary-path", run.SummaryPath),
            new UTF8Encoding(false));
    }
}
