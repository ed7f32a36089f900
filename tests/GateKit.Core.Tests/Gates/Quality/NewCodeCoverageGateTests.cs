using GateKit.Gates.Quality;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// The quality gate on coverage of new code, end to end in Core: a real git repository with a topic branch, Cobertura
/// shards written with another machine's paths, a condition on coverage.new_lines with changed.base.
/// </summary>
public sealed class NewCodeCoverageGateTests : IDisposable
{
    private readonly GitRepository repo = new();

    public NewCodeCoverageGateTests()
    {
        repo.Write("src/App/A.cs", string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n")));
        repo.Write("README.md", "# App\n");
        repo.Write(".gitignore", "coverage/\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "topic");
    }

    public void Dispose() => repo.Dispose();

    /// <summary>A Cobertura shard as a CI agent on Windows would write it: a source root and relative filenames.</summary>
    private void Shard(string name, string source, params (string File, int Line, int Hits)[] lines)
    {
        var classes = lines.GroupBy(l => l.File).Select(g =>
            $"<class name=\"C\" filename=\"{g.Key}\"><lines>{string.Concat(g.Select(l => $"<line number=\"{l.Line}\" hits=\"{l.Hits}\" branch=\"false\" />"))}</lines></class>");
        repo.Write($"coverage/{name}/coverage.cobertura.xml",
            $"<?xml version=\"1.0\"?>\n<coverage line-rate=\"1\"><sources><source>{source}</source></sources><packages><package name=\"App\"><classes>{string.Concat(classes)}</classes></package></packages></coverage>\n");
    }

    private GateKit.Gates.GateOutcome Evaluate(string changed = """, "changed": { "base": "main" }""", string? runBase = null)
    {
        var conditions =
            $$"""{ "id": "new_code", "report": "cov", "metric": "coverage.new_lines", "op": ">=", "threshold": 0.8, "severity": "P0"{{changed}} }, """ +
            """{ "id": "overall", "report": "cov", "metric": "coverage.line", "op": ">=", "threshold": 0.1, "severity": "P0" }""";
        var config = Configs.Parse(Configs.Quality(conditions, """[{ "id": "cov", "path": "coverage/**/*.cobertura.xml", "format": "cobertura" }]"""));
        return new QualityGate().Evaluate(Configs.Context(config, repo.Path) with { BaseRef = runBase }, CancellationToken.None);
    }

    [Fact]
    public void Changed_lines_covered_by_any_shard_count_and_each_uncovered_run_is_one_finding()
    {
        repo.Write("src/App/A.cs", string.Concat(Enumerable.Range(1, 10).Select(i => i is >= 3 and <= 6 || i == 8 ? $"changed {i}\n" : $"line {i}\n")));
        repo.Write("src/App/B.cs", "b1\nb2\nb3\n");
        repo.Commit("topic");
        // Shard 1 covers line 3, shard 2 line 4 (another checkout, Windows); 5 and 6 no one covers; 8 is not coverable.
        Shard("linux", "/home/runner/work/app/app/", ("src/App/A.cs", 1, 1), ("src/App/A.cs", 3, 1), ("src/App/A.cs", 4, 0), ("src/App/A.cs", 5, 0), ("src/App/A.cs", 6, 0));
        Shard("windows", @"D:\a\app\app\", (@"src\App\A.cs", 3, 0), (@"src\App\A.cs", 4, 2), (@"src\App\A.cs", 5, 0), (@"src\App\B.cs", 1, 0), (@"src\App\B.cs", 2, 0), (@"src\App\B.cs", 3, 1));

        var outcome = Evaluate();

        // Coverable changed lines: A 3,4,5,6 and B 1,2,3; covered: A 3, A 4, B 3.
        Assert.Equal(3.0 / 7, outcome.Metrics["new_code"], 12);
        Assert.Equal(4.0 / 8, outcome.Metrics["overall"], 12);
        var uncovered = outcome.Findings.Where(f => f.Code == QualityCodes.NewLinesUncovered).Select(f => $"{f.Location!.File}:{f.Location.Line} {f.Message}").ToList();
        Assert.Equal(["src/App/A.cs:5 changed lines 5-6 are not covered by tests", "src/App/B.cs:1 changed lines 1-2 are not covered by tests"], uncovered);
        var violated = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.ConditionViolated);
        Assert.Equal("new_code", violated.Subject);
    }

    [Fact]
    public void No_coverable_changed_line_is_not_applicable_never_a_pass_by_zero_over_zero()
    {
        repo.Write("README.md", "# App, changed\n");
        repo.Commit("docs only");
        Shard("one", "/agent/", ("src/App/A.cs", 1, 1));

        var outcome = Evaluate();

        Assert.False(outcome.Metrics.ContainsKey("new_code"));
        var note = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.NotApplicable);
        Assert.Equal(GateKit.Results.Priority.P2, note.Priority);
        Assert.DoesNotContain(outcome.Findings, f => f.Code is QualityCodes.MetricMissing or QualityCodes.ConditionViolated);
    }

    [Fact]
    public void Without_a_base_the_new_code_condition_says_so_and_the_run_base_is_used_when_given()
    {
        repo.Write("src/App/A.cs", "changed 1\n" + string.Concat(Enumerable.Range(2, 9).Select(i => $"line {i}\n")));
        repo.Commit("topic");
        Shard("one", "/agent/", ("src/App/A.cs", 1, 3));

        var missing = Assert.Single(Evaluate(changed: "").Findings, f => f.Code == QualityCodes.BaseMissing);
        Assert.Equal("new_code", missing.Subject);

        var withRunBase = Evaluate(changed: "", runBase: "main");
        Assert.Equal(1.0, withRunBase.Metrics["new_code"]);
        Assert.DoesNotContain(withRunBase.Findings, f => f.Code == QualityCodes.BaseMissing);
    }

    [Fact]
    public void A_bad_base_stops_the_run_as_a_usage_error_naming_the_ref()
    {
        Shard("one", "/agent/", ("src/App/A.cs", 1, 3));
        var e = Assert.Throws<GateKit.Config.UsageException>(() => Evaluate(changed: """, "changed": { "base": "origin/nope" }"""));
        Assert.Contains("'origin/nope'", e.Message);
    }

    [Fact]
    public void Paths_matching_no_file_are_one_finding_listing_them_not_silently_dropped()
    {
        Shard("one", "/agent/", ("src/App/A.cs", 1, 1), ("obj/Gen1.cs", 1, 1), ("obj/Gen2.cs", 1, 0));

        var outcome = Evaluate();

        var unmapped = Assert.Single(outcome.Findings, f => f.Code == QualityCodes.CoveragePathUnmapped);
        Assert.Contains("2 source path(s)", unmapped.Message);
        Assert.Contains("obj/Gen1.cs", unmapped.Message);
        Assert.Contains("obj/Gen2.cs", unmapped.Message);
        Assert.Equal(1.0, outcome.Metrics["overall"]);
    }
}
