using System.Globalization;
using System.Net;
using System.Text;
using GateKit.Gates.Promotion;
using GateKit.Results;

namespace GateKit.Output;

/// <summary>How report.html is rendered; both values come from the caller, never from an input.</summary>
/// <param name="InputLinkBase">A URL prefix from the run folder to the root input paths are relative to (e.g. "../../../"); when set, files become links.</param>
/// <param name="PreviousRunId">The run recorded before this one, linked as ../ID/report.html; null leaves the link out (deterministic runs, first run).</param>
/// <param name="FailedRuns">The failed-run queue of the state folder; null leaves it out (deterministic runs).</param>
/// <param name="MaxFindings">Findings listed before the rest is counted in one line (result.json has them all).</param>
public sealed record HtmlReportOptions(string? InputLinkBase = null, string? PreviousRunId = null, Runs.FailedRunQueue? FailedRuns = null, int MaxFindings = 500);

/// <summary>
/// report.html: everything summary.md shows (decision, conditions, gates, findings, promotion, thresholds,
/// trends with deltas, inputs, failed runs), with coloured statuses, trend charts with axes, values and the
/// threshold drawn, and links to result.json, summary.md, the previous run and the input files. One
/// self-contained file: inline CSS and SVG, no script, a CSP that forbids any fetch; responsive for
/// phones. Deterministic; every input-derived string is HTML-encoded with control characters replaced.
/// </summary>
public static class HtmlReport
{
    /// <summary>A message longer than this many characters is cut (with a note); result.json keeps it whole.</summary>
    public const int MaxTextLength = 2000;

    private const int ChartWidth = 320, ChartHeight = 150, Left = 56, Right = 12, Top = 14, Bottom = 26;
    private const string Dash = "—";

    public static string Render(RunResult r, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        options ??= new HtmlReportOptions();
        var o = new StringBuilder();
        o.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
         .Append("<title>GateKit run ").Append(E(r.RunId)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        o.Append($"<h1>GateKit run <code>{E(r.RunId)}</code></h1>\n");
        o.Append($"<p id=\"decision\" class=\"decision {r.Decision.Name()}\">{E(r.Decision.Banner())}</p>\n");
        if (r.Interrupted) o.Append("<p class=\"interrupted\" id=\"interrupted\">This run was interrupted: only the gates below were evaluated.</p>\n");
        o.Append("<nav id=\"links\"><a href=\"").Append(RunStore.ResultFile).Append("\">result.json</a> <a href=\"").Append(RunStore.SummaryFile).Append("\">summary.md</a>");
        if (options.PreviousRunId is { } previous) o.Append($" <a id=\"previous\" href=\"../{Url(previous)}/{RunStore.ReportFile}\">previous run ({E(previous)})</a>");
        o.Append("</nav>\n");
        WriteFacts(o, r);
        o.Append($"<p>Reason codes: {Codes(r.ReasonCodes, "none")}</p>\n");
        if (r.Decision == Decision.GoWithConditions) WriteConditions(o, r);
        WriteGates(o, r);
        WriteFindings(o, r, options);
        WritePromotion(o, r);
        WriteThresholds(o, r);
        WriteTrends(o, r);
        WriteInputs(o, r, options.InputLinkBase);
        WriteFailedRuns(o, options.FailedRuns);
        o.Append("</main>\n</body>\n</html>\n");
        return o.ToString();
    }

    private const string Css =
        "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}"
        + "h1{font-size:1.4rem;overflow-wrap:anywhere}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #d0d7de}h3{font-size:1rem}"
        + ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}table{border-collapse:collapse;margin:.4rem 0 1rem;min-width:60%}"
        + "th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}"
        + "td.msg{overflow-wrap:anywhere;white-space:pre-wrap;max-width:40rem}code{overflow-wrap:anywhere}"
        + ".decision{padding:.75rem 1rem;border-radius:6px;font-size:1.4rem;font-weight:700}"
        + ".go{background:#dafbe1;color:#116329}.go-with-conditions{background:#fff8c5;color:#7d4e00}.no-go{background:#ffebe9;color:#a40e26}"
        + ".badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;white-space:nowrap}"
        + ".pass{background:#dafbe1;color:#116329}.warn,.partial{background:#fff8c5;color:#7d4e00}.fail,.error{background:#ffebe9;color:#a40e26}.skipped,.waived{background:#eaeef2;color:#57606a}"
        + ".P0{background:#ffebe9;color:#a40e26}.P1{background:#fff1e5;color:#953800}.P2{background:#ddf4ff;color:#0550ae}"
        + "nav a{margin-right:1rem}.facts span{margin-right:1rem;white-space:nowrap}"
        + ".interrupted{border:2px solid #cf222e;padding:.5rem 1rem;margin:1rem 0}svg.trend{width:100%;max-width:320px;height:auto;background:#f6f8fa}"
        + "@media (max-width:600px){main{padding:.5rem}body{font-size:14px}.decision{font-size:1.15rem}table{min-width:100%}}";

    private static void WriteFacts(StringBuilder o, RunResult r)
    {
        o.Append("<p class=\"facts\">");
        Fact(o, "Profile", r.Profile);
        Fact(o, "Tag", r.Tag);
        Fact(o, "Ref", r.Git?.Ref);
        Fact(o, "Commit", r.Git?.Sha);
        if (r.Git?.Dirty is { } dirty) Fact(o, "Working tree", dirty ? $"dirty ({r.Git.ChangedFiles} changed file(s))" : "clean");
        if (r.Overrides.Count > 0) Fact(o, "Overrides", string.Join(" ", r.Overrides));
        Fact(o, "Finished", r.FinishedAt);
        o.Append("</p>\n");
    }

    private static void WriteConditions(StringBuilder o, RunResult r)
    {
        o.Append("<h2>Conditions</h2>\n<ul id=\"conditions\">\n");
        if (r.Conditions.Count == 0) o.Append("<li>No conditions were recorded.</li>\n");
        foreach (var c in r.Conditions) o.Append($"<li>{Status(c.Status)} <strong>{E(c.Gate)}</strong> {Codes(c.ReasonCodes, "no reason codes")}</li>\n");
        o.Append("</ul>\n");
    }

    private static void WriteGates(StringBuilder o, RunResult r)
    {
        o.Append("<h2>Gates</h2>\n");
        if (r.Gates.Count == 0) { o.Append("<p id=\"gates\">No gates were evaluated.</p>\n"); return; }
        o.Append("<div class=\"scroll\"><table id=\"gates\">\n<tr><th>Gate</th><th>Status</th><th>Reason codes</th><th>Findings</th></tr>\n");
        foreach (var g in r.Gates)
        {
            var waived = g.Findings.Count(f => f.IsWaived);
            o.Append($"<tr><td>{E(g.Name)}</td><td>{Status(g.Status)}</td><td>{Codes(g.ReasonCodes, Dash)}</td>")
             .Append($"<td class=\"num\">{g.Findings.Count}{(waived > 0 ? $" ({waived} waived)" : "")}</td></tr>\n");
        }
        o.Append("</table></div>\n");
    }

    private static void WriteFindings(StringBuilder o, RunResult r, HtmlReportOptions options)
    {
        o.Append("<h2>Findings</h2>\n");
        // Worst first, as in summary.md: unwaived P0, P1, P2, then waived; stable by gate order, then as reported.
        var ordered = r.Gates.SelectMany((g, gi) => g.Findings.Select((f, fi) => (Gate: g.Name, Finding: f, gi, fi)))
            .OrderBy(x => x.Finding.IsWaived).ThenBy(x => x.Finding.Priority).ThenBy(x => x.gi).ThenBy(x => x.fi).ToList();
        if (ordered.Count == 0) { o.Append("<p id=\"findings\">No findings.</p>\n"); return; }
        var max = Math.Max(0, options.MaxFindings);
        o.Append("<div class=\"scroll\"><table id=\"findings\">\n<tr><th>Priority</th><th>Gate</th><th>Code</th><th>Message</th><th>Location</th><th>Waiver</th></tr>\n");
        foreach (var (gate, f, _, _) in ordered.Take(max))
        {
            var priority = f.IsWaived ? $"<span class=\"badge waived\">{f.Priority} waived</span>" : $"<span class=\"badge {f.Priority}\">{f.Priority}</span>";
            var location = f.Location is { } l ? FileLink(l.File, options.InputLinkBase, LocationText(l)) : Dash;
            var waiver = f.Waiver is { } w ? $"waived by {E(w.Owner)} (waiver {E(w.Id)}, expires {E(w.Expires)})" : Dash;
            o.Append($"<tr><td>{priority}</td><td>{E(gate)}</td><td><code>{E(f.Code)}</code></td><td class=\"msg\">{E(f.Message)}</td><td>{location}</td><td>{waiver}</td></tr>\n");
        }
        o.Append("</table></div>\n");
        if (ordered.Count > max) o.Append($"<p>… and {ordered.Count - max} more finding(s): see <a href=\"{RunStore.ResultFile}\">result.json</a>.</p>\n");
    }

    private static void WritePromotion(StringBuilder o, RunResult r)
    {
        var gate = r.Gates.FirstOrDefault(g => g.Name == PromotionGate.GateName);
        if (gate?.Promotion is not { } verdict) return;
        o.Append("<h2>Promotion</h2>\n<p class=\"facts\">");
        Fact(o, "Decision", verdict.Decision.Name());
        if (verdict.FailedGates.Count > 0) Fact(o, "Failed sub-gates", string.Join(", ", verdict.FailedGates));
        if (verdict.MissingEvidence.Count > 0) Fact(o, "Missing evidence", string.Join(", ", verdict.MissingEvidence));
        Fact(o, "Evaluated by", verdict.EvaluatedBy);
        o.Append("</p>\n<div class=\"scroll\"><table id=\"promotion\">\n<tr><th>Sub-gate</th><th>Result</th><th>Evidence</th></tr>\n");
        foreach (var sub in PromotionSubGates.InOrder)
        {
            var prefix = sub + "_";
            var evidence = gate.Metrics.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key != prefix + "gate_failed")
                .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{E(kv.Key[prefix.Length..])} {E(MarkdownSummary.FormatNumber(kv.Value))}").ToList();
            var status = verdict.FailedGates.Contains(sub) ? GateStatus.Fail : verdict.MissingEvidence.Contains(sub) ? GateStatus.Skipped : GateStatus.Pass;
            o.Append($"<tr><td>{E(sub)}</td><td>{Status(status)}</td><td>{(evidence.Count == 0 ? Dash : string.Join(" · ", evidence))}</td></tr>\n");
        }
        o.Append("</table></div>\n");
    }

    private static void WriteThresholds(StringBuilder o, RunResult r)
    {
        var gates = r.Gates.Where(g => g.Thresholds.Count > 0).ToList();
        if (gates.Count == 0) return;
        o.Append("<h2>Thresholds</h2>\n<div id=\"thresholds\">\n");
        foreach (var g in gates)
        {
            o.Append($"<h3>{E(g.Name)}</h3>\n<div class=\"scroll\"><table>\n<tr><th>Key</th><th>Condition</th><th>Priority</th><th>Source</th></tr>\n");
            foreach (var t in g.Thresholds.Take(TableLimit.MaxRows))
                o.Append($"<tr><td><code>{E(t.Key)}</code></td><td>{E(ConditionText(t))}</td><td><span class=\"badge {t.Priority}\">{t.Priority}</span></td><td>{E(t.Source)}</td></tr>\n");
            o.Append("</table></div>\n");
            WriteMore(o, g.Thresholds.Count, "threshold", "thresholds");
        }
        o.Append("</div>\n");
    }

    private static void WriteTrends(StringBuilder o, RunResult r)
    {
        var gates = r.Gates.Where(g => g.Trends.Count > 0).ToList();
        if (gates.Count == 0) return;
        o.Append("<h2>Trends</h2>\n<div id=\"trends\">\n");
        foreach (var g in gates)
        {
            o.Append($"<h3>{E(g.Name)}</h3>\n<div class=\"scroll\"><table>\n<tr><th>Metric</th><th>Previous</th><th>Current</th><th>Delta</th><th>Last runs</th><th>Min / median / max</th></tr>\n");
            // By key, the first absolute one of each: a scan of the thresholds per trend was quadratic (100k conditions: minutes).
            var absolute = g.Thresholds.Where(h => h.RelativeTo is null).DistinctBy(h => h.Key).ToDictionary(h => h.Key, StringComparer.Ordinal);
            foreach (var t in g.Trends.Take(TableLimit.MaxRows))
            {
                var finite = t.Values.Where(double.IsFinite).ToList();
                var stats = finite.Count == 0 ? Dash : $"{Num(finite.Min())} / {Num(Statistics.Median(finite))} / {Num(finite.Max())}";
                var current = t.Values.Count > 0 ? Num(t.Values[^1]) : Dash;
                var delta = t.Previous is not null && t.Delta is { } d ? E(MarkdownSummary.FormatDelta(d)) : Dash;
                var threshold = absolute.GetValueOrDefault($"{g.Name}.{t.Metric}");
                o.Append($"<tr><td>{E(t.Metric)}</td><td class=\"num\">{(t.Previous is { } p ? Num(p) : Dash)}</td><td class=\"num\">{current}</td><td class=\"num\">{delta}</td>")
                 .Append($"<td>{Chart(t.Metric, finite, threshold)}</td><td>{stats}</td></tr>\n");
            }
            o.Append("</table></div>\n");
            WriteMore(o, g.Trends.Count, "trend", "trends");
        }
        o.Append("</div>\n");
    }

    private static void WriteInputs(StringBuilder o, RunResult r, string? linkBase)
    {
        o.Append("<h2>Inputs</h2>\n");
        var c = r.Config;
        o.Append($"<p id=\"config\">Config: {FileLink(c.Path, linkBase, c.Path)} · sha256 <code>{E(Short(c.Sha256))}</code> · {E(MarkdownSummary.FormatSize(c.Size))}</p>\n");
        var rows = r.Gates.SelectMany(g => g.Inputs.Select(i => (Gate: g.Name, Input: i))).ToList();
        if (rows.Count == 0) { o.Append("<p id=\"inputs\">No input files were read.</p>\n"); return; }
        o.Append("<div class=\"scroll\"><table id=\"inputs\">\n<tr><th>Gate</th><th>File</th><th>SHA-256</th><th>Size</th></tr>\n");
        foreach (var (gate, i) in rows.Take(TableLimit.MaxRows))
            o.Append($"<tr><td>{E(gate)}</td><td>{FileLink(i.Path, linkBase, i.Path)}</td><td><code>{E(Short(i.Sha256))}</code></td><td class=\"num\">{E(MarkdownSummary.FormatSize(i.Size))}</td></tr>\n");
        o.Append("</table></div>\n");
        WriteMore(o, rows.Count, "input file", "input files");
    }

    private static void WriteMore(StringBuilder o, int rows, string singular, string plural)
    {
        if (rows > TableLimit.MaxRows)
            o.Append("<p>").Append(E(TableLimit.More(rows - TableLimit.MaxRows, singular, plural))).Append("</p>\n");
    }

    private static void WriteFailedRuns(StringBuilder o, Runs.FailedRunQueue? queue)
    {
        if (queue is not { Count: > 0 }) return;
        o.Append($"<h2>Failed-run queue</h2>\n<p>{queue.Count} earlier run(s) failed (error, interrupted or refused); the newest, with the command that processes each again:</p>\n<ul id=\"failed-runs\">\n");
        foreach (var e in queue.Newest)
            o.Append($"<li><a href=\"../{Url(e.RunId)}/{RunStore.ReportFile}\"><code>{E(e.RunId)}</code></a> exit {e.ExitCode}{(e.Reason is null ? "" : " — " + E(e.Reason))}: <code>{E(e.ReprocessCommand)}</code></li>\n");
        o.Append("</ul>\n");
    }

    /// <summary>
    /// A line chart of the values, oldest left: y axis with the min and max labelled, x axis numbered by run,
    /// each point's value written above it (the last one at least), and the threshold as a dashed red line
    /// (two for between). The y range covers the values and the threshold, so the line is always inside.
    /// </summary>
    private static string Chart(string metric, IReadOnlyList<double> values, ThresholdUse? threshold)
    {
        var svg = new StringBuilder($"<svg class=\"trend\" role=\"img\" aria-label=\"{E(metric)} trend\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" xmlns=\"http://www.w3.org/2000/svg\">");
        if (values.Count == 0) return svg.Append("<text x=\"8\" y=\"20\" font-size=\"12\">no history yet</text></svg>").ToString();
        double[] lines = threshold is null ? [] : threshold.Max is { } top ? [threshold.Value, top] : [threshold.Value];
        var all = values.Concat(lines.Where(double.IsFinite)).ToList();
        double min = all.Min(), max = all.Max();
        if (max - min == 0) { min -= Math.Abs(min) * 0.1 + 1; max += Math.Abs(max) * 0.1 + 1; }
        double plotWidth = ChartWidth - Left - Right, plotHeight = ChartHeight - Top - Bottom;
        double X(int i) => Left + (values.Count == 1 ? plotWidth / 2 : i * plotWidth / (values.Count - 1));
        double Y(double v) => Top + (max - v) / (max - min) * plotHeight;

        svg.Append($"<g stroke=\"#57606a\" stroke-width=\"1\"><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{N(Top + plotHeight)}\"/><line x1=\"{Left}\" y1=\"{N(Top + plotHeight)}\" x2=\"{ChartWidth - Right}\" y2=\"{N(Top + plotHeight)}\"/></g>");
        svg.Append("<g font-size=\"10\" fill=\"#57606a\" text-anchor=\"end\">")
           .Append($"<text x=\"{Left - 4}\" y=\"{N(Y(max) + 4)}\">{Num(max)}</text><text x=\"{Left - 4}\" y=\"{N(Y(min))}\">{Num(min)}</text></g>");
        svg.Append("<g font-size=\"10\" fill=\"#57606a\" text-anchor=\"middle\">");
        for (var i = 0; i < values.Count; i++)
            if (values.Count <= 12 || i % ((values.Count + 11) / 12) == 0 || i == values.Count - 1)
                svg.Append($"<text x=\"{N(X(i))}\" y=\"{ChartHeight - 8}\">{(i == values.Count - 1 ? "now" : $"-{values.Count - 1 - i}")}</text>");
        svg.Append("</g>");
        foreach (var line in lines.Where(double.IsFinite))
            svg.Append($"<line class=\"threshold\" x1=\"{Left}\" y1=\"{N(Y(line))}\" x2=\"{ChartWidth - Right}\" y2=\"{N(Y(line))}\" stroke=\"#cf222e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"><title>threshold {Num(line)}</title></line>")
               .Append($"<text x=\"{ChartWidth - Right}\" y=\"{N(Y(line) - 3)}\" font-size=\"10\" fill=\"#cf222e\" text-anchor=\"end\">threshold {Num(line)}</text>");
        if (values.Count > 1)
            svg.Append("<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"").AppendJoin(' ', values.Select((v, i) => $"{N(X(i))},{N(Y(v))}")).Append("\"/>");
        for (var i = 0; i < values.Count; i++)
        {
            svg.Append($"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(values[i]))}\" r=\"3\" fill=\"#0969da\"><title>{Num(values[i])}</title></circle>");
            if (values.Count <= 6 || i == values.Count - 1)
                svg.Append($"<text class=\"value\" x=\"{N(X(i))}\" y=\"{N(Y(values[i]) - 6)}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#1f2328\">{Num(values[i])}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string ConditionText(ThresholdUse t) =>
        t.Op == "between" ? $"between [{MarkdownSummary.FormatNumber(t.Value)}, {(t.Max is { } max ? MarkdownSummary.FormatNumber(max) : "?")}]"
        : t.RelativeTo is { } baseline ? $"% change vs {baseline} {t.Op} {MarkdownSummary.FormatDelta(t.Value)}%"
        : $"{t.Op} {MarkdownSummary.FormatNumber(t.Value)}";

    /// <summary>A relative link to an input file when the caller gave a base, else the path as code.</summary>
    private static string FileLink(string path, string? linkBase, string text)
    {
        if (linkBase is null) return $"<code>{E(text)}</code>";
        var prefix = linkBase.Length > 0 && !linkBase.EndsWith('/') ? linkBase + "/" : linkBase;
        return $"<a href=\"{E(prefix)}{Url(path)}\"><code>{E(text)}</code></a>";
    }

    private static string LocationText(Location l) =>
        l.File + (l.Line is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) + (l.Column is { } col ? ":" + col.ToString(CultureInfo.InvariantCulture) : "") : "");

    private static void Fact(StringBuilder o, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) o.Append($"<span><strong>{name}</strong> {E(value)}</span> ");
    }

    private static string Status(GateStatus s) => $"<span class=\"badge {s.Name()}\">{s.Name()}</span>";

    private static string Codes(IReadOnlyList<string> codes, string empty) =>
        codes.Count == 0 ? empty : string.Join(", ", codes.Select(c => $"<code>{E(c)}</code>"));

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Num(double v) => E(MarkdownSummary.FormatNumber(v));

    /// <summary>Each path segment percent-encoded, so no input can leave the href or name a scheme.</summary>
    private static string Url(string path) => string.Join("/", path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>HTML-encoded, control characters (but newline and tab) replaced, cut at <see cref="MaxTextLength"/>.</summary>
    private static string E(string s)
    {
        var cut = s.Length > MaxTextLength ? s[..MaxTextLength] : s;
        var clean = new StringBuilder(cut.Length);
        foreach (var c in cut) clean.Append(char.IsControl(c) && c is not '\n' and not '\t' ? '\uFFFD' : c);
        if (s.Length > MaxTextLength) clean.Append($" … ({s.Length - MaxTextLength} more characters in result.json)");
        return WebUtility.HtmlEncode(clean.ToString());
    }

    private static string N(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
