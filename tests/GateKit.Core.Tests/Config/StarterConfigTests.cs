using System.Text;
using System.Text.Json;
using GateKit.Config;
using GateKit.Tests.Support;

namespace GateKit.Core.Tests.Config;

/// <summary>
/// gatekit init's proposal over generated repository layouts: every proposal loads with the strict config
/// loader (schema and rules), names only what exists, and is the same bytes for the same tree.
/// </summary>
public sealed class StarterConfigTests
{
    /// <summary>A layout: files to create (path → content) and the gates the proposal must hold.</summary>
    public static TheoryData<string, string[], string[]> Layouts() => new()
    {
        { "markdown only", ["README.md", "docs/guide.md"], ["docs"] },
        { "markdown extension", ["notes/a.markdown"], ["docs"] },
        { "jsonl cases", ["eval/results/cases.jsonl"], ["quality"] },
        { "two jsonl with the same name", ["a/cases.jsonl", "b/cases.jsonl", "README.md"], ["docs", "quality"] },
        { "odd file names", ["data/1 weird name (copy).jsonl", "data/-dash.jsonl", "data/ümlaut.jsonl", "data/new\nline\t.jsonl", "data/{tag}.jsonl", "data/\"quoted\".jsonl"], ["quality"] },
        { "evidence pack", ["evidence/build/manifest.json", "evidence/build/log.txt"], ["evidence"] },
        { "everything", ["README.md", "out/cases.jsonl", "packs/rel/manifest.json", "TestResults/run.trx", "coverage.cobertura.xml"], ["docs", "evidence", "quality"] },
        { "hidden and build folders are skipped", ["node_modules/x/README.md", "bin/Debug/cases.jsonl", ".git/HEAD.md", "README.md"], ["docs"] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_proposal_for_a_layout_loads_strictly_and_holds_the_expected_gates(string layout, string[] files, string[] gates)
    {
        using var temp = new TempFolder();
        foreach (var file in files) temp.Write(file, Content(file));

        var starter = StarterConfig.Propose(temp.Path);
        Assert.NotNull(starter);
        var path = temp.Write("gatekit.json", Encoding.UTF8.GetString(starter.Json));
        var loaded = ConfigLoader.Load(path);
        Assert.Equal(gates, GateKit.Gates.GateCatalog.Configured(loaded.Config.Gates).Order(StringComparer.Ordinal));
        Assert.NotEmpty(starter.Explanation);
        Assert.Equal(starter.Json, StarterConfig.Propose(temp.Path)!.Json);
        _ = layout;
    }

    [Fact]
    public void Every_jsonl_file_becomes_a_report_with_a_unique_id_and_a_has_cases_condition()
    {
        using var temp = new TempFolder();
        string[] files = ["a/cases.jsonl", "b/cases.jsonl", "c/cases.jsonl", "x y.jsonl"];
        foreach (var file in files) temp.Write(file, "{}\n");

        var config = JsonDocument.Parse(StarterConfig.Propose(temp.Path)!.Json).RootElement.GetProperty("gates").GetProperty("quality");
        var reports = config.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(files.Order(StringComparer.Ordinal), reports.Select(r => r.GetProperty("path").GetString()));
        Assert.Equal(4, reports.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(4, config.GetProperty("conditions").GetArrayLength());
    }

    [Theory]
    [InlineData("TestResults/run.trx", "trx", "tests.failed")]
    [InlineData("build/TEST-Suite.xml", "junit", "tests.failed")]
    [InlineData("reports/junit.xml", "junit", "tests.failed")]
    [InlineData("coverage/coverage.cobertura.xml", "cobertura", "coverage.line")]
    [InlineData("coverage/lcov.info", "lcov", "coverage.line")]
    [InlineData("scan/results.sarif", "sarif", "sarif.error")]
    public void A_standard_report_becomes_a_quality_report_of_its_format_with_a_condition_on_its_first_metric(string file, string format, string metric)
    {
        using var temp = new TempFolder();
        temp.Write(file, "x");

        var quality = JsonDocument.Parse(StarterConfig.Propose(temp.Path)!.Json).RootElement.GetProperty("gates").GetProperty("quality");
        var report = Assert.Single(quality.GetProperty("reports").EnumerateArray());
        Assert.Equal(file, report.GetProperty("path").GetString());
        Assert.Equal(format, report.GetProperty("format").GetString());
        var condition = Assert.Single(quality.GetProperty("conditions").EnumerateArray());
        Assert.Equal(metric, condition.GetProperty("metric").GetString());
        Assert.Equal(report.GetProperty("id").GetString(), condition.GetProperty("report").GetString());
    }

    [Theory]
    [InlineData(new[] { "a/TestResults/x.trx", "b/TestResults/y.trx" }, new[] { "**/*.trx" })]
    [InlineData(new[] { "a/coverage.cobertura.xml", "b/coverage.cobertura.xml" }, new[] { "**/coverage.cobertura.xml" })]
    [InlineData(new[] { "a/cobertura-a.xml", "b/cobertura-b.xml" }, new[] { "a/cobertura-a.xml", "b/cobertura-b.xml" })]
    public void Several_reports_of_one_format_are_read_as_the_shards_of_one_glob_when_a_name_or_extension_joins_them(string[] files, string[] paths)
    {
        using var temp = new TempFolder();
        foreach (var file in files) temp.Write(file, "x");

        var starter = StarterConfig.Propose(temp.Path)!;
        var quality = JsonDocument.Parse(starter.Json).RootElement.GetProperty("gates").GetProperty("quality");
        Assert.Equal(paths, quality.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("path").GetString()));
        Assert.Equal(paths.Length, quality.GetProperty("conditions").GetArrayLength());
        ConfigLoader.Load(temp.Write("gatekit.json", Encoding.UTF8.GetString(starter.Json)));
    }

    [Fact]
    public void An_evidence_folder_without_a_pack_and_a_manifest_json_that_is_not_a_pack_are_explained_not_configured()
    {
        using var temp = new TempFolder();
        temp.Write("evidence/screens/a.png", "x");
        temp.Write("web/manifest.json", "{ \"name\": \"app\" }");
        temp.Write("README.md", "# r\n");

        var starter = StarterConfig.Propose(temp.Path)!;
        Assert.DoesNotContain("\"evidence\"", Encoding.UTF8.GetString(starter.Json), StringComparison.Ordinal);
        Assert.Contains(starter.Explanation, line => line.Contains("evidence/screens", StringComparison.Ordinal) && line.Contains("gatekit evidence pack", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_repository_gets_no_proposal()
    {
        using var temp = new TempFolder();
        temp.Write("src/main.c", "int main(){}");
        Assert.Null(StarterConfig.Propose(temp.Path));
    }

    private static string Content(string file) => Path.GetFileName(file) switch
    {
        "manifest.json" => "{ \"pack_id\": \"p\" }",
        var n when n.EndsWith(".jsonl", StringComparison.Ordinal) => "{\"passed\": true}\n",
        _ => "# Title\n",
    };
}
