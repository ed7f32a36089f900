using GateKit.Output.Ci;
using GateKit.Results;
using GateKit.Tests.Output.Reports;

namespace GateKit.Tests.Output.Ci;

/// <summary>The GitLab job-log section: GitLab's markers, a line per gate and finding, hostile text kept inside its line.</summary>
public sealed class GitLabLogSectionTests
{
    private const string Esc = "\u001b";

    [Fact]
    public void An_ordinary_run_is_one_open_section_with_a_line_per_gate_and_finding()
    {
        var text = GitLabLogSection.Text(ReportRuns.Ordinary());
        var lines = text.Split('\n');
        Assert.Equal($"{Esc}[0Ksection_start:1795392000:gatekit_20261123T000000000Z-0000abcd\r{Esc}[0KGateKit NO-GO: run 20261123T000000000Z-0000abcd", lines[0]);
        Assert.Equal("  release: fail (artifact_missing, schema_violation, monitoring_alert)", lines[1]);
        Assert.Equal("  docs: skipped", lines[3]);
        Assert.Equal("  P0 release artifact_missing dist/sbom.json: artifact 'sbom' not found", lines[4]);
        Assert.Equal("  P1 release schema_violation dist/meta.json:7:3: $.version: expected string", lines[5]);
        Assert.Equal("  P1 quality condition_violated data/cases.jsonl: latency_p95 = 1353; needs <= 1300 (waived: WV-1, accepted until the fix ships)", lines[8]);
        Assert.Equal($"{Esc}[0Ksection_end:1795392000:gatekit_20261123T000000000Z-0000abcd\r{Esc}[0K", lines[9]);
        Assert.Equal("", lines[10]);
        Assert.Equal(text, GitLabLogSection.Text(ReportRuns.Ordinary()));
    }

    [Theory]
    [InlineData(Decision.Go, true)]
    [InlineData(Decision.GoWithConditions, false)]
    [InlineData(Decision.NoGo, false)]
    public void Only_a_go_section_starts_collapsed(Decision decision, bool collapsed)
    {
        var text = GitLabLogSection.Text(ReportRuns.Ordinary() with { Decision = decision });
        Assert.Equal(collapsed, text.Split('\n')[0].Contains("[collapsed=true]\r", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("20261123T000000000Z-0000abcd", "gatekit_20261123T000000000Z-0000abcd")]
    [InlineData("a b:c[d]\n\u001b", "gatekit_a_b_c_d___")]
    [InlineData("ü.x-y_z", "gatekit__.x-y_z")]
    public void Section_names_hold_only_the_characters_GitLab_allows(string runId, string expected) =>
        Assert.Equal(expected, GitLabLogSection.SectionName(runId));

    [Fact]
    public void Hostile_text_cannot_add_a_line_end_the_section_or_send_an_escape_sequence()
    {
        var run = ReportRuns.Hostile();
        var text = GitLabLogSection.Text(run);
        Assert.True(text.Length < 4 * 1024 * 1024, $"{text.Length} characters: messages and paths are clipped");
        var lines = text.Split('\n');
        var findings = run.Gates.Sum(g => g.Findings.Count);
        Assert.Equal(1 + run.Gates.Count + findings + 1 + 1, lines.Length);
        Assert.Single(lines, l => l.Contains("section_start:", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("section_end:", StringComparison.Ordinal));
        foreach (var line in lines[1..^2])
        {
            Assert.DoesNotContain(line, c => char.IsControl(c));
            ReportRuns.AssertCleanText(line);
        }
        Assert.Contains(lines, l => l.EndsWith(": line one ⏎ line two ⏎ line three ⏎ end", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("clipped from", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "  quality ⏎ <q>: error (hostile_0)");
    }

    [Fact]
    public void Past_the_limit_one_line_counts_the_rest()
    {
        var findings = Enumerable.Range(0, GitLabLogSection.MaxFindings + 3).Select(i => new Finding("c" + i, Priority.P2, "m")).ToList();
        var run = GateKit.Tests.Support.Runs.Run("r", Decision.Go, GateKit.Tests.Support.Runs.Gate("release", GateStatus.Pass, findings));
        var lines = GitLabLogSection.Text(run).Split('\n');
        Assert.Equal("  … 3 more findings are in result.json and summary.md", lines[^3]);
    }
}
