using System.Text;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>A stored run to report: its result, where result.json and summary.md are, and its run root (the folder its paths are relative to).</summary>
public sealed record StoredReport(RunResult Result, string ResultPath, string SummaryPath, string Root);

/// <summary>How reporting ended: the exit code the process returns, and the lines for standard error (GateKit's words, token redacted).</summary>
/// <param name="ExitCode">The run's exit code; 4 when an API call failed for good; 5 when the job was cancelled.</param>
public sealed record GitHubOutcome(int ExitCode, IReadOnlyList<string> Messages, PublishReport? Published);

/// <summary>
/// Everything GateKit does inside a GitHub Actions job after a run: check runs and the sticky comment,
/// workflow-command annotations for exactly the findings GitHub does not show (no token, a token that
/// may not write checks, a call that failed, the job cancelled), the summary appended to
/// $GITHUB_STEP_SUMMARY within its 1 MiB with one line per thing that went wrong, and the outputs in
/// $GITHUB_OUTPUT (decision, result-path, summary-path, run-id). The step summary and outputs are written whatever the API answered.
/// </summary>
public sealed class GitHubReporter(TextWriter stdout, RetryPolicy retry)
{
    /// <summary>Workflow-command annotations written at most (the runner shows only the first few per step anyway).</summary>
    public const int MaxWorkflowAnnotations = 50;

    /// <summary>The decision output of a run that was cancelled, or of a stored result that was.</summary>
    public const string InterruptedDecision = "interrupted";

    /// <param name="exitCode">The run's own exit code, returned unless publishing failed (4) or the job was cancelled (5).</param>
    /// <param name="cancellationToken">The job's cancellation (SIGINT, SIGTERM): publishing stops, the step summary and outputs are still written.</param>
    public async Task<GitHubOutcome> ReportAsync(StoredReport run, GitHubContext context, PublishOptions options, bool writeOutputs, int exitCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var layout = GitHubLayout.For(run.Root, context);
        var result = layout.Rebase(run.Result);
        var linkBase = layout.LinkBase(context.RepositoryUrl, context.HeadSha);
        var summary = GitHubMarkdown.Sections(result, linkBase);

        PublishReport? report = null;
        var interrupted = cancellationToken.IsCancellationRequested;
        if (!interrupted && !string.IsNullOrEmpty(context.Token))
        {
            try
            {
                report = await new GitHubPublisher(context.ApiUrl, context.Token, retry, cancellationToken)
                    .PublishAsync(result, summary, context, options with { InputLinkBase = linkBase }, cancellationToken).ConfigureAwait(false);
                interrupted = report.Interrupted;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
            }
        }

        var notes = new List<string>();
        var messages = new List<string>();
        var all = result.Gates.SelectMany(g => g.Findings.Select(f => new GateFinding(g.Name, f))).ToList();
        IReadOnlyList<GateFinding> fallback = all;
        if (interrupted)
        {
            if (report is not null) fallback = report.CheckRuns.SelectMany(c => c.Unpublished).ToList();
            notes.Add($"the job was cancelled before GateKit finished publishing to GitHub; the {Count(fallback.Count, "finding")} GitHub does not show are shown as workflow annotations instead");
            messages.Add("interrupted: the step summary and outputs were written, publishing to GitHub was not finished");
        }
        else if (report is null)
            notes.Add("no GitHub token was given (github-token input or GITHUB_TOKEN), so no check runs were created; the findings are shown as workflow annotations instead");
        else
        {
            if (report.ChecksRefused is { } refused)
                notes.Add($"the token may not create check runs (HTTP 403: {refused}; it needs checks: write, which pull requests from forks do not get); the findings are shown as workflow annotations instead");
            else
                fallback = report.CheckRuns.SelectMany(c => c.Unpublished).ToList();
            if (report.Failure is { } failure)
            {
                // Say what failed: only the comment (the check runs are there), or a check run (its findings follow as annotations).
                messages.Add(failure);
                notes.Add(report.ChecksRefused is not null ? failure
                    : report.ChecksComplete ? $"{failure}; the check runs were published"
                    : $"{failure}; the {Count(fallback.Count, "finding")} GitHub does not show are shown as workflow annotations instead");
            }
        }
        if (report?.CommentRefused is { } commentRefused)
            messages.Add($"warning: the token may not comment on pull request #{context.PullRequest} (HTTP 403: {commentRefused}); no comment was written");
        if (report?.CommentSkipped is { } skipped)
            messages.Add($"note: no pull request comment was written: {skipped}");

        WriteAnnotations(fallback);
        if (context.StepSummaryPath is { } stepSummary)
            AppendStepSummary(stepSummary, summary, $"in {run.SummaryPath} (keep .gatekit/ as a workflow artifact to read it)", notes);
        if (writeOutputs && context.OutputPath is { } outputs)
            AppendOutputs(outputs, interrupted || run.Result.Interrupted ? InterruptedDecision : run.Result.Decision.Name(), run);
        var exit = interrupted ? ExitCodes.Interrupted : report?.Failure is not null ? ExitCodes.Runtime : exitCode;
        return new GitHubOutcome(exit, messages, report);
    }

    private void WriteAnnotations(IReadOnlyList<GateFinding> findings)
    {
        var ordered = findings.OrderBy(x => x.Finding.IsWaived).ThenBy(x => x.Finding.Priority).ToList();
        foreach (var f in ordered.Take(MaxWorkflowAnnotations)) stdout.WriteLine(WorkflowCommands.Annotation(f.Gate, f.Finding));
        if (ordered.Count > MaxWorkflowAnnotations)
            stdout.WriteLine("::notice title=gatekit::" + WorkflowCommands.EscapeData($"{ordered.Count - MaxWorkflowAnnotations} more findings are in result.json and the step summary"));
    }

    /// <summary>
    /// Appends the notes (one quoted line each, GateKit's words with GitHub's escaped) and the summary to
    /// the step summary, keeping the file under 1 MiB with what earlier steps wrote. What does not fit
    /// whole is left out: never a fragment of a note.
    /// </summary>
    public static void AppendStepSummary(string path, IReadOnlyList<SummarySection> summary, string fullSummaryAt, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(notes);
        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        var budget = (int)Math.Max(0, GitHubLimits.StepSummaryBytes - 1 - existing);
        var head = new StringBuilder();
        if (existing > 0) head.Append('\n');
        foreach (var note in notes) head.Append("> ⚠️ GateKit: ").Append(MarkdownText.Inline(note)).Append(".\n\n");
        var body = MarkdownTrimmer.Trim(summary, Math.Max(0, budget - GitHubLimits.Utf8Bytes(head.ToString())), fullSummaryAt);
        var text = head + body;
        if (GitHubLimits.Utf8Bytes(text) > budget || text.Trim().Length == 0) return;
        File.AppendAllText(path, text, new UTF8Encoding(false));
    }

    /// <param name="decision">go, go-with-conditions, no-go, or <see cref="InterruptedDecision"/>.</param>
    public static void AppendOutputs(string path, string decision, StoredReport run)
    {
        ArgumentNullException.ThrowIfNull(run);
        File.AppendAllText(path,
            WorkflowCommands.Output("decision", decision) + WorkflowCommands.Output("result-path", run.ResultPath) + WorkflowCommands.Output("summary-path", run.SummaryPath)
                + WorkflowCommands.Output("run-id", run.Result.RunId),
            new UTF8Encoding(false));
    }

    private static string Count(int n, string noun) => $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
