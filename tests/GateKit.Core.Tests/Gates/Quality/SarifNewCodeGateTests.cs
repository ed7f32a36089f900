using System.Text.Json;
using GateKit.Gates.Quality;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// sarif.new through the quality gate on a real git repository: results on lines changed since the base count,
/// whatever form the SARIF gives their path (relative, ./relative, file: URI under the root, another machine's
/// Linux or Windows checkout, a uriBaseId), results on unchanged lines or unchanged files do not, and absolute paths
/// matching no file are named once.
/// </summary>
public sealed class SarifNewCodeGateTests : IDisposable
{
    private readonly GitRepository repo = new();

    public SarifNewCodeGateTests()
    {
        repo.Write("src/App/A.cs", Lines("line", 10));
        repo.Write("src/App/Same.cs", Lines("line", 5));
        repo.Write(".gitignore", "build/\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "topic");
        // Lines 3-4 and 8 of A.cs change; a new file B.cs; Same.cs untouched.
        repo.Write("src/App/A.cs", string.Concat(Enumerable.Range(1, 10).Select(i => i is 3 or 4 or 8 ? $"changed {i}\n" : $"line {i}\n")));
        repo.Write("src/App/B.cs", Lines("b", 3));
        repo.Commit("topic");
    }

    public void Dispose() => repo.Dispose();

    private static string Lines(string prefix, int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"{prefix} {i}\n"));

    /// <summary>How each path form is written: {root} is the checkout's folder as a file: URI path.</summary>
    public static TheoryData<string, string, int, bool> Cases()
    {
        var data = new TheoryData<string, string, int, bool>();
        var forms = new (string Name, string Uri)[]
        {
            ("relative", "src/App/{file}"),
            ("dot relative", "./src/App/{file}"),
            ("file URI under the root", "{root}/src/App/{file}"),
            ("another Linux checkout", "file:///home/runner/work/app/app/src/App/{file}"),
            ("another Windows checkout", "file:///D:/a/app/app/src/App/{file}"),
            ("escaped relative", "src/App/{file}".Replace("/", "%2F", StringComparison.Ordinal)),
        };
        foreach (var (name, uri) in forms)
        {
            data.Add(name, uri.Replace("{file}", "A.cs", StringComparison.Ordinal), 3, true);
            data.Add(name, uri.Replace("{file}", "A.cs", StringComparison.Ordinal), 8, true);
            data.Add(name, uri.Replace("{file}", "A.cs", StringComparison.Ordinal), 5, false);
            data.Add(name, uri.Replace("{file}", "B.cs", StringComparison.Ordinal), 2, true);
            data.Add(name, uri.Replace("{file}", "Same.cs", StringComparison.Ordinal), 3, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_result_is_new_exactly_when_its_line_changed_whatever_the_path_form(string form, string uri, int line, bool isNew)
    {
        var outcome = Evaluate(Sarif(("CS0219", Written(uri), line)));

        Assert.True(outcome.Metrics.ContainsKey("no_new"), form);
        Assert.Equal(isNew ? 1 : 0, outcome.Metrics["no_new"]);
        Assert.Equal(1, outcome.Metrics["all"]);
        var listed = outcome.Findings.Where(f => f.Code == QualityCodes.SarifResult && f.Subject == "no_new").ToList();
        if (!isNew)
        {
            Assert.Empty(listed);
            return;
        }
        var finding = Assert.Single(listed);
        Assert.Equal(line, finding.Location!.Line);
        Assert.StartsWith("src/App/", finding.Location.File, StringComparison.Ordinal);
    }

    [Fact]
    public void A_uri_base_id_is_resolved_before_mapping()
    {
        var sarif = Sarif(("CA1822", "src/App/A.cs", 4)).Replace("\"uri\":\"src/App/A.cs\"", "\"uri\":\"src/App/A.cs\",\"uriBaseId\":\"SRC\"", StringComparison.Ordinal)
            .Replace("\"results\":", "\"originalUriBaseIds\":{\"SRC\":{\"uri\":\"file:///C:/agent/_work/1/s/\"}},\"results\":", StringComparison.Ordinal);

        Assert.Equal(1, Evaluate(sarif).Metrics["no_new"]);
    }

    [Fact]
    public void Results_in_shards_are_counted_once_and_several_on_changed_lines_add_up()
    {
        var shard = Sarif(("CS0219", "src/App/A.cs", 3), ("CS0168", "src/App/A.cs", 4), ("CS0219", "src/App/A.cs", 6), ("CS0168", "src/App/B.cs", 1));
        repo.Write("build/net8/build.sarif", shard);

        var outcome = Evaluate(shard, "build/**/*.sarif");

        Assert.Equal(3, outcome.Metrics["no_new"]);
        Assert.Equal(4, outcome.Metrics["all"]);
        Assert.Equal(["src/App/A.cs:3", "src/App/A.cs:4", "src/App/B.cs:1"],
            outcome.Findings.Where(f => f.Code == QualityCodes.SarifResult).Select(f => $"{f.Location!.File}:{f.Location.Line}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Absolute_paths_matching_no_file_are_named_once_and_not_counted_as_new()
    {
        var outcome = Evaluate(Sarif(("CS0219", "file:///agent/obj/Gen.cs", 3), ("CS0219", "file:///agent/obj/Gen.cs", 4), ("CS0219", "src/App/A.cs", 3)));

        Assert.Equal(1, outcome.Metrics["no_new"]);
        var note = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.SarifPathUnmapped);
        Assert.Equal(GateKit.Results.Priority.P2, note.Priority);
        Assert.Contains("1 result path(s)", note.Message);
        Assert.Contains("Gen.cs", note.Message);
    }

    [Fact]
    public void Without_a_base_sarif_new_is_not_read_and_the_condition_says_so()
    {
        var outcome = Evaluate(Sarif(("CS0219", "src/App/A.cs", 3)), changed: "");

        Assert.False(outcome.Metrics.ContainsKey("no_new"));
        Assert.Equal("no_new", Assert.Single(outcome.Findings, f => f.Code == QualityCodes.BaseMissing).Subject);
        Assert.Equal(1, outcome.Metrics["all"]);
    }

    private string Written(string form) =>
        form.Replace("{root}", new Uri(repo.Path).AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private static string Sarif(params (string Rule, string Uri, int Line)[] results)
    {
        var list = results.Select(r => new Dictionary<string, object>
        {
            ["ruleId"] = r.Rule,
            ["level"] = "warning",
            ["message"] = new { text = $"{r.Rule} here" },
            ["locations"] = new[] { new { physicalLocation = new { artifactLocation = new { uri = r.Uri }, region = new { startLine = r.Line, startColumn = 1 } } } },
        });
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = "2.1.0",
            ["runs"] = new[] { new Dictionary<string, object> { ["tool"] = new { driver = new { name = "csc" } }, ["results"] = list } },
        });
    }

    private GateKit.Gates.GateOutcome Evaluate(string sarif, string path = "build/build.sarif", string changed = """, "changed": { "base": "main" }""")
    {
        repo.Write("build/build.sarif", sarif);
        var conditions =
            $$"""{ "id": "no_new", "report": "lint", "metric": "sarif.new", "op": "<=", "threshold": 0, "severity": "P1"{{changed}} }, """ +
            """{ "id": "all", "report": "lint", "metric": "sarif.warning", "op": "<=", "threshold": 100, "severity": "P1" }""";
        var config = Configs.Parse(Configs.Quality(conditions, $$"""[{ "id": "lint", "path": "{{path}}", "format": "sarif" }]"""));
        return new QualityGate().Evaluate(Configs.Context(config, repo.Path), CancellationToken.None);
    }
}
