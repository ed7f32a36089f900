using System.Text;
using GateKit.Decisions;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Reports;

/// <summary>
/// The sign-off note for a run: what ran, what it found, the risks, the recommendation (GO / NO-GO /
/// GO-WITH-CONDITIONS with its conditions) and links to the evidence. An override is shown first and loudly.
/// </summary>
public static class SignoffDocument
{
    /// <summary>The evidence-pack runbook's operator summary lists the top findings: the five worst, then how many more.</summary>
    public const int TopFindings = 5;

    /// <param name="runLinkBase">Relative URL from the document to the run folder.</param>
    public static string Render(RunResult run, DecisionRecord? decision, string runLinkBase)
    {
        var o = new StringBuilder();
        o.Append("# Sign-off: run ").Append(MarkdownText.Code(run.RunId)).Append("\n\n");
        if (decision is { Override: true }) AppendOverrideBanner(o, decision);

        o.Append("| | |\n| --- | --- |\n");
        Row(o, "Run", MarkdownText.Code(run.RunId));
        Row(o, "Git", run.Git is null ? "—" : MarkdownText.Cell($"{run.Git.Ref ?? "(detached)"} @ {run.Git.Sha}"));
        Row(o, "Profile", MarkdownText.Cell(run.Profile ?? "—"));
        Row(o, "Tag", MarkdownText.Cell(run.Tag ?? "—"));
        Row(o, "Result", $"{run.Decision.Name()} ({string.Join(", ", run.Gates.Select(g => $"{MarkdownText.Cell(g.Name)} {g.Status.Name()}"))})");
        Row(o, "Decision", decision is null ? "none recorded yet" : MarkdownText.Cell($"{decision.Verdict.Name()} by {decision.By} ({decision.DecisionId}): {decision.Rationale}"));
        o.Append('\n');

        var recommendation = Recommend(run, decision);
        o.Append("## Recommendation: ").Append(recommendation).Append("\n\n");
        if (recommendation == "GO-WITH-CONDITIONS")
            foreach (var c in run.Conditions)
                o.Append("- ").Append(MarkdownText.Inline($"{c.Gate} is {c.Status.Name()}: {string.Join(", ", c.ReasonCodes)}")).Append('\n');
        o.Append('\n');

        var open = run.Gates.SelectMany(g => g.Findings.Where(f => !f.IsWaived).Select(f => (g.Name, f))).OrderBy(x => x.f.Priority).ToList();
        var findings = open.Take(TopFindings).ToList();
        o.Append("## Top findings\n\n");
        if (findings.Count == 0) o.Append("No open findings.\n\n");
        else
        {
            o.Append("| Priority | Gate | Code | Message |\n| --- | --- | --- | --- |\n");
            foreach (var (gate, f) in findings)
                o.Append($"| {f.Priority} | {MarkdownText.Cell(gate)} | {MarkdownText.Cell(f.Code)} | {MarkdownText.Cell(f.Message)} |\n");
            o.Append('\n');
            if (open.Count > findings.Count)
                o.Append($"{open.Count - findings.Count} more open finding(s) of {open.Count}: see [{RunStore.SummaryFile}]({MarkdownText.UrlPrefix(runLinkBase)}/{RunStore.SummaryFile}).\n\n");
        }

        var risks = RiskRegister.Of(run);
        o.Append("## Risks\n\n");
        if (risks.Count == 0) o.Append("No risks recorded.\n\n");
        else
        {
            o.Append("| Risk | Likelihood | Impact | Score | Mitigation |\n| --- | --- | --- | ---: | --- |\n");
            foreach (var r in risks)
                o.Append($"| {MarkdownText.Cell($"{r.Gate}: {r.Code}: {r.Description}")} | {RiskRegister.Level(r.Likelihood)} | {RiskRegister.Level(r.Impact)} | {r.Score} | {MarkdownText.Cell(r.Mitigation)} |\n");
            o.Append('\n');
        }

        o.Append("## Evidence\n\n");
        foreach (var file in new[] { RunStore.SummaryFile, RunStore.ReportFile, RunStore.ResultFile })
            o.Append($"- [{file}]({MarkdownText.UrlPrefix(runLinkBase)}/{file})\n");
        return o.ToString();
    }

    /// <summary>The decision record wins over the run's own decision: a rejection is NO-GO, an override GO.</summary>
    public static string Recommend(RunResult run, DecisionRecord? decision) => decision switch
    {
        { Verdict: Verdict.Reject } => "NO-GO",
        { Override: true } => "GO (OVERRIDE)",
        _ => run.Decision switch { Decision.Go => "GO", Decision.GoWithConditions => "GO-WITH-CONDITIONS", _ => "NO-GO" },
    };

    public static void AppendOverrideBanner(StringBuilder o, DecisionRecord d)
    {
        o.Append("> [!CAUTION]\n> **OVERRIDE**: approved against the decision policy by ")
         .Append(MarkdownText.Inline(d.By)).Append(" under ").Append(MarkdownText.Inline(d.ApprovalRef ?? "")).Append(".\n");
        foreach (var reason in d.PolicyReasons) o.Append("> - ").Append(MarkdownText.Inline(reason)).Append('\n');
        o.Append('\n');
    }

    private static void Row(StringBuilder o, string name, string value) => o.Append($"| {name} | {value} |\n");

}
