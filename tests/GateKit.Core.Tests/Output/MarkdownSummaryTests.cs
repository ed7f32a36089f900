using GateKit.Output;
using GateKit.Results;
using GateKit.Tests.Support;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GateKit.Tests.Output;

public class MarkdownSummaryTests
{
    // ---- builders -------------------------------------------------------------------------------

    private static GateResult Gate(
        string name,
        GateStatus status = GateStatus.Pass,
        Finding[]? findings = null,
        ThresholdUse[]? thresholds = null,
        Trend[]? trends = null,
        InputDigest[]? inputs = null,
        string[]? reasons = null) =>
        new(name, status, reasons ?? [], findings ?? [], new Dictionary<string, double>(), thresholds ?? [], inputs ?? [], trends ?? []);

    private static RunResult Run(Decision decision, params GateResult[] gates) => new(
        SchemaVersion: 1,
        Tool: new ToolInfo("gatekit", "0.1.0"),
        RunId: "20250101T000000Z-abc123",
        StartedAt: "2025-01-01T00:00:00Z",
        FinishedAt: "2025-01-01T00:00:01Z",
        Git: new GitInfo("refs/heads/main", "0123456789abcdef0123456789abcdef01234567"),
        Profile: "prod",
        Tag: "v1.2.3",
        Deterministic: true,
        Interrupted: false,
        Decision: decision,
        ReasonCodes: [],
        Conditions: [],
        Gates: gates,
        Config: new InputDigest("gatekit.json", new string('a', 64), 1234));

    private static Finding F(string code, Priority p, string? file = null, WaiverMark? waiver = null) =>
        new(code, p, "message for " + code, file is null ? null : new Location(file, 3, 7), Waiver: waiver);

    private static readonly WaiverMark Waiver = new("W-1", "alice", "known flake", "CHG-9", "2030-01-01");

    private static MarkdownDocument Parse(RunResult r, SummaryOptions? o = null) =>
        MarkdownTree.Parse(MarkdownSummary.Render(r, o ?? new SummaryOptions()));

    private static List<List<string>> TableAfter(MarkdownDocument doc, string heading) =>
        MarkdownTree.Rows(MarkdownTree.After<Table>(doc, heading) ?? throw new Xunit.Sdk.XunitException($"no table after '{heading}'"));

    // ---- banner ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(Decision.Go, "✅ GO")]
    [InlineData(Decision.GoWithConditions, "⚠️ GO WITH CONDITIONS")]
    [InlineData(Decision.NoGo, "❌ NO-GO")]
    public void Banner_heading_names_the_decision(Decision decision, string expected)
    {
        var doc = Parse(Run(decision, Gate("release")) with { ReasonCodes = ["cases_total_zero"] });

        var first = MarkdownTree.Headings(doc)[0];
        Assert.Equal(2, first.Level);
        Assert.Equal(expected, MarkdownTree.Text(first));
        var facts = MarkdownTree.Text(doc[1]);
        Assert.Contains("20250101T000000Z-abc123", facts);
        Assert.Contains("prod", facts);
        Assert.Contains("v1.2.3", facts);
        Assert.Contains("refs/heads/main", facts);
        Assert.Contains("0123456789ab", facts);
        Assert.Contains(doc.OfType<ParagraphBlock>(), p => MarkdownTree.Text(p) == "Reason codes: cases_total_zero");
    }

    [Fact]
    public void Interrupted_run_gets_a_loud_quote_and_a_clean_one_does_not()
    {
        var interrupted = Parse(Run(Decision.NoGo, Gate("release")) with { Interrupted = true });
        var clean = Parse(Run(Decision.Go, Gate("release")));

        var quote = Assert.Single(interrupted.Descendants<QuoteBlock>());
        Assert.Contains("INTERRUPTED", MarkdownTree.Text(quote));
        Assert.Empty(clean.Descendants<QuoteBlock>());
    }

    // ---- conditions and gates -------------------------------------------------------------------

    [Fact]
    public void Conditions_are_listed_only_for_go_with_conditions()
    {
        var conditions = new[]
        {
            new RunCondition("quality", GateStatus.Partial, ["p1_violations"]),
            new RunCondition("docs", GateStatus.Warn, ["broken_anchor", "external_unchecked"]),
        };
        var withConditions = Parse(Run(Decision.GoWithConditions, Gate("quality", GateStatus.Partial), Gate("docs", GateStatus.Warn)) with { Conditions = conditions });
        var go = Parse(Run(Decision.Go, Gate("quality")) with { Conditions = conditions });

        var list = MarkdownTree.After<ListBlock>(withConditions, "Conditions");
        Assert.NotNull(list);
        var items = list.Select(MarkdownTree.Text).ToList();
        Assert.Equal(["🟡 partial quality — p1_violations", "⚠️ warn docs — broken_anchor, external_unchecked"], items);
        Assert.DoesNotContain(MarkdownTree.Headings(go), h => MarkdownTree.Text(h) == "Conditions");
    }

    [Fact]
    public void Gates_table_has_a_row_per_gate_with_status_reasons_and_finding_counts()
    {
        var doc = Parse(Run(Decision.NoGo,
            Gate("release", GateStatus.Fail, [F("schema_invalid", Priority.P0), F("alert", Priority.P1), F("md", Priority.P2, waiver: Waiver)], reasons: ["schema_invalid", "alert_high"]),
            Gate("docs", GateStatus.Pass),
            Gate("promotion", GateStatus.Skipped)));

        var rows = TableAfter(doc, "Gates");
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(4, r.Count));
        Assert.Equal(["Gate", "Status", "Reason codes", "Findings"], rows[0]);
        Assert.Equal(["release", "❌ fail", "schema_invalid, alert_high", "3 (1 waived)"], rows[1]);
        Assert.Equal(["docs", "✅ pass", "—", "0"], rows[2]);
        Assert.Equal(["promotion", "⏭️ skipped", "—", "0"], rows[3]);
    }

    // ---- findings -------------------------------------------------------------------------------

    [Fact]
    public void Findings_are_worst_first_with_waived_last_and_stable_within_a_level()
    {
        var doc = Parse(Run(Decision.NoGo,
            Gate("release", GateStatus.Fail, [F("r-p2", Priority.P2), F("r-p0-waived", Priority.P0, waiver: Waiver), F("r-p1", Priority.P1), F("r-p0a", Priority.P0, "a.json"), F("r-p0b", Priority.P0)]),
            Gate("docs", GateStatus.Fail, [F("d-p0", Priority.P0), F("d-p2-waived", Priority.P2, waiver: Waiver), F("d-p1", Priority.P1)])));

        var rows = TableAfter(doc, "Findings");
        Assert.Equal(["Priority", "Gate", "Code", "Message", "Location", "Waiver"], rows[0]);
        Assert.All(rows, r => Assert.Equal(6, r.Count));
        Assert.Equal(
            ["r-p0a", "r-p0b", "d-p0", "r-p1", "d-p1", "r-p2", "r-p0-waived", "d-p2-waived"],
            rows.Skip(1).Select(r => r[2]));
        Assert.Equal(["🔴 P0", "release", "r-p0a", "message for r-p0a", "a.json:3:7", "—"], rows[1]);
        Assert.Equal("⚪ P0", rows[7][0]);
        Assert.Equal("waived by alice (waiver W-1, expires 2030-01-01)", rows[7][5]);
    }

    [Theory]
    [InlineData(7, 3, "… and 4 more findings (see result.json)")]
    [InlineData(4, 3, "… and 1 more finding (see result.json)")]
    [InlineData(3, 3, null)]
    [InlineData(2, 0, "… and 2 more findings (see result.json)")]
    public void Findings_are_capped_with_a_count_of_the_rest(int total, int max, string? capLine)
    {
        var findings = Enumerable.Range(0, total).Select(i => F("c" + i, Priority.P1)).ToArray();
        var doc = Parse(Run(Decision.GoWithConditions, Gate("quality", GateStatus.Partial, findings)), new SummaryOptions(MaxFindings: max));

        var table = MarkdownTree.After<Table>(doc, "Findings");
        Assert.Equal(Math.Min(total, max), table is null ? 0 : MarkdownTree.Rows(table).Count - 1);
        var cap = doc.OfType<ParagraphBlock>().Select(p => MarkdownTree.Text(p)).Where(t => t.StartsWith('…')).ToList();
        if (capLine is null) Assert.Empty(cap);
        else Assert.Equal(capLine, Assert.Single(cap));
    }

    // ---- thresholds and trends ------------------------------------------------------------------

    [Fact]
    public void Thresholds_show_condition_priority_and_source_per_gate()
    {
        var doc = Parse(Run(Decision.Go, Gate("quality", thresholds:
        [
            new ThresholdUse("pass_rate", ">=", 0.95, null, "profile:prod", Priority.P0),
            new ThresholdUse("latency_p95", "between", 0.1, 2.5, "default", Priority.P1),
            new ThresholdUse("cost", "<=", 1234.56789, null, "override", Priority.P2),
        ]), Gate("docs")));

        Assert.Contains(MarkdownTree.Headings(doc), h => h.Level == 4 && MarkdownTree.Text(h) == "quality");
        var rows = TableAfter(doc, "quality");
        Assert.Equal(["Key", "Condition", "Priority", "Source"], rows[0]);
        Assert.Equal(["pass_rate", ">= 0.95", "P0", "profile:prod"], rows[1]);
        Assert.Equal(["latency_p95", "between [0.1, 2.5]", "P1", "default"], rows[2]);
        Assert.Equal(["cost", "<= 1234.5679", "P2", "override"], rows[3]);
        Assert.DoesNotContain(MarkdownTree.Headings(doc), h => MarkdownTree.Text(h) == "docs");
    }

    [Fact]
    public void Trends_show_delta_sparkline_stats_and_a_mermaid_chart()
    {
        var doc = Parse(Run(Decision.Go, Gate("quality", trends:
        [
            new Trend("pass_rate", [1, 2, 3, 4, 5, 6, 7, 8], 7, 1),
            new Trend("error_rate", [0.05, 0.03], 0.05, -0.02),
        ])));

        var rows = TableAfter(doc, "Trends");
        Assert.Equal(["Metric", "Previous", "Current", "Delta", "Trend", "Min / Median / Max"], rows[0]);
        Assert.Equal(["pass_rate", "7", "8", "+1", "▁▂▃▄▅▆▇█", "1 / 4.5 / 8"], rows[1]);
        Assert.Equal(["error_rate", "0.05", "0.03", "-0.02", "█▁", "0.03 / 0.04 / 0.05"], rows[2]);

        var html = doc.Descendants<HtmlBlock>().Select(h => h.Lines.ToString().Trim()).ToList();
        Assert.Equal(["<details><summary>Trend charts</summary>", "</details>"], html);
        var charts = doc.Descendants<FencedCodeBlock>().Where(b => b.Info == "mermaid").Select(b => b.Lines.ToString()).ToList();
        Assert.Equal(2, charts.Count);
        Assert.StartsWith("xychart-beta", charts[0]);
        Assert.Contains("x-axis [1, 2, 3, 4, 5, 6, 7, 8]", charts[0]);
        Assert.Contains("line [1, 2, 3, 4, 5, 6, 7, 8]", charts[0]);
        Assert.Contains("line [0.05, 0.03]", charts[1]);
    }

    [Fact]
    public void A_single_value_trend_degrades_gracefully()
    {
        var doc = Parse(Run(Decision.Go, Gate("quality", trends: [new Trend("pass_rate", [0.97], null, null), new Trend("empty", [], null, null)])));

        var rows = TableAfter(doc, "Trends");
        Assert.Equal(["pass_rate", "—", "0.97", "—", "first run: no trend yet", "0.97 / 0.97 / 0.97"], rows[1]);
        Assert.Equal(["empty", "—", "—", "—", "no history yet", "—"], rows[2]);
        Assert.Empty(doc.Descendants<FencedCodeBlock>());
        Assert.Empty(doc.Descendants<HtmlBlock>());
    }

    [Fact]
    public void A_flat_trend_sits_in_the_middle() =>
        Assert.Equal("▄▄▄", MarkdownSummary.Sparkline([2, 2, 2]));

    // ---- inputs ---------------------------------------------------------------------------------

    [Fact]
    public void Inputs_show_short_digests_and_sizes_and_link_when_a_base_is_given()
    {
        var run = Run(Decision.Go, Gate("release", inputs: [new InputDigest("reports/v1 (final).json", "0123456789abcdef" + new string('0', 48), 2048)]));

        var linked = Parse(run, new SummaryOptions(InputLinkBase: "../.."));
        var plain = Parse(run);

        var rows = TableAfter(linked, "Inputs");
        Assert.Equal(["Gate", "File", "SHA-256", "Size"], rows[0]);
        Assert.Equal(["release", "reports/v1 (final).json", "0123456789ab", "2 KiB"], rows[1]);
        var urls = linked.Descendants<LinkInline>().Select(l => l.Url).ToList();
        Assert.Equal(["../../gatekit.json", "../../reports/v1%20%28final%29.json"], urls);
        Assert.Contains("aaaaaaaaaaaa", MarkdownTree.Text(MarkdownTree.After<ParagraphBlock>(linked, "Inputs")!));
        Assert.Contains("1.2 KiB", MarkdownTree.Text(MarkdownTree.After<ParagraphBlock>(linked, "Inputs")!));
        Assert.Empty(plain.Descendants<LinkInline>());
        Assert.Equal(rows, TableAfter(plain, "Inputs"));
    }

    // ---- hostile input and determinism ---------------------------------------------------------

    private const string Evil = "a|b`<script>alert(1)</script>\n# x [x](javascript:alert(1)) ```";

    private static RunResult HostileRun() => Run(Decision.GoWithConditions,
            Gate(Evil, GateStatus.Partial,
                [new Finding(Evil, Priority.P1, Evil, new Location(Evil, 1, 2), Evil, new WaiverMark(Evil, Evil, Evil, Evil, Evil)),
                 new Finding("plain", Priority.P0, Evil, new Location("ok.md"))],
                [new ThresholdUse(Evil, Evil, 1, null, Evil, Priority.P1), new ThresholdUse(Evil, "between", 1, 2, Evil, Priority.P2)],
                [new Trend(Evil, [1, 2, 3], 2, 1), new Trend(Evil + "2", [4], null, null)],
                [new InputDigest(Evil, Evil, 10)],
                [Evil]))
        with
        {
            Profile = Evil,
            Tag = Evil,
            Git = new GitInfo(Evil, Evil),
            RunId = Evil,
            ReasonCodes = [Evil],
            Conditions = [new RunCondition(Evil, GateStatus.Partial, [Evil])],
            Interrupted = true,
            Config = new InputDigest(Evil, Evil, 1),
        };

    [Theory]
    [InlineData(null)]
    [InlineData("../..")]
    public void Hostile_strings_inject_no_html_links_headings_or_cells(string? linkBase)
    {
        var markdown = MarkdownSummary.Render(HostileRun(), new SummaryOptions(InputLinkBase: linkBase));
        var doc = MarkdownTree.Parse(markdown);

        Assert.Empty(doc.Descendants<HtmlInline>());
        Assert.Equal(["<details><summary>Trend charts</summary>", "</details>"], doc.Descendants<HtmlBlock>().Select(h => h.Lines.ToString().Trim()));
        // The hostile text may appear inside a link only as a percent-encoded path segment under the base.
        Assert.All(doc.Descendants<LinkInline>(), l => Assert.StartsWith("../../", l.Url));
        Assert.DoesNotContain(doc.Descendants<LinkInline>(), l => l.Url!.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(doc.Descendants<AutolinkInline>());
        Assert.Equal(linkBase is null ? 0 : 2, doc.Descendants<LinkInline>().Count());

        // Banner, Conditions, Gates, Findings, Thresholds (+ gate), Trends (+ gate), Inputs.
        Assert.Equal(
            ["⚠️ GO WITH CONDITIONS", "Conditions", "Gates", "Findings", "Thresholds", Flat(Evil), "Trends", Flat(Evil), "Inputs"],
            MarkdownTree.Headings(doc).Select(h => MarkdownTree.Text(h)));

        int[] expectedCells = [4, 6, 4, 6, 4];
        var tables = doc.Descendants<Table>().ToList();
        Assert.Equal(expectedCells.Length, tables.Count);
        for (var t = 0; t < tables.Count; t++)
            Assert.All(MarkdownTree.Rows(tables[t]), row => Assert.Equal(expectedCells[t], row.Count));
        Assert.Equal(2, MarkdownTree.Rows(tables[0]).Count);
        Assert.Equal(3, MarkdownTree.Rows(tables[1]).Count);
        Assert.Equal(Flat(Evil), MarkdownTree.Rows(tables[0])[1][0]);
        Assert.Equal(Flat(Evil), MarkdownTree.Rows(tables[1])[2][3]);

        // The only code blocks are the charts, and the hostile metric name cannot leave its quoted title.
        var blocks = doc.Descendants<CodeBlock>().ToList();
        var chart = Assert.IsType<FencedCodeBlock>(Assert.Single(blocks));
        Assert.Equal("mermaid", chart.Info);
        var title = Assert.Single(chart.Lines.ToString().Split('\n'), l => l.TrimStart().StartsWith("title"));
        Assert.Equal(2, title.Count(c => c == '"'));
        Assert.Single(doc.Descendants<QuoteBlock>());
    }

    private static string Flat(string s) => s.Replace('\n', ' ');

    [Fact]
    public void Rendering_is_deterministic_and_uses_lf_only()
    {
        var options = new SummaryOptions(MaxFindings: 1, InputLinkBase: "../");
        var first = MarkdownSummary.Render(HostileRun(), options);
        var second = MarkdownSummary.Render(HostileRun(), options);

        Assert.Equal(first, second);
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("\n", first);
    }

    // ---- number formatting ----------------------------------------------------------------------

    [Theory]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(2.0, "2")]
    [InlineData(-0.0, "0")]
    [InlineData(1234.56789, "1234.5679")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(0.00001234, "0.00001234")]
    [InlineData(-0.00001, "-0.00001")]
    [InlineData(double.NaN, "NaN")]
    public void Numbers_are_invariant_and_free_of_exponents(double value, string expected) =>
        Assert.Equal(expected, MarkdownSummary.FormatNumber(value));

    [Theory]
    [InlineData(0.02, "+0.02")]
    [InlineData(-0.01, "-0.01")]
    [InlineData(0.0, "0")]
    public void Deltas_carry_a_sign(double value, string expected) =>
        Assert.Equal(expected, MarkdownSummary.FormatDelta(value));

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024, "5 MiB")]
    public void Sizes_are_binary_units(long bytes, string expected) =>
        Assert.Equal(expected, MarkdownSummary.FormatSize(bytes));

    // ---- sections -------------------------------------------------------------------------------

    [Fact]
    public void The_sections_are_the_summary_each_headed_by_its_title_in_order()
    {
        var run = HostileRun() with { Conditions = [new RunCondition(Evil, GateStatus.Partial, [Evil])] };
        var options = new SummaryOptions(InputLinkBase: "../../");
        var sections = MarkdownSummary.Sections(run, options);

        Assert.Equal(MarkdownSummary.Render(run, options), string.Concat(sections.Select(s => s.Markdown)));
        Assert.Equal(SummarySectionKind.Banner, sections[0].Kind);
        Assert.Equal(sections.Select(s => s.Kind).Order(), sections.Select(s => s.Kind));
        Assert.Equal(sections.Count, sections.Select(s => s.Kind).Distinct().Count());
        Assert.All(sections.Skip(1), s => Assert.StartsWith($"### {s.Title}\n", s.Markdown));
        // No section holds another's heading: a host drops and cuts by section, never by reading headings back.
        Assert.All(sections, s => Assert.Single(s.Markdown.Split('\n'), l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("### ", StringComparison.Ordinal)));
    }
}
