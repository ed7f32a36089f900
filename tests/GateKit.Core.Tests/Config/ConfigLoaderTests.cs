using System.Text;
using GateKit.Config;
using GateKit.Gates.Quality;
using GateKit.Gates.Release;
using GateKit.Tests.Schemas;
using GateKit.Tests.Support;

namespace GateKit.Tests.Config;

public sealed class ConfigLoaderTests
{
    private static ConfigException Reject(string json) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "gatekit.json"));

    /// <summary>The 1-based line of the last occurrence of <paramref name="needle"/> (a duplicate is the later one).</summary>
    private static int LineOf(string json, string needle)
    {
        var at = json.LastIndexOf(needle, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{needle}' is not in the document");
        return json[..at].Count(c => c == '\n') + 1;
    }

    private static ConfigError Single(ConfigException e, string path) =>
        Assert.Single(e.Errors, x => x.JsonPath == path);

    [Fact]
    public void A_valid_config_loads_with_its_defaults()
    {
        var config = ConfigLoader.Parse(Encoding.UTF8.GetBytes(ConfigSchemaAgreementTests.Minimal), "gatekit.json");
        var quality = config.Gates.Quality!;
        Assert.Equal(1, config.SchemaVersion);
        Assert.Equal((2, 5), (quality.PartialAt, quality.P2WarnAt));
        Assert.Equal(5, quality.Conditions[0].Runs);
        Assert.Equal(GateKit.Gates.Quality.Aggregate.Value, quality.Conditions[0].Aggregate);
    }

    [Fact]
    public void A_release_artifact_gets_its_default_kind_and_pointers()
    {
        var config = ConfigLoader.Parse(Encoding.UTF8.GetBytes("""
            { "schemaVersion": 1, "gates": { "release": { "artifacts": [ { "id": "m", "path": "m.json" } ] } } }
            """), "gatekit.json");
        var artifact = config.Gates.Release!.Artifacts[0];
        Assert.Equal((GateKit.Gates.Release.ArtifactKind.Json, "/status", "/severity"), (artifact.Kind, artifact.StatusPointer, artifact.SeverityPointer));
        Assert.Equal((2, 5), (config.Gates.Release!.PartialAt, config.Gates.Release!.P2WarnAt));
    }

    [Fact]
    public void The_full_example_loads()
    {
        var config = ConfigLoader.Parse(Encoding.UTF8.GetBytes(ConfigSchemaAgreementTests.Full), "gatekit.json");
        Assert.Equal(2, config.Waivers!.Count);
        Assert.Equal(3, config.Gates.Release!.Artifacts.Count);
    }

    [Fact]
    public void Load_reads_a_file_and_records_its_digest()
    {
        using var folder = new TempFolder();
        var path = folder.Write("gatekit.json", ConfigSchemaAgreementTests.Minimal);
        var loaded = ConfigLoader.Load(folder.Path);
        Assert.Equal(path, loaded.FullPath);
        Assert.Matches("^[0-9a-f]{64}$", loaded.Digest.Sha256);
        Assert.Equal(new FileInfo(path).Length, loaded.Digest.Size);
    }

    [Fact]
    public void Malformed_json_names_line_and_column()
    {
        var e = Reject("{\n  \"schemaVersion\": 1,\n  \"gates\": { ,\n}");
        var error = Assert.Single(e.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(14, error.Column);
        Assert.StartsWith("gatekit.json:3:14: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_trailing_comma_is_malformed()
    {
        var e = Reject("{ \"schemaVersion\": 1, }");
        Assert.Equal(1, Assert.Single(e.Errors).Line);
    }

    [Fact]
    public void An_unknown_property_is_named_with_its_path_and_line()
    {
        var json = ConfigSchemaAgreementTests.Minimal.Replace("\"threshold\": 0.9,", "\"threshold\": 0.9, \"treshold\": 0.9,");
        var error = Assert.Single(Reject(json).Errors);
        Assert.Equal("$.gates.quality.conditions[0].treshold", error.JsonPath);
        Assert.Contains("'treshold'", error.Problem, StringComparison.Ordinal);
        Assert.Equal(LineOf(json, "treshold"), error.Line);
    }

    [Theory]
    [InlineData("\"path\": \"reports/eval.json\"", "\"path\": 42", "$.gates.quality.reports[0].path", "expected a string")]
    [InlineData("\"P0\"", "\"P7\"", "$.gates.quality.conditions[0].severity", "expected one of \"P0\", \"P1\", \"P2\"")]
    [InlineData("\"P0\"", "1", "$.gates.quality.conditions[0].severity", "expected one of \"P0\", \"P1\", \"P2\"")]
    [InlineData("\">=\"", "\"=>\"", "$.gates.quality.conditions[0].op", "expected one of \">=\", \"<=\", \"==\", \"between\"")]
    [InlineData("\"schemaVersion\": 1", "\"schemaVersion\": \"1\"", "$.schemaVersion", "expected an integer")]
    [InlineData("\"reports\": [", "\"reports\": 3, \"x\": [", "$.gates.quality.reports", "expected an array")]
    public void A_wrong_type_says_what_was_expected(string find, string replace, string path, string problem)
    {
        var json = ConfigSchemaAgreementTests.Minimal.Replace(find, replace);
        var error = Single(Reject(json), path); // other problems of the same document are reported too ("x" below)
        Assert.Equal((path, problem), (error.JsonPath, error.Problem));
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void A_missing_required_property_is_named()
    {
        var error = Assert.Single(Reject("""{ "schemaVersion": 1 }""").Errors);
        Assert.Equal("$", error.JsonPath);
        Assert.Contains("gates", error.Problem, StringComparison.Ordinal);
    }

    // Semantic problems found by ConfigValidator after deserialization: each is located by JsonPathLocator.
    public static TheoryData<string, string, string, string, string> SemanticProblems => new()
    {
        { "duplicate condition id", "\"id\": \"latency\"", "\"id\": \"accuracy\"", "$.gates.quality.conditions[1].id", "duplicate condition id" },
        { "unknown report id", "\"report\": \"eval\", \"pointer\": \"/accuracy\"", "\"report\": \"evl\", \"pointer\": \"/accuracy\"", "$.gates.quality.conditions[0].report", "no report with id 'evl'" },
        { "between with one number", "\"threshold\": [0, 10]", "\"threshold\": [10]", "$.gates.quality.conditions[1].threshold", "between needs a threshold [min, max]" },
        { "profile loosening a P0 threshold", "\"quality.accuracy\": 0.95", "\"quality.accuracy\": 0.5", "$.profiles.prod.thresholds['quality.accuracy']", "never loosen it" },
        { "profile naming an unknown threshold", "\"quality.errors\": 10", "\"quality.eror\": 10", "$.profiles.dev.thresholds['quality.eror']", "no threshold 'quality.eror'" },
        { "unknown waiver gate", "\"gate\": \"release\"", "\"gate\": \"deploy\"", "$.waivers[1].gate", "unknown gate 'deploy'" },
        { "bad expiry date", "\"expires\": \"2030-01-31\"", "\"expires\": \"2030-02-31\"", "$.waivers[0].expires", "is not an ISO-8601 date" },
        { "expiry date-time without offset", "\"expires\": \"2030-01-31T18:00:00+02:00\"", "\"expires\": \"2030-01-31T18:00:00\"", "$.waivers[1].expires", "is not an ISO-8601 date" },
        { "undefined default profile", "\"defaultProfile\": \"dev\"", "\"defaultProfile\": \"qa\"", "$.defaultProfile", "profile 'qa' is not defined" },
        { "trend naming an unknown condition", "\"trend\": [\"accuracy\", \"latency\"]", "\"trend\": [\"accuracy\", \"latncy\"]", "$.gates.quality.trend[1]", "no condition with id 'latncy'" },
        { "aggregate on a json report", "\"report\": \"eval\", \"pointer\": \"/accuracy\"", "\"report\": \"eval\", \"aggregate\": \"mean\", \"pointer\": \"/accuracy\"", "$.gates.quality.conditions[0].aggregate", "needs a jsonl report" },
    };

    [Theory]
    [MemberData(nameof(SemanticProblems))]
    public void A_semantic_problem_names_its_path_and_line(string because, string find, string replace, string path, string problem)
    {
        var json = ConfigSchemaAgreementTests.Full.Replace(find, replace);
        Assert.NotEqual(ConfigSchemaAgreementTests.Full, json);
        var error = Single(Reject(json), path);
        Assert.True(error.Problem.Contains(problem, StringComparison.Ordinal), $"{because}: {error.Problem}");
        Assert.Equal(LineOf(json, replace), error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var json = ConfigSchemaAgreementTests.Full
            .Replace("\"id\": \"notes\"", "\"id\": \"my notes\"")
            .Replace("\"gate\": \"release\"", "\"gate\": \"deploy\"")
            .Replace("\"expires\": \"2030-01-31\"", "\"expires\": \"soon\"");
        var e = Reject(json);
        Assert.Equal(
            ["$.gates.release.artifacts[2].id", "$.waivers[0].expires", "$.waivers[1].gate"],
            e.Errors.Select(x => x.JsonPath).Order(StringComparer.Ordinal));
        Assert.All(e.Errors, x => Assert.NotNull(x.Line));
        Assert.Equal(3, e.Message.Split(Environment.NewLine).Length);
    }

    public static TheoryData<string, string, int?, int?> Locations => new()
    {
        { "{\"a\": 1}", "$", 1, 1 },
        { "{\"a\": 1}", "$.a", 1, 2 },
        { "{\n  \"a\": {\n    \"b\": [10, {\"c\": true}]\n  }\n}", "$.a.b", 3, 5 },
        { "{\n  \"a\": {\n    \"b\": [10, {\"c\": true}]\n  }\n}", "$.a.b[0]", 3, 11 },
        { "{\n  \"a\": {\n    \"b\": [10, {\"c\": true}]\n  }\n}", "$.a.b[1]", 3, 15 },
        { "{\n  \"a\": {\n    \"b\": [10, {\"c\": true}]\n  }\n}", "$.a.b[1].c", 3, 16 },
        { "[[1, 2], [3, [4, 5]]]", "$[1][1][0]", 1, 15 },
        { "{\"x\": [[], {}], \"y\": 2}", "$.y", 1, 17 },
        { "{\"t\": {\"quality.latency\": 1}}", "$.t['quality.latency']", 1, 8 },
        { "{\"t\": {\"it's\": 1}}", "$.t['it\\'s']", 1, 8 },
        { "{\"t\": {\"a b\": 1, \"2x\": 2}}", "$.t['2x']", 1, 18 },
        { "{\"$schema\": \"s\"}", "$.$schema", 1, 2 },
        { "{\"é\": {\"k\": 1}}", "$['é'].k", 1, 8 }, // columns count characters, not UTF-8 bytes
        { "{\"a\": 1}", "$.b", null, null },
        { "{\"a\": [1]}", "$.a[1]", null, null },
        { "{\"a\": 1 \"b\": 2}", "$.b", null, null }, // past a syntax error
    };

    [Theory]
    [MemberData(nameof(Locations))]
    public void JsonPathLocator_finds_line_and_column(string json, string path, int? line, int? column)
    {
        var found = JsonPathLocator.Locate(Encoding.UTF8.GetBytes(json), path);
        Assert.Equal(line is null ? null : (line.Value, column!.Value), found);
    }

    [Theory]
    [InlineData("gates", ".gates")]
    [InlineData("$schema", ".$schema")]
    [InlineData("quality.latency", "['quality.latency']")]
    [InlineData("a b", "['a b']")]
    [InlineData("it's", "['it\\'s']")]
    [InlineData("2x", "['2x']")]
    [InlineData("", "['']")]
    public void JsonPathLocator_member_uses_bracket_form_when_needed(string name, string expected) =>
        Assert.Equal(expected, JsonPathLocator.Member(name));
}
