using System.Text;
using GateKit.Config;
using GateKit.Tests.Schemas;

namespace GateKit.Tests.Config;

/// <summary>validate-config reports every problem (README): schema and rules together, located, in a stable order.</summary>
public sealed class EveryConfigProblemTests
{
    private static IReadOnlyList<ConfigError> Problems(string json) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "gatekit.json")).Errors;

    private static string Broken(params (string Find, string Replace)[] edits)
    {
        var json = ConfigSchemaAgreementTests.Full;
        foreach (var (find, replace) in edits)
        {
            Assert.Contains(find, json, StringComparison.Ordinal);
            json = json.Replace(find, replace, StringComparison.Ordinal);
        }
        return json;
    }

    public static TheoryData<string, (string, string)[], string[]> Cases => new()
    {
        {
            "an unknown property and a wrong type elsewhere",
            [("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"colour\": \"blue\","), ("\"tag\": \"v1.0.0\"", "\"tag\": 7")],
            ["$.colour", "$.gates.release.tag"]
        },
        {
            "a wrong type first, then an unknown property",
            [("\"defaultProfile\": \"dev\",", "\"defaultProfile\": 5,"), ("\"tag\": \"v1.0.0\"", "\"tag\": \"v1.0.0\", \"b\": 2")],
            ["$.defaultProfile", "$.gates.release.b"]
        },
        {
            "schema problems and a rule problem in one pass",
            [("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"colour\": \"blue\","), ("\"gate\": \"release\"", "\"gate\": \"deploy\"")],
            ["$.colour", "$.waivers[1].gate"]
        },
        {
            "three unknown properties at three depths",
            [("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"a\": 1,"), ("\"tag\": \"v1.0.0\"", "\"tag\": \"v1.0.0\", \"b\": 2"), ("\"description\": \"laptops\"", "\"description\": \"laptops\", \"c\": 3")],
            ["$.a", "$.profiles.dev.c", "$.gates.release.b"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_problem_is_reported_with_its_path_line_and_column_in_file_order(string because, (string, string)[] edits, string[] paths)
    {
        var json = Broken(edits);
        var problems = Problems(json);
        Assert.True(paths.SequenceEqual(problems.Select(p => p.JsonPath)), $"{because}: {string.Join("; ", problems)}");
        Assert.All(problems, p => Assert.True(p.Line is > 0 && p.Column is > 0, p.ToString()));
        Assert.Equal(problems.OrderBy(p => p.Line).ThenBy(p => p.Column).Select(p => p.JsonPath), problems.Select(p => p.JsonPath));
        Assert.DoesNotContain(problems, p => p.Problem.Contains("GateKit.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_property_is_worded_as_such_whichever_check_found_it()
    {
        var problems = Problems(Broken(("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"colour\": \"blue\","), ("\"tag\": \"v1.0.0\"", "\"tag\": \"v1.0.0\", \"shade\": 1")));
        Assert.Equal(["unknown property 'colour'", "unknown property 'shade'"], problems.Select(p => p.Problem));
    }

    [Fact]
    public void Malformed_json_is_one_problem_at_the_parser_position()
    {
        var problem = Assert.Single(Problems("{ \"schemaVersion\": 1, }"));
        Assert.Equal((1, 23), (problem.Line, problem.Column));
    }
}
