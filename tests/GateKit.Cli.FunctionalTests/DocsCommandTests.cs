using System.Text;
using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit docs check and the docs gate in gatekit run, through the real tool.</summary>
public sealed class DocsCommandTests : IDisposable
{
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_clean_tree_exits_0()
    {
        dir.Write("README.md", "# Hello\n\n[guide](docs/guide.md#install)\n");
        dir.Write("docs/guide.md", "## Install\n");
        var run = GateKitProcess.Run(dir.Path, "docs", "check");
        Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
        Assert.Contains("docs: pass, 2 file(s), 1 link(s) checked", run.StdOut);
    }

    [Fact]
    public void Findings_exit_1_with_file_line_and_column()
    {
        dir.Write("README.md", "# Hello\n\nsee [guide](docs/Guide.md)\n");
        dir.Write("docs/guide.md", "## Install\n");
        var run = GateKitProcess.Run(dir.Path, "docs", "check", dir.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("README.md:3:5: P0 case_mismatch:", run.StdOut);
    }

    [Fact]
    public void Json_prints_a_gate_result_as_the_result_model_does()
    {
        dir.Write("README.md", "[a](nope.md)\n");
        var run = GateKitProcess.Run(dir.Path, "docs", "check", ".", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.StdOut);
        Assert.Equal("docs", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal("fail", doc.RootElement.GetProperty("status").GetString());
        var finding = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("target_missing", finding.GetProperty("code").GetString());
        Assert.Equal(1, finding.GetProperty("location").GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("no-such-folder")]
    [InlineData(".", "--changed")]
    [InlineData(".", "--base", "main")]
    [InlineData(".", "--slugs", "hugo")]
    public void Usage_errors_exit_2(params string[] args)
    {
        dir.Write("README.md", "# x\n");
        var run = GateKitProcess.Run(dir.Path, ["docs", "check", .. args]);
        Assert.True(run.ExitCode == 2, run.StdOut + run.StdErr);
    }

    [Fact]
    public void Task_list_brackets_with_a_destination_are_links()
    {
        dir.Write("README.md", "- [x](missing-2.md)\n- item [x](missing-3.md)\n- [ ](missing-4.md)\n- [X](missing-5.md)\n- [x] done\n");
        var run = GateKitProcess.Run(dir.Path, "docs", "check");
        Assert.True(run.ExitCode == 1, run.StdOut + run.StdErr);
        Assert.Contains("4 link(s) checked", run.StdOut);
        Assert.Contains("README.md:2:8: P0 target_missing:", run.StdOut);
    }

    [Fact]
    public void A_line_number_of_any_size_is_a_finding_not_a_crash()
    {
        dir.Write("guide.md", "# Guide\n\nline 3\n");
        dir.Write("README.md", "[a](guide.md?plain=1#L2147483648) [b](guide.md?plain=1#L1-L99999999999) [c](guide.md?plain=1#L2) [d](guide.md#L2)\n");
        var run = GateKitProcess.Run(dir.Path, "docs", "check");
        Assert.True(run.ExitCode == 1, run.StdOut + run.StdErr);
        Assert.Equal(2, run.StdOut.Split('\n').Count(l => l.Contains("line_anchor_out_of_range")));
        Assert.Contains("README.md:1:98: P0 anchor_missing:", run.StdOut);
        Assert.DoesNotContain("Exception", run.StdOut + run.StdErr);
    }

    [Fact]
    public void Gitlab_legacy_squeezes_hyphens_and_gitlab_does_not()
    {
        dir.Write("README.md", "## A & B\n\n[a](#a--b) [b](#a-b)\n");
        var current = GateKitProcess.Run(dir.Path, "docs", "check", ".", "--slugs", "gitlab");
        Assert.Contains("README.md:3:12: P0 own_anchor_missing:", current.StdOut);
        var legacy = GateKitProcess.Run(dir.Path, "docs", "check", ".", "--slugs", "gitlab-legacy");
        Assert.Contains("README.md:3:1: P0 own_anchor_missing:", legacy.StdOut);
    }

    [Fact]
    public void An_ignore_pattern_the_engine_cannot_run_exits_3_naming_it()
    {
        dir.Write("gatekit.json", """{ "schemaVersion": 1, "gates": { "docs": { "ignore": [ { "target": "(x)\\1" } ] } } }""");
        dir.Write("README.md", "# x\n");
        var run = GateKitProcess.Run(dir.Path, "docs", "check", "--config", "gatekit.json");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("$.gates.docs.ignore[0].target: '(x)\\1'", run.StdErr);
        Assert.DoesNotContain("   at ", run.StdErr);
    }

    [Fact]
    public void An_invalid_docs_config_exits_3()
    {
        dir.Write("gatekit.json", """{ "schemaVersion": 1, "gates": { "docs": { "slugs": "github" } } }""");
        var run = GateKitProcess.Run(dir.Path, "docs", "check", "--config", "gatekit.json");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("$.gates.docs.slugs", run.StdErr);
    }

    [Fact]
    public void Changed_against_a_base_reports_the_rename_that_broke_an_unchanged_file()
    {
        dir.Write("a.md", "# A\n");
        dir.Write("b.md", "[to a](a.md#a)\n");
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "base");
        Git("mv", "a.md", "c.md");
        var run = GateKitProcess.Run(dir.Path, "docs", "check", "--changed", "--base", "main");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("b.md:1:1: P0 target_missing: link a.md#a: a.md does not exist (this change renamed a.md to c.md)", run.StdOut);
    }

    [Fact]
    public void The_docs_gate_runs_in_gatekit_run_and_its_result_validates()
    {
        dir.Write("gatekit.json", """
            { "schemaVersion": 1, "gates": { "docs": { "roots": [ { "path": "docs", "slugs": "mkdocs" } ] } },
              "waivers": [ { "id": "w", "gate": "docs", "code": "target_missing", "owner": "docs team", "reason": "page lands next sprint",
                             "approvalRef": "DOC-7", "expires": "2999-01-01" } ] }
            """);
        dir.Write("docs/index.md", "## Über uns\n\n[about](#uber-uns) [later](later.md)\n");
        var run = GateKitProcess.Run(dir.Path, "run", "--format", "json");
        Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
        SchemaAssert.ValidResult(Encoding.UTF8.GetBytes(run.StdOut));
        using var doc = JsonDocument.Parse(run.StdOut);
        var gate = doc.RootElement.GetProperty("gates")[0];
        Assert.Equal("docs", gate.GetProperty("name").GetString());
        Assert.Equal("pass", gate.GetProperty("status").GetString());
        Assert.Equal("w", gate.GetProperty("findings")[0].GetProperty("waiver").GetProperty("id").GetString());
    }

    private void Git(params string[] args)
    {
        var result = GateKit.Inputs.Git.Run(dir.Path, ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", .. args]);
        Assert.True(result is { ExitCode: 0 }, result?.Error ?? "git is not installed");
    }
}
