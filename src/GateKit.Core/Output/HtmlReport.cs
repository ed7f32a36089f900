using System.Globalization;
using System.Net;
using System.Text;
using GateKit.Results;

namespace GateKit.Output;

/// <summary>
/// report.html: the run for people who open a file rather than a PR. Self-contained (inline CSS, trend
/// charts as inline SVG, no script, no external asset), deterministic, every input-derived string
/// HTML-encoded.
/// </summary>
public static class HtmlReport
{
    private const int ChartWidth = 240, ChartHeight = 48;

    public static string Render(RunResult r)
    {
        var o = new StringBuilder();
        o.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
         .Append("<title>GateKit run ").Append(E(r.RunId)).Append("</title>\n<style>")
         .Append("body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse;margin:.5rem 0 1.5rem}")
         .Append("th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}")
         .Append(".decision{padding:.75rem 1rem;border-radius:6px;font-size:1.4rem;font-weight:600}")
         .Append(".go{background:#dafbe1}.go-with-conditions{background:#fff8c5}.no-go{background:#ffebe9}")
         .Append(".interrupted{border:2px solid #cf222e;padding:.5rem 1rem;margin:1rem 0}svg{background:#f6f8fa}")
         .Append("</style>\n</head>\n<body>\n");

        o.Append($"<h1>GateKit run <code>{E(r.RunId)}</code></h1>\n");
        o.Append($"<p id=\"decision\" class=\"decision {r.Decision.Name()}\">{r.Decision.Banner()}</p>\n");
        if (r.Interrupted) o.Append("<p class=\"interrupted\" id=\"interrupted\">This run was interrupted: only the gates below were evaluated.</p>\n");
        o.Append("<p>");
        AppendFact(o, "Profile", r.Profile);
        AppendFact(o, "Tag", r.Tag);
        AppendFact(o, "Ref", r.Git?.Ref);
        AppendFact(o, "Commit", r.Git?.Sha);
        AppendFact(o, "Finished", r.FinishedAt);
        o.Append("</p>\n");
        if (r.ReasonCodes.Count > 0) o.Append($"<p>Reason codes: {string.Join(", ", r.ReasonCodes.Select(c => $"<code>{E(c)}</code>"))}</p>\n");

        o.Append("<h2>Gates</h2>\n<table id=\"gates\">\n<tr><th>Gate</th><th>Status</th><th>Reason codes</th><th>Findings</th></tr>\n");
        foreach (var g in r.Gates)
            o.Append($"<tr><td>{E(g.Name)}</td><td>{E(g.Status.Name())}</td><td>{E(string.Join(", ", g.ReasonCodes))}</td><td>{g.Findings.Count}</td></tr>\n");
        o.Append("</table>\n");

        var findings = r.Gates.SelectMany(g => g.Findings.Select(f => (Gate: g.Name, Finding: f)))
            .OrderBy(x => x.Finding.IsWaived).ThenBy(x => x.Finding.Priority).ToList();
        if (findings.Count > 0)
        {
            o.Append("<h2>Findings</h2>\n<table id=\"findings\">\n<tr><th>Priority</th><th>Gate</th><th>Code</th><th>Message</th><th>Location</th><th>Waiver</th></tr>\n");
            foreach (var (gate, f) in findings)
            {
                var location = f.Location is { } l ? l.File + (l.Line is { } line ? $":{line}" + (l.Column is { } col ? $":{col}" : "") : "") : "";
                var waiver = f.Waiver is { } w ? $"waived by {w.Owner} ({w.Id}, expires {w.Expires})" : "";
                o.Append($"<tr><td>{f.Priority}</td><td>{E(gate)}</td><td><code>{E(f.Code)}</code></td><td>{E(f.Message)}</td><td>{E(location)}</td><td>{E(waiver)}</td></tr>\n");
            }
            o.Append("</table>\n");
        }

        var trends = r.Gates.SelectMany(g => g.Trends.Select(t => (Gate: g.Name, Trend: t))).ToList();
        if (trends.Count > 0)
        {
            o.Append("<h2>Trends</h2>\n<table id=\"trends\">\n<tr><th>Gate</th><th>Metric</th><th>Last runs</th><th>Min / median / max</th></tr>\n");
            foreach (var (gate, t) in trends)
            {
                var values = t.Values.Where(double.IsFinite).ToList();
                var stats = values.Count == 0 ? "—" : $"{N(values.Min())} / {N(Statistics.Median(values))} / {N(values.Max())}";
                o.Append($"<tr><td>{E(gate)}</td><td>{E(t.Metric)}</td><td>{Chart(t.Metric, values)}</td><td>{stats}</td></tr>\n");
            }
            o.Append("</table>\n");
        }
        o.Append("</body>\n</html>\n");
        return o.ToString();
    }

    /// <summary>A line chart of the values, oldest left; a single value is a dot.</summary>
    private static string Chart(string metric, IReadOnlyList<double> values)
    {
        var svg = new StringBuilder($"<svg class=\"trend\" role=\"img\" aria-label=\"{E(metric)} trend\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" xmlns=\"http://www.w3.org/2000/svg\">");
        if (values.Count > 0)
        {
            double min = values.Min(), max = values.Max(), span = max - min;
            var points = values.Select((v, i) => (
                X: values.Count == 1 ? ChartWidth / 2.0 : 4 + i * (ChartWidth - 8.0) / (values.Count - 1),
                Y: span == 0 ? ChartHeight / 2.0 : ChartHeight - 4 - (v - min) / span * (ChartHeight - 8.0))).ToList();
            if (points.Count > 1)
                svg.Append("<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"")
                   .AppendJoin(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}")).Append("\"/>");
            var last = points[^1];
            svg.Append($"<circle cx=\"{N(last.X)}\" cy=\"{N(last.Y)}\" r=\"3\" fill=\"#0969da\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static void AppendFact(StringBuilder o, string name, string? value)
    {
        if (value is not null) o.Append($"<strong>{name}</strong> {E(value)} &nbsp; ");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(double d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}
