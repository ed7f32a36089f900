using System.Text;
using GateKit.Config;
using GateKit.Tests.Support;

namespace GateKit.Tests.Config;

/// <summary>
/// A config says one thing per property and has an object wherever the model holds one (issue 20,
/// kind 8): duplicates name both positions, a null names its JSON path; neither reaches the rules.
/// </summary>
public sealed class ConfigStrictnessTests
{
    private static ConfigException Reject(string json) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "gatekit.json"));

    private const string Condition = """{ "id": "pass_rate", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 0.9, "severity": "P0" }""";

    [Fact]
    public void A_p0_threshold_given_twice_is_refused_naming_both_positions()
    {
        var json = Configs.Quality(Condition.Replace("\"threshold\": 0.9", "\"threshold\": 0.9,\n \"threshold\": 0.1"));
        var error = Assert.Single(Reject(json).Errors);
        Assert.Equal("$.gates.quality.conditions[0].threshold", error.JsonPath);
        var lines = json.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains("\"threshold\": 0.9")) + 1;
        Assert.Equal(first + 1, error.Line);
        Assert.Contains($"duplicate property 'threshold' (first at {first}:", error.Problem);
    }

    public static TheoryData<string, string> Duplicates => new()
    {
        { Configs.Quality(Condition, extra: "\"schemaVersion\": 1,"), "$.schemaVersion" },
        { Configs.Quality(Condition).Replace("\"gates\": {", "\"gates\": { \"quality\": null,"), "$.gates.quality" },
        { Configs.Quality(Condition, extra: "\"waivers\": [ { \"id\": \"w\", \"id\": \"w\" } ],"), "$.waivers[0].id" },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void A_duplicate_anywhere_is_refused_with_its_path(string json, string path) =>
        Assert.Equal(path, Assert.Single(Reject(json).Errors).JsonPath);

    public static TheoryData<string, string> Nulls => new()
    {
        { Configs.Quality(Condition, reports: "[null]"), "$.gates.quality.reports[0]" },
        { Configs.Quality(Condition, reports: "null"), "$.gates.quality.reports" },
        { Configs.Quality("null"), "$.gates.quality.conditions[0]" },
        { Configs.Quality(Condition, extra: "\"waivers\": [null],"), "$.waivers[0]" },
        { Configs.Quality(Condition, extra: "\"profiles\": { \"p\": null },"), "$.profiles.p" },
        { """{ "schemaVersion": 1, "gates": { "release": { "artifacts": null } } }""", "$.gates.release.artifacts" },
        { """{ "schemaVersion": 1, "gates": { "release": { "artifacts": [null] } } }""", "$.gates.release.artifacts[0]" },
        { """{ "schemaVersion": 1, "gates": { "docs": { "roots": [null] } } }""", "$.gates.docs.roots[0]" },
        { """{ "schemaVersion": 1, "gates": { "evidence": { "packs": [null] } } }""", "$.gates.evidence.packs[0]" },
        { """{ "schemaVersion": 1, "gates": null }""", "$.gates" },
    };

    [Theory]
    [MemberData(nameof(Nulls))]
    public void A_null_where_an_object_belongs_is_a_schema_error_with_its_path(string json, string path)
    {
        var error = Assert.Single(Reject(json).Errors, e => e.JsonPath == path);
        Assert.Contains("must not be null", error.Problem);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Null_is_still_accepted_where_the_model_allows_it() =>
        ConfigLoader.Parse(Encoding.UTF8.GetBytes(Configs.Quality(Condition, extra: "\"waivers\": null, \"defaultProfile\": null,")), "gatekit.json");
}
