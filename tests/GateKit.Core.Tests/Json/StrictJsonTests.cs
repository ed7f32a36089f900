using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using GateKit.Json;

namespace GateKit.Tests.Json;

/// <summary>A property given twice in one object is found, at both of its positions, at any depth (issue 20, kind 8).</summary>
public sealed class StrictJsonTests
{
    public static TheoryData<string, string, int, int, int, int> Duplicates => new()
    {
        { """{"a": 1, "a": 2}""", "$.a", 1, 2, 1, 10 },
        { "{\n  \"x\": { \"t\": 0.9,\n  \"t\": 0.1 } }", "$.x.t", 2, 10, 3, 3 },
        { """{"l": [ {}, { "k": 1, "k": 1 } ]}""", "$.l[1].k", 1, 15, 1, 23 },
        { """[1, [2, {"b": {"c": 1}, "b": 3}]]""", "$[1][1].b", 1, 10, 1, 25 },
        { """{"a\u0062": 1, "ab": 2}""", "$.ab", 1, 2, 1, 16 },                 // an escape spells the same name
        { """{"with space": 1, "with space": 2}""", "$['with space']", 1, 2, 1, 19 },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void A_duplicate_is_found_with_its_path_and_both_positions(string json, string path, int firstLine, int firstColumn, int line, int column)
    {
        var found = StrictJson.FindDuplicate(Encoding.UTF8.GetBytes(json));
        Assert.NotNull(found);
        Assert.Equal((path, firstLine, firstColumn, line, column), (found.JsonPath, found.FirstLine, found.FirstColumn, found.Line, found.Column));
        var e = Assert.Throws<JsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains($"first at {firstLine}:{firstColumn}", e.Message);
        Assert.Equal((line - 1, column - 1), (e.LineNumber, e.BytePositionInLine));
    }

    [Theory]
    [InlineData("""{"a": {"b": 1}, "b": {"a": 1}}""")]   // the same name in different objects
    [InlineData("""[{"a": 1}, {"a": 2}]""")]
    [InlineData("""{"a": 1, "A": 2}""")]                  // names are case-sensitive
    [InlineData("""{"a": 1 "a": 2}""")]                   // malformed: left to the parser, which names the position
    public void No_duplicate_is_reported_where_there_is_none(string json) =>
        Assert.Null(StrictJson.FindDuplicate(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_huge_name_is_cut_in_the_message()
    {
        var name = new string('n', 1_000_000);
        var found = StrictJson.FindDuplicate(Encoding.UTF8.GetBytes($$"""{"{{name}}": 1, "{{name}}": 2}"""))!;
        Assert.True(found.Problem.Length < 200, found.Problem);
        Assert.True(found.JsonPath.Length < 200, found.JsonPath);
    }

    private static readonly Gen<JsonNode> Node = Gen.Recursive<JsonNode>((depth, self) => depth >= 4
        ? Gen.Int[-5, 5].Select(i => (JsonNode)JsonValue.Create(i))
        : Gen.Frequency<JsonNode>(
            (3, Gen.Int[-5, 5].Select(i => (JsonNode)JsonValue.Create(i))),
            (1, self.Array[0, 4].Select(items => (JsonNode)new JsonArray(items))),
            (2, Gen.Select(Gen.Int[0, 5].Select(i => "k" + i), self).Array[0, 4]
                .Select(members => (JsonNode)new JsonObject(members.DistinctBy(m => m.Item1).Select(m => KeyValuePair.Create(m.Item1, (JsonNode?)m.Item2)))))));

    /// <summary>Generated documents: written once, never a duplicate; with one member written twice, always the one.</summary>
    [Fact]
    public void Generated_documents_have_a_duplicate_exactly_when_one_was_written() =>
        Node.Where(n => n is JsonObject { Count: > 0 }).Sample(node =>
        {
            var json = node.ToJsonString();
            Assert.Null(StrictJson.FindDuplicate(Encoding.UTF8.GetBytes(json)));
            var first = ((JsonObject)node).First();
            var twice = json[..^1] + "," + JsonSerializer.Serialize(first.Key) + ":0}";
            var found = StrictJson.FindDuplicate(Encoding.UTF8.GetBytes(twice));
            Assert.NotNull(found);
            Assert.Equal(first.Key, found.Name);
        }, iter: 2000);
}
