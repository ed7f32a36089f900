using GateKit.Gates;
using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>The docs gate as configured in gatekit.json: roots and dialects, globs, ignore rules, severities, external links.</summary>
public sealed class DocsGateTests : IDisposable
{
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    private GateOutcome Evaluate(string docsJson)
    {
        var config = Configs.Parse($$"""{ "schemaVersion": 1, "gates": { "docs": {{docsJson}} } }""");
        return new DocsGate().Evaluate(Configs.Context(config, dir.Path), CancellationToken.None);
    }

    [Fact]
    public void Each_root_uses_its_own_slug_dialect()
    {
        dir.Write("README.md", "# Top\n\n[x](site/page.md#cafe-creme)\n");
        dir.Write("site/page.md", "## Café & Crème\n\n[self](#cafe-creme)\n");
        dir.Write("handbook/a.md", "## API v2.0 -- notes\n\n[self](#api-v20-notes)\n");
        var outcome = Evaluate("""{ "roots": [ { "path": "site", "slugs": "mkdocs" }, { "path": "handbook", "slugs": "gitlab-legacy" }, { "path": "." } ] }""");
        // README.md is in the github root: the MkDocs slug is not a GitHub slug of that heading.
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal((DocsCodes.AnchorMissing, "README.md", 3, 1), (finding.Code, finding.Location!.File, finding.Location.Line, finding.Location.Column));
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
        Assert.Equal(3, outcome.Metrics["files_checked"]);
        Assert.Equal(["README.md", "handbook/a.md", "site/page.md"], outcome.Inputs.Select(i => i.Path));
    }

    [Fact]
    public void Ignore_rules_match_by_target_pattern_and_by_file()
    {
        dir.Write("README.md", "[a](feature/login.md) [b](missing.md)\n");
        dir.Write("CHANGELOG.md", "[old](gone.md)\n");
        var outcome = Evaluate("""{ "ignore": [ { "target": "^feature/" }, { "file": "CHANGELOG.md" } ] }""");
        Assert.Equal(["missing.md"], outcome.Findings.Select(f => f.Subject));
    }

    [Fact]
    public void Exclude_globs_and_severity_overrides_apply()
    {
        dir.Write("README.md", "text\n\n[unused]: README.md\n");
        dir.Write("vendor/x.md", "[broken](nope.md)\n");
        var outcome = Evaluate("""{ "exclude": [ "vendor/**" ], "severity": { "reference_unused": "P1" } }""");
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal((DocsCodes.ReferenceUnused, Priority.P1), (finding.Code, finding.Priority));
        Assert.Equal(GateStatus.Warn, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Theory]
    [InlineData("(a)\\1")] // backreference
    [InlineData("(?<=x)y")] // lookbehind
    [InlineData("(?>a)")] // atomic group
    [InlineData("[unclosed")]
    public void An_ignore_pattern_that_cannot_match_in_linear_time_is_a_config_error_naming_it(string pattern)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(pattern);
        var e = Assert.Throws<GateKit.Config.ConfigException>(() => Configs.Parse($$"""{ "schemaVersion": 1, "gates": { "docs": { "ignore": [ { "target": {{json}} } ] } } }"""));
        var errors = string.Join("\n", e.Errors);
        Assert.Contains("$.gates.docs.ignore[0].target", errors);
        Assert.Contains($"'{pattern}'", errors);
    }

    [Fact]
    public void A_catastrophic_backtracking_pattern_matches_in_linear_time()
    {
        // (a+)+$ backtracks exponentially on "aaaa…!" in a backtracking engine; the non-backtracking one answers at once.
        dir.Write("README.md", $"[x]({new string('a', 5000)}!.md) [y](missing.md)\n");
        var outcome = Evaluate("""{ "ignore": [ { "target": "^(a+)+$" }, { "target": "^(a|aa)+!\\.md$" } ] }""");
        Assert.Equal(["missing.md"], outcome.Findings.Select(f => f.Subject));
    }

    [Fact]
    public void External_links_are_counted_and_listed_only_on_request()
    {
        dir.Write("README.md", "[a](https://example.com) <https://example.org> www.example.net\n");
        Assert.Empty(Evaluate("{}").Findings);
        Assert.Equal(3, Evaluate("{}").Metrics["links_external"]);
        var listed = Evaluate("""{ "listExternal": true }""");
        Assert.Equal(3, listed.Findings.Count(f => f.Code == DocsCodes.ExternalLink));
        Assert.Equal(GateStatus.Pass, listed.Rules.StatusOf(listed.Findings));
    }

    [Fact]
    public void No_markdown_is_never_a_pass()
    {
        dir.Write("notes.txt", "x\n");
        var outcome = Evaluate("{}");
        Assert.Equal(DocsCodes.NothingEvaluated, Assert.Single(outcome.Findings).Code);
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Fact]
    public void A_root_outside_the_repository_is_rejected_by_the_config()
    {
        var e = Assert.Throws<GateKit.Config.ConfigException>(() => Configs.Parse("""{ "schemaVersion": 1, "gates": { "docs": { "roots": [ { "path": "../x" } ] } } }"""));
        Assert.Contains("$.gates.docs.roots[0].path", string.Join("\n", e.Errors));
    }

    [Fact]
    public void Findings_point_at_the_link_text_line_and_column()
    {
        dir.Write("README.md", "# T\n\n> quoted [first](a.md)\n\n- item <a href=\"b.md\">b</a>\n\n<img\n  src=\"c.png\">\n");
        var findings = Evaluate("{}").Findings;
        Assert.Equal([(3, 10), (5, 11), (8, 3)], findings.Select(f => (f.Location!.Line!.Value, f.Location.Column!.Value)));
    }
}
