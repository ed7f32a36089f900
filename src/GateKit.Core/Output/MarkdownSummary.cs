using System.Globalization;
using System.Text;
using GateKit.Results;

namespace GateKit.Output;

/// <summary>How summary.md is rendered.</summary>
/// <param name="MaxFindings">Findings listed before the rest is counted in one line (result.json has them all).</param>
/// <param name="InputLinkBase">
/// A URL prefix from the summary's folder to the root that input paths are relative to (e.g. "../../../");
/// when set, input files become links. It comes from the caller, not from an input.
/// </param>
/// <param name="FailedRuns">The failed-run queue of the state folder when the run was recorded; null leaves it out (deterministic runs).</param>
public sealed record SummaryOptions(int MaxFindings = 50, string? InputLinkBase = null, Runs.FailedRunQueue? FailedRuns = null);

/// <summary>
/// Renders a <see cref="RunResult"/> as summary.md (spec: "One config, one result"): decision banner,
/// conditions, one row per gate, findings worst first, thresholds with their sources, trends, inputs.
/// Pure: the same result and options give the same bytes, with '\n' line endings. Every string that
/// came from an input goes through <see cref="MarkdownText"/>.
/// </summary>
public static class MarkdownSummary
{
    internal const string Dash = "—";
    private const string Sparks = "▁▂▃▄▅▆▇█";

    public static string Render(RunResult result, SummaryOptions options) => string.Concat(Sections(result, options).Select(s => s.Markdown));

    /// <summary>summary.md as its sections, in order: the banner first; a section with nothing to show is left out.</summary>
    public static IReadOnlyList<SummarySection> Sections(RunResult result, SummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var o = new SummaryWriter();
        WriteBanner(o, result);
        if (result.Decision == Decision.GoWithConditions) WriteConditions(o, result);
        WriteGates(o, result);
        WriteFindings(o, result, Math.Max(0, options.MaxFindings));
        foreach (var gate in result.Gates) Gates.GateCatalog.Find(gate.Name)?.WriteSummary(o, gate);
        WriteThresholds(o, result);
        WriteTrends(o, result);
        WriteInputs(o, result, options.InputLinkBase);
        WriteFailedRuns(o, options.FailedRuns);
        return o.Sections();
    }

    private static void WriteFailedRuns(SummaryWriter o, Runs.FailedRunQueue? queue)
    {
        if (queue is not { Count: > 0 }) return;
        o.Section(SummarySectionKind.FailedRuns, "Failed-run queue");
        o.Blank();
        o.Line($"{queue.Count} earlier run(s) failed (error, interrupted or refused); the newest, with the command that processes each again:");
        o.Blank();
        foreach (var e in queue.Newest)
            o.Line($"- {MarkdownText.Code(e.RunId)} exit {e.ExitCode}{(e.Reason is null ? "" : " — " + MarkdownText.Inline(e.Reason))}: {MarkdownText.Code(e.ReprocessCommand)}");
        o.Blank();
        o.Line($"The whole queue: {MarkdownText.Code("gatekit runs failed")}");
        o.Blank();
    }

    private static void WriteBanner(SummaryWriter o, RunResult r)
    {
        o.Line("## " + DecisionLabel(r.Decision));
        o.Blank();
        if (r.Interrupted)
        {
            o.Line("> [!CAUTION]");
            o.Line("> **⛔ INTERRUPTED** — the run was stopped before it finished; this result covers only the gates evaluated until then.");
            o.Blank();
        }
        var facts = new List<string> { "**Run** " + MarkdownText.Code(r.RunId) };
        if (!string.IsNullOrEmpty(r.Profile)) facts.Add("**Profile** " + MarkdownText.Inline(r.Profile));
        if (!string.IsNullOrEmpty(r.Tag)) facts.Add("**Tag** " + MarkdownText.Inline(r.Tag));
        if (!string.IsNullOrEmpty(r.Git?.Ref)) facts.Add("**Ref** " + MarkdownText.Inline(r.Git.Ref));
        if (!string.IsNullOrEmpty(r.Git?.Sha)) facts.Add("**Commit** " + MarkdownText.Code(Short(r.Git.Sha)));
        if (r.Git?.Dirty is { } dirty) facts.Add(dirty ? $"**Working tree** ⚠️ dirty ({r.Git.ChangedFiles} changed file(s))" : "**Working tree** clean");
        if (r.Overrides.Count > 0) facts.Add("**Overrides** " + string.Join(" ", r.Overrides.Select(MarkdownText.Code)));
        o.Line(string.Join(" · ", facts));
        o.Blank();
        o.Line("**Reason codes:** " + CodeList(r.ReasonCodes, "none"));
        o.Blank();
    }

    private static void WriteConditions(SummaryWriter o, RunResult r)
    {
        o.Section(SummarySectionKind.Conditions, "Conditions");
        o.Blank();
        if (r.Conditions.Count == 0) o.Line("No conditions were recorded.");
        foreach (var c in r.Conditions)
            o.Line($"- {StatusLabel(c.Status)} **{MarkdownText.Inline(c.Gate)}** — {CodeList(c.ReasonCodes, "no reason codes")}");
        o.Blank();
    }

    private static void WriteGates(SummaryWriter o, RunResult r)
    {
        o.Section(SummarySectionKind.Gates, "Gates");
        o.Blank();
        if (r.Gates.Count == 0)
        {
            o.Line("No gates were evaluated.");
            o.Blank();
            return;
        }
        o.Row("Gate", "Status", "Reason codes", "Findings");
        o.Row("---", "---", "---", "---:");
        foreach (var g in r.Gates)
        {
            var waived = g.Findings.Count(f => f.IsWaived);
            var count = Invariant(g.Findings.Count) + (waived > 0 ? $" ({Invariant(waived)} waived)" : "");
            o.Row(MarkdownText.Cell(g.Name), StatusLabel(g.Status), CodeList(g.ReasonCodes, Dash), count);
        }
        o.Blank();
    }

    private static void WriteFindings(SummaryWriter o, RunResult r, int max)
    {
        o.Section(SummarySectionKind.Findings, "Findings");
        o.Blank();
        // Worst first: unwaived P0, P1, P2, then the waived ones; stable by gate order, then as reported.
        var ordered = r.Gates
            .SelectMany((g, gi) => g.Findings.Select((f, fi) => (Gate: g.Name, Finding: f, gi, fi)))
            .OrderBy(x => x.Finding.IsWaived)
            .ThenBy(x => x.Finding.Priority)
            .ThenBy(x => x.gi)
            .ThenBy(x => x.fi)
            .ToList();
        if (ordered.Count == 0)
        {
            o.Line("No findings.");
            o.Blank();
            return;
        }
        if (max > 0)
        {
            o.Row("Priority", "Gate", "Code", "Message", "Location", "Waiver");
            o.Row("---", "---", "---", "---", "---", "---");
            foreach (var (gate, f, _, _) in ordered.Take(max))
            {
                o.Row(
                    PriorityLabel(f),
                    MarkdownText.Cell(gate),
                    MarkdownText.Code(f.Code),
                    MarkdownText.Cell(f.Message),
                    f.Location is null ? Dash : MarkdownText.Code(LocationText(f.Location)),
                    f.Waiver is null ? Dash : WaiverText(f.Waiver));
            }
            o.Blank();
        }
        var hidden = ordered.Count - Math.Min(max, ordered.Count);
        if (hidden > 0)
        {
            o.Line($"… and {Invariant(hidden)} more finding{(hidden == 1 ? "" : "s")} (see result.json)");
            o.Blank();
        }
    }

    private static void WriteThresholds(SummaryWriter o, RunResult r)
    {
        var gates = r.Gates.Where(g => g.Thresholds.Count > 0).ToList();
        if (gates.Count == 0) return;
        o.Section(SummarySectionKind.Thresholds, "Thresholds");
        o.Blank();
        foreach (var g in gates)
        {
            o.Line("#### " + MarkdownText.Inline(g.Name));
            o.Blank();
            o.Row("Key", "Condition", "Priority", "Source");
            o.Row("---", "---", "---", "---");
            foreach (var t in g.Thresholds.Take(TableLimit.MaxRows))
            {
                var condition = t.Op == "between"
                    ? $"between \\[{FormatNumber(t.Value)}, {(t.Max is { } max ? FormatNumber(max) : "?")}\\]"
                    : t.RelativeTo is { } baseline
                        ? $"% change vs {MarkdownText.Cell(baseline)} {MarkdownText.Cell(t.Op)} {FormatDelta(t.Value)}%"
                        : MarkdownText.Cell(t.Op) + " " + FormatNumber(t.Value);
                o.Row(MarkdownText.Cell(t.Key), condition, t.Priority.ToString(), MarkdownText.Cell(t.Source));
            }
            o.Blank();
            WriteMore(o, g.Thresholds.Count, "threshold", "thresholds");
        }
    }

    private static void WriteMore(SummaryWriter o, int rows, string singular, string plural)
    {
        if (rows <= TableLimit.MaxRows) return;
        o.Line(TableLimit.More(rows - TableLimit.MaxRows, singular, plural));
        o.Blank();
    }

    private static void WriteTrends(SummaryWriter o, RunResult r)
    {
        var gates = r.Gates.Where(g => g.Trends.Count > 0).ToList();
        if (gates.Count == 0) return;
        o.Section(SummarySectionKind.Trends, "Trends");
        o.Blank();
        var charts = new List<(string Gate, Trend Trend)>();
        foreach (var g in gates)
        {
            o.Line("#### " + MarkdownText.Inline(g.Name));
            o.Blank();
            o.Row("Metric", "Previous", "Current", "Delta", "Trend", "Min / Median / Max");
            o.Row("---", "---:", "---:", "---:", "---", "---");
            foreach (var t in g.Trends.Take(TableLimit.MaxRows))
            {
                var values = t.Values;
                var current = values.Count > 0 ? FormatNumber(values[^1]) : Dash;
                var trend = values.Count switch
                {
                    0 => "no history yet",
                    1 => "first run: no trend yet",
                    _ => Sparkline(values),
                };
                var finite = values.Where(double.IsFinite).ToList();
                var stats = finite.Count == 0
                    ? Dash
                    : $"{FormatNumber(finite.Min())} / {FormatNumber(Statistics.Median(finite))} / {FormatNumber(finite.Max())}";
                o.Row(
                    MarkdownText.Cell(t.Metric),
                    t.Previous is { } p ? FormatNumber(p) : Dash,
                    current,
                    t.Previous is not null && t.Delta is { } d ? FormatDelta(d) : Dash,
                    trend,
                    stats);
                if (finite.Count >= 2 && finite.Count == values.Count) charts.Add((g.Name, t));
            }
            o.Blank();
            WriteMore(o, g.Trends.Count, "trend", "trends");
        }
        if (charts.Count == 0) return;
        // An HTML block ends at a blank line, so the blank lines let the fenced charts parse inside it.
        o.Line("<details><summary>Trend charts</summary>");
        o.Blank();
        foreach (var (gate, t) in charts)
        {
            o.Line("```mermaid");
            o.Line("xychart-beta");
            o.Line($"    title \"{MermaidLabel(gate + ": " + t.Metric)}\"");
            o.Line("    x-axis [" + string.Join(", ", Enumerable.Range(1, t.Values.Count).Select(Invariant)) + "]");
            o.Line("    line [" + string.Join(", ", t.Values.Select(FormatNumber)) + "]");
            o.Line("```");
            o.Blank();
        }
        o.Line("</details>");
        o.Blank();
    }

    private static void WriteInputs(SummaryWriter o, RunResult r, string? linkBase)
    {
        o.Section(SummarySectionKind.Inputs, "Inputs");
        o.Blank();
        var c = r.Config;
        o.Line($"**Config:** {InputLink(c.Path, linkBase)} · sha256 {MarkdownText.Code(Short(c.Sha256))} · {FormatSize(c.Size)}");
        o.Blank();
        var rows = r.Gates.SelectMany(g => g.Inputs.Select(i => (Gate: g.Name, Input: i))).ToList();
        if (rows.Count == 0)
        {
            o.Line("No input files were read.");
            o.Blank();
            return;
        }
        o.Row("Gate", "File", "SHA-256", "Size");
        o.Row("---", "---", "---", "---:");
        foreach (var (gate, i) in rows.Take(TableLimit.MaxRows))
            o.Row(MarkdownText.Cell(gate), InputLink(i.Path, linkBase), MarkdownText.Code(Short(i.Sha256)), FormatSize(i.Size));
        o.Blank();
        WriteMore(o, rows.Count, "input file", "input files");
    }

    private static string InputLink(string path, string? linkBase)
    {
        if (linkBase is null) return MarkdownText.Code(path);
        var prefix = MarkdownText.UrlPrefix(linkBase);
        if (prefix.Length > 0 && !prefix.EndsWith('/')) prefix += "/";
        var url = prefix + string.Join("/", path.Split('/').Select(MarkdownText.UrlSegment));
        return $"[{MarkdownText.Inline(path)}]({url})";
    }

    private static string DecisionLabel(Decision d) => d switch
    {
        Decision.Go => "✅ ",
        Decision.GoWithConditions => "⚠️ ",
        _ => "❌ ",
    } + d.Banner();

    internal static string StatusLabel(GateStatus s) => s switch
    {
        GateStatus.Pass => "✅ pass",
        GateStatus.Skipped => "⏭️ skipped",
        GateStatus.Warn => "⚠️ warn",
        GateStatus.Partial => "🟡 partial",
        GateStatus.Fail => "❌ fail",
        _ => "💥 error",
    };

    private static string PriorityLabel(Finding f) => (f.IsWaived ? "⚪ " : f.Priority switch
    {
        Priority.P0 => "🔴 ",
        Priority.P1 => "🟠 ",
        _ => "🔵 ",
    }) + f.Priority;

    private static string WaiverText(WaiverMark w) =>
        $"waived by {MarkdownText.Cell(w.Owner)} (waiver {MarkdownText.Cell(w.Id)}, expires {MarkdownText.Cell(w.Expires)})";

    private static string LocationText(Location l)
    {
        var s = l.File;
        if (l.Line is { } line)
        {
            s += ":" + Invariant(line);
            if (l.Column is { } col) s += ":" + Invariant(col);
        }
        return s;
    }

    private static string CodeList(IReadOnlyList<string> codes, string empty) =>
        codes.Count == 0 ? empty : string.Join(", ", codes.Select(MarkdownText.Code));

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    /// <summary>Eight-level sparkline over the values, oldest first; a flat series sits in the middle.</summary>
    internal static string Sparkline(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return new string('·', values.Count);
        double min = finite.Min(), max = finite.Max();
        var s = new StringBuilder(values.Count);
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) s.Append('·');
            else if (max == min) s.Append(Sparks[3]);
            else s.Append(Sparks[(int)Math.Round((v - min) / (max - min) * (Sparks.Length - 1), MidpointRounding.AwayFromZero)]);
        }
        return s.ToString();
    }

    /// <summary>
    /// A number for people: at most 4 decimals, never an exponent; values too small for 4 decimals keep
    /// 4 significant digits instead of showing as 0. Invariant culture, so the same on every machine.
    /// </summary>
    internal static string FormatNumber(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        string s;
        if (Math.Round(Math.Abs(v), 4) != 0) s = v.ToString("0.####", CultureInfo.InvariantCulture);
        else
        {
            var decimals = Math.Min(40, -(int)Math.Floor(Math.Log10(Math.Abs(v))) + 3);
            s = v.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        }
        return s == "-0" ? "0" : s;
    }

    internal static string FormatDelta(double d)
    {
        var s = FormatNumber(d);
        return d > 0 ? "+" + s : s;
    }

    internal static string FormatSize(long bytes)
    {
        if (bytes < 1024) return Invariant(bytes) + " B";
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var u = -1;
        while (value >= 1024 && u < units.Length - 1)
        {
            value /= 1024;
            u++;
        }
        return value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[u];
    }

    // Mermaid parses the chart text itself: keep a label to characters that cannot end the quoted
    // string or the fence.
    private static string MermaidLabel(string s)
    {
        var o = new StringBuilder(Math.Min(s.Length, 80));
        foreach (var c in s.Take(80)) o.Append(char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or ':' or '/' ? c : '_');
        return o.ToString();
    }

    private static string Invariant(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(long i) => i.ToString(CultureInfo.InvariantCulture);
}
