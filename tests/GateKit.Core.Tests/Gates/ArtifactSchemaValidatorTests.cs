using System.Net;
using System.Net.Sockets;
using CsCheck;
using GateKit.Gates.Release;

namespace GateKit.Tests.Gates;

/// <summary>
/// Artifact schemas as the release gate reads them (JsonSchema.Net): each supported draft with references
/// inside the schema, violations at the offending value with their keyword, references outside the schema
/// refused (nothing read, nothing fetched), schemas whose evaluation would never end refused, and patterns
/// that backtrack without end bounded by the match timeout.
/// </summary>
public sealed class ArtifactSchemaValidatorTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(50);

    private static ArtifactSchemaValidator Load(string schema, TimeSpan? timeout = null)
    {
        Assert.True(ArtifactSchemaValidator.TryLoad(schema, timeout ?? ArtifactSchemaValidator.DefaultMatchTimeout, out var validator, out var problem), problem);
        return validator!;
    }

    private static string[] Violations(string schema, string instance, TimeSpan? timeout = null) =>
        [.. Load(schema, timeout).Validate(instance).Select(v => $"{v.JsonPath} {v.Message.Split(':')[0]}")];

    public static TheoryData<string, string, string> Drafts => new()
    {
        // draft, how the schema refers inside itself, where the definitions live
        { "", "#/definitions/count", "definitions" },
        { "\"$schema\": \"http://json-schema.org/draft-07/schema#\",", "#/definitions/count", "definitions" },
        { "\"$schema\": \"http://json-schema.org/draft-06/schema#\",", "#/definitions/count", "definitions" },
        { "\"$schema\": \"https://json-schema.org/draft/2019-09/schema\",", "#/$defs/count", "$defs" },
        { "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\",", "#/$defs/count", "$defs" },
        { "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\",", "#count", "$defs" },
        { "\"$schema\": \"https://json-schema.org/draft/2019-09/schema\",", "#count", "$defs" },
        { "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\",", "item.json#/$defs/count", "$defs" },
    };

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Every_draft_validates_with_references_inside_the_schema(string draft, string reference, string definitions)
    {
        // "#count" is an anchor ($anchor, or a draft-07 "$id": "#count"); "item.json#…" an embedded resource.
        var anchor = reference == "#count" ? "\"$anchor\": \"count\"," : "";
        var embedded = reference.StartsWith("item.json", StringComparison.Ordinal);
        var items = embedded ? """{ "$id": "item.json", "$defs": { "count": { "type": "integer", "minimum": 0 } } }""" : "{}";
        var schema = $$"""
            { {{draft}} "type": "object", "required": ["tag"],
              "properties": { "tag": { "type": "string", "pattern": "^v[0-9]+$" }, "items": { "type": "array", "items": { "$ref": "{{reference}}" } }, "embedded": {{items}} },
              "{{definitions}}": { "count": { {{anchor}} "type": "integer", "minimum": 0 } } }
            """;

        Assert.Empty(Violations(schema, """{ "tag": "v1", "items": [0, 3] }"""));
        Assert.Equal(["$ required", "$.items[1] minimum", "$.items[2] type"], Violations(schema, """{ "items": [0, -1, "x"] }""").Order(StringComparer.Ordinal));
        Assert.Equal(["$.tag pattern"], Violations(schema, """{ "tag": "x1" }"""));
    }

    public static TheoryData<string, string, string> Keywords => new()
    {
        { """{ "properties": { "a": { "properties": { "b": { "type": "string" } } } } }""", """{ "a": { "b": 1 } }""", "$.a.b type" },
        { """{ "additionalProperties": false }""", """{ "extra field": 1 }""", "$['extra field'] additionalProperties" },
        { """{ "additionalProperties": { "type": "integer" } }""", """{ "x": "y" }""", "$.x type" },
        { """{ "items": { "enum": ["OK"] } }""", """["OK", "BAD"]""", "$[1] enum" },
        { """{ "anyOf": [{ "type": "string" }, { "type": "integer" }] }""", "true", "$ anyOf" },
        { """{ "oneOf": [{ "type": "number" }, { "type": "integer" }] }""", "1", "$ oneOf" },
        { """{ "oneOf": [{ "type": "string" }, { "type": "null" }] }""", "1", "$ oneOf" },
        { """{ "not": { "type": "integer" } }""", "1", "$ not" },
        { """{ "allOf": [{ "required": ["a"] }, { "properties": { "a": { "const": 1 } } }] }""", """{ "a": 2 }""", "$.a const" },
        { """{ "if": { "required": ["a"] }, "then": { "required": ["b"] } }""", """{ "a": 1 }""", "$ required" },
        { """{ "contains": { "type": "string" } }""", "[1, 2]", "$ contains" },
        { """{ "properties": { "d": { "format": "date-time" } } }""", """{ "d": "yesterday" }""", "$.d format" },
        { """{ "patternProperties": { "^x-": { "type": "integer" } } }""", """{ "x-a": "s" }""", "$['x-a'] type" },
        { """{ "propertyNames": { "maxLength": 2 } }""", """{ "abc": 1 }""", "$.abc maxLength" },
        { """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "prefixItems": [{ "type": "string" }], "items": false }""", """["a", 1]""", "$[1] items" },
        { """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "unevaluatedProperties": false, "properties": { "a": {} } }""", """{ "a": 1, "b": 2 }""", "$.b unevaluatedProperties" },
        { "false", "1", "$ false" },
    };

    [Theory]
    [MemberData(nameof(Keywords))]
    public void A_violation_names_the_offending_value_and_the_keyword(string schema, string instance, string expected) =>
        Assert.Equal([expected], Violations(schema, instance));

    public static TheoryData<string, string> Outside => new()
    {
        { """{ "$ref": "other.schema.json" }""", "schema refers to another file (other.schema.json); only references inside the schema are supported" },
        { """{ "properties": { "a": { "$ref": "../other.schema.json#/definitions/x" } } }""", "schema refers to another file (../other.schema.json); only references inside the schema are supported" },
        { """{ "$ref": "file:///etc/passwd" }""", "schema refers to another file (file:///etc/passwd); only references inside the schema are supported" },
        { """{ "definitions": { "a": { "$ref": "https://127.0.0.1:9/a.json" } }, "properties": { "b": { "$ref": "#/definitions/a" } } }""", "schema refers to a URL (https://127.0.0.1:9/a.json); GateKit does not fetch schemas" },
        { """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "items": { "$ref": "http://127.0.0.1:9/never.json#/a" } }""", "schema refers to a URL (http://127.0.0.1:9/never.json); GateKit does not fetch schemas" },
        { """{ "$ref": "#/definitions/missing" }""", "schema refers to #/definitions/missing, which is not in the schema" },
        { """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "#nowhere" }""", "schema refers to #nowhere, which is not in the schema" },
        { """{ "$schema": "http://json-schema.org/draft-04/schema#" }""", "$schema http://json-schema.org/draft-04/schema# is not a dialect GateKit reads (draft-06, draft-07, 2019-09, 2020-12)" },
        { """{ "$schema": "https://127.0.0.1:9/meta.json" }""", "$schema https://127.0.0.1:9/meta.json is not a dialect GateKit reads (draft-06, draft-07, 2019-09, 2020-12)" },
    };

    [Theory]
    [MemberData(nameof(Outside))]
    public void References_outside_the_schema_are_refused(string schema, string message)
    {
        Assert.False(ArtifactSchemaValidator.TryLoad(schema, out var validator, out var problem));
        Assert.Null(validator);
        Assert.Equal(message, problem);
    }

    [Fact]
    public void A_schema_naming_a_reachable_server_is_refused_without_a_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        foreach (var reference in new[] { $"http://127.0.0.1:{port}/a.json", $"http://127.0.0.1:{port}/a.json#/b" })
        {
            Assert.False(ArtifactSchemaValidator.TryLoad($$"""{ "properties": { "a": { "$ref": "{{reference}}" } } }""", out _, out var problem));
            Assert.Contains("GateKit does not fetch schemas", problem);
        }
        Assert.False(ArtifactSchemaValidator.TryLoad($$"""{ "$schema": "http://127.0.0.1:{{port}}/meta.json" }""", out _, out _));
        Assert.False(listener.Pending(), "the schema's reference was fetched");
    }

    [Fact]
    public void A_reference_to_a_standard_meta_schema_resolves_from_the_library_not_the_network() =>
        Assert.Equal(["$.s type"], Violations("""{ "properties": { "s": { "$ref": "http://json-schema.org/draft-07/schema#" } } }""", """{ "s": 3 }"""));

    public static TheoryData<string> Endless => new()
    {
        """{ "$ref": "#" }""",
        """{ "allOf": [{ "$ref": "#" }] }""",
        """{ "anyOf": [{ "type": "string" }, { "$ref": "#" }] }""",
        """{ "oneOf": [{ "$ref": "#/definitions/a" }], "definitions": { "a": { "not": { "$ref": "#" } } } }""",
        """{ "if": { "$ref": "#" } }""",
        """{ "if": true, "then": { "$ref": "#/definitions/a" }, "definitions": { "a": { "else": { "$ref": "#" } } } }""",
        """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "dependentSchemas": { "a": { "$ref": "#" } } }""",
        """{ "dependencies": { "a": { "$ref": "#" } } }""",
        """{ "definitions": { "a": { "$ref": "#/definitions/b" }, "b": { "allOf": [{ "$ref": "#/definitions/a" }] } }, "properties": { "x": { "$ref": "#/definitions/a" } } }""",
        """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "$dynamicAnchor": "m", "allOf": [{ "$dynamicRef": "#m" }] }""",
        """{ "$schema": "https://json-schema.org/draft/2019-09/schema", "$recursiveAnchor": true, "anyOf": [{ "$recursiveRef": "#" }] }""",
    };

    [Theory]
    [MemberData(nameof(Endless))]
    public void A_schema_that_would_apply_itself_to_the_same_value_without_end_is_refused(string schema)
    {
        Assert.False(ArtifactSchemaValidator.TryLoad(schema, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void A_chain_of_references_longer_than_the_limit_is_refused_and_one_within_it_validates()
    {
        static string Chain(int length) => $$"""
            { "$ref": "#/definitions/d0", "definitions": { {{string.Join(", ", Enumerable.Range(0, length).Select(i =>
                i == length - 1 ? $"\"d{i}\": {{ \"type\": \"integer\" }}" : $"\"d{i}\": {{ \"allOf\": [{{ \"$ref\": \"#/definitions/d{i + 1}\" }}] }}"))}} } }
            """;

        Assert.False(ArtifactSchemaValidator.TryLoad(Chain(5000), out _, out var problem));
        Assert.Equal($"schema chains more than {SchemaGraph.MaxInPlaceChain} references and combinators on one value", problem);
        Assert.Equal(["$ type"], Violations(Chain(SchemaGraph.MaxInPlaceChain / 2 - 2), "\"x\""));
    }

    [Fact]
    public void Recursion_that_steps_into_the_value_is_allowed_to_the_instance_depth()
    {
        var schema = """{ "type": "object", "properties": { "child": { "$ref": "#" }, "n": { "type": "integer" } } }""";
        var instance = string.Concat(Enumerable.Repeat("{ \"child\": ", 60)) + "{ \"n\": \"x\" }" + new string('}', 60);

        var violation = Assert.Single(Load(schema).Validate(instance));

        Assert.Equal("$" + string.Concat(Enumerable.Repeat(".child", 60)) + ".n", violation.JsonPath);
    }

    // Generated schemas over every applicator, with references anywhere: each one either loads and then
    // validates generated instances to an end, or is refused with a reason; none hangs or overflows the stack.
    [Fact]
    public void Generated_schemas_with_references_load_and_validate_or_are_refused() =>
        Gen.Select(SchemaGen(3), InstanceGen(4).Array[1, 4]).Sample((schema, instances) =>
        {
            var document = $$"""{ "definitions": { "a": {{schema}}, "b": { "$ref": "#/definitions/a" } }, "allOf": [{{schema}}] }""";
            if (!ArtifactSchemaValidator.TryLoad(document, ShortTimeout, out var validator, out var problem))
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
                return;
            }
            foreach (var instance in instances)
                foreach (var violation in validator!.Validate(instance))
                    Assert.StartsWith("$", violation.JsonPath);
        }, iter: 400);

    private static readonly Gen<string> Reference = Gen.OneOfConst("#", "#/definitions/a", "#/definitions/b", "#/allOf/0");

    private static Gen<string> SchemaGen(int depth)
    {
        var leaf = Gen.OneOf(
            Gen.OneOfConst("""{ "type": "string" }""", """{ "type": "integer" }""", """{ "minimum": 1 }""", """{ "required": ["a"] }""", "true", "false", "{}"),
            Reference.Select(r => $$"""{ "$ref": "{{r}}" }"""));
        if (depth == 0) return leaf;
        var inner = SchemaGen(depth - 1);
        return Gen.OneOf(leaf,
            Gen.Select(Gen.OneOfConst("allOf", "anyOf", "oneOf"), inner.Array[1, 3]).Select((k, s) => $$"""{ "{{k}}": [{{string.Join(", ", s)}}] }"""),
            Gen.Select(Gen.OneOfConst("not", "if", "then", "else", "items", "additionalProperties", "propertyNames", "contains"), inner).Select((k, s) => $$"""{ "{{k}}": {{s}} }"""),
            Gen.Select(Gen.OneOfConst("a", "b"), inner).Select((p, s) => $$"""{ "properties": { "{{p}}": {{s}} } }"""),
            Gen.Select(Gen.OneOfConst("a", "b"), inner).Select((p, s) => $$"""{ "dependencies": { "{{p}}": {{s}} } }"""));
    }

    private static Gen<string> InstanceGen(int depth)
    {
        var leaf = Gen.OneOfConst("1", "\"s\"", "null", "true", "[]", "{}");
        if (depth == 0) return leaf;
        var inner = InstanceGen(depth - 1);
        return Gen.OneOf(leaf,
            inner.Array[0, 3].Select(items => $"[{string.Join(", ", items)}]"),
            Gen.Select(inner, inner).Select((a, b) => $$"""{ "a": {{a}}, "b": {{b}} }"""));
    }

    public static TheoryData<string, string, string> Catastrophic => new()
    {
        { """{ "properties": { "id": { "pattern": "^(a+)+$" } } }""", """{ "id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" }""", "$.id pattern" },
        { """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "items": { "$ref": "#/$defs/id" }, "$defs": { "id": { "pattern": "^(x+x+)+$" } } }""", """["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx!"]""", "$[0] pattern" },
        { """{ "$schema": "https://json-schema.org/draft/2019-09/schema", "patternProperties": { "^(a|aa)+$": { "type": "string" } } }""", """{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!": 1 }""", "$ patternProperties" },
        { """{ "$schema": "http://json-schema.org/draft-06/schema#", "additionalProperties": { "pattern": "^(\\w+\\s?)*$" } }""", """{ "k": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" }""", "$.k pattern" },
        // An embedded resource declaring another dialect than its root's: its patterns are bounded too.
        { """{ "properties": { "id": { "$ref": "id.json" } }, "definitions": { "id": { "$id": "id.json", "$schema": "https://json-schema.org/draft/2020-12/schema", "pattern": "^(a+)+$" } } }""", """{ "id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" }""", "$.id pattern" },
        { """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "items": { "$ref": "k.json" }, "$defs": { "k": { "$id": "k.json", "$schema": "https://json-schema.org/draft/2019-09/schema", "patternProperties": { "^(a|aa)+$": { "type": "string" } } } } }""", """[{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!": 1 }]""", "$[0] patternProperties" },
    };

    [Theory]
    [MemberData(nameof(Catastrophic))]
    public void A_pattern_that_backtracks_without_end_times_out_as_a_violation_naming_it(string schema, string instance, string expected)
    {
        var violation = Assert.Single(Load(schema, ShortTimeout).Validate(instance));

        Assert.Equal(expected, $"{violation.JsonPath} {violation.Message.Split(':')[0]}");
        Assert.Contains("did not finish matching within 50 ms", violation.Message);
    }

    [Fact]
    public void A_pattern_that_timed_out_once_is_not_tried_again_in_the_schema()
    {
        var validator = Load("""{ "items": { "pattern": "^(a+)+$" } }""", ShortTimeout);
        var values = string.Join(", ", Enumerable.Repeat("\"" + new string('a', 40) + "!\"", 200));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var violations = validator.Validate($"[{values}]");

        Assert.Equal(200, violations.Count);
        Assert.All(violations, v => Assert.Contains("^(a+)+$", v.Message));
        // 200 values at 50 ms each would take 10 s; tried once, the pattern costs one timeout (plus the quick pass).
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }
}
