using System.Globalization;
using System.Text;
using GateKit.Config;
using GateKit.Decisions;
using GateKit.Output;
using GateKit.Results;
using GateKit.Runs;

namespace GateKit.Reports;

/// <summary>
/// A handoff folder for a run (operations runbook, "Handoff Artifacts"): INDEX.md linking the run
/// summary, the gate reports, the decision records, the open risks and next actions, plus the
/// sign-off note. Written whole (staging folder, then rename) and never overwritten.
/// </summary>
public static class HandoffPackage
{
    public const string IndexFile = "INDEX.md";
    public const string SignoffFile = "signoff.md";

    /// <summary>The recommendation of a handoff without a decision record: never GO.</summary>
    public const string PendingDecision = "PENDING DECISION";

    public static string Write(RunCatalog catalog, string runId, string folder)
    {
        var run = catalog.LoadVerified(runId);
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder) || File.Exists(folder)) throw new UsageException($"{folder} already exists; a handoff is never overwritten");
        var decisions = new DecisionStore(catalog.Store.StateDirectory).For(run.RunId);
        var runLink = Link(folder, catalog.Store.FolderOf(run.RunId));
        var decisionsLink = Link(folder, Path.Combine(catalog.Store.StateDirectory, "decisions", run.RunId));

        var staging = Path.Combine(Path.GetDirectoryName(folder)!, $".staging-handoff-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var current = decisions.Count > 0 ? decisions[^1] : null;
            AtomicFile.Write(Path.Combine(staging, IndexFile), Encoding.UTF8.GetBytes(Index(run, decisions, runLink, decisionsLink)));
            AtomicFile.Write(Path.Combine(staging, SignoffFile), Encoding.UTF8.GetBytes(SignoffDocument.Render(run, current, runLink)));
            Directory.Move(staging, folder);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        return folder;
    }

    public static string Index(RunResult run, IReadOnlyList<DecisionRecord> decisions, string runLink, string decisionsLink)
    {
        var o = new StringBuilder();
        var current = decisions.Count > 0 ? decisions[^1] : null;
        o.Append("# Handoff: run ").Append(MarkdownText.Code(run.RunId)).Append("\n\n");
        if (current is { Override: true }) SignoffDocument.AppendOverrideBanner(o, current);
        // A handoff must include the decision record (operations runbook, "Handoff Artifacts"): without one
        // nothing is decided yet, whatever the run says.
        o.Append("Recommendation: **").Append(current is null ? PendingDecision : SignoffDocument.Recommend(run, current)).Append("**");
        if (current is null) o.Append(" (no decision recorded; the run itself is ").Append(run.Decision.Name()).Append(')');
        o.Append("\n\n");

        o.Append("## Open items\n\n");
        if (current is null) o.Append($"- No decision record: `gatekit decide --run {run.RunId} --approve|--reject --by NAME --rationale TEXT`\n\n");
        else o.Append("None.\n\n");

        o.Append("## Run\n\n");
        o.Append($"- [Run summary]({MarkdownText.UrlPrefix(runLink)}/{RunStore.SummaryFile})\n");
        o.Append($"- [HTML report]({MarkdownText.UrlPrefix(runLink)}/{RunStore.ReportFile})\n");
        o.Append($"- [Result (JSON)]({MarkdownText.UrlPrefix(runLink)}/{RunStore.ResultFile})\n");
        o.Append($"- [Sign-off]({SignoffFile})\n\n");

        o.Append("## Gate reports\n\n| Gate | Status | Reason codes | Findings |\n| --- | --- | --- | ---: |\n");
        foreach (var g in run.Gates)
            o.Append($"| {MarkdownText.Cell(g.Name)} | {g.Status.Name()} | {MarkdownText.Cell(string.Join(", ", g.ReasonCodes))} | {g.Findings.Count} |\n");
        o.Append('\n');

        o.Append("## Decision records\n\n");
        if (decisions.Count == 0) o.Append("None recorded.\n\n");
        foreach (var d in decisions)
        {
            var file = d.DecisionId[(d.DecisionId.LastIndexOf("-d", StringComparison.Ordinal) + 2)..] + ".json";
            var flags = (d.Override ? " **OVERRIDE**" : "") + (d.Supersedes is { } s ? $" (supersedes {MarkdownText.Inline(s)})" : "");
            o.Append($"- [{MarkdownText.Inline(d.DecisionId)}]({MarkdownText.UrlPrefix(decisionsLink)}/{file}): {d.Verdict.Name()} by {MarkdownText.Inline(d.By)} on {MarkdownText.Inline(d.DecidedAt)}{flags}: {MarkdownText.Inline(d.Rationale)}\n");
        }
        if (decisions.Count > 0) o.Append('\n');

        var risks = RiskRegister.Of(run).Where(r => r.Likelihood == 3).ToList();
        o.Append("## Open risks\n\n");
        if (risks.Count == 0) o.Append("None.\n\n");
        foreach (var r in risks)
            o.Append($"- {RiskRegister.Level(r.Impact)} impact — {MarkdownText.Inline($"{r.Gate}: {r.Code}: {r.Description}")}\n");
        if (risks.Count > 0) o.Append('\n');

        o.Append("## Next actions\n\n");
        foreach (var action in NextActions(run)) o.Append("- ").Append(action).Append('\n');
        return o.ToString();
    }

    private static IEnumerable<string> NextActions(RunResult run)
    {
        var any = false;
        if (run.Interrupted) { any = true; yield return $"Re-run the interrupted run: `gatekit runs rerun {run.RunId}`"; }
        foreach (var g in run.Gates)
            foreach (var f in g.Findings.Where(f => !f.IsWaived && f.Priority != Priority.P2))
            {
                any = true;
                yield return MarkdownText.Inline($"Fix or waive {g.Name}/{f.Code}: {f.Message}");
            }
        var soon = DateTimeOffset.Parse(run.FinishedAt, CultureInfo.InvariantCulture).AddDays(14);
        foreach (var w in run.Gates.SelectMany(g => g.Findings).Select(f => f.Waiver).OfType<WaiverMark>().DistinctBy(w => w.Id))
            if (WaiverExpiry.TryParse(w.Expires, out var expires) && expires <= soon)
            {
                any = true;
                yield return MarkdownText.Inline($"Renew or retire waiver {w.Id} (owner {w.Owner}): it expires {w.Expires}");
            }
        if (!any) yield return "None.";
    }

    private static string Link(string from, string to) => Path.GetRelativePath(from, to).Replace('\\', '/');
}
