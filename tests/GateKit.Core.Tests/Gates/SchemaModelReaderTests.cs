using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CsCheck;
using GateKit.Gates.Release;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GateKit.Tests.Gates;

/// <summary>
/// Holds SchemaModelReader + SchemaReferenceResolver to NJsonSchema's own <c>JsonSchema.FromJsonAsync</c>:
/// the same schemas accepted and refused, the same model (compared through NJsonSchema's ToJson), and the
/// same violations for the same instances.
/// </summary>
public sealed class SchemaModelReaderTests
{
    [Fact]
    public void The_keyword_lists_are_NJsonSchemas_serializer_contract()
    {
        var lazy = typeof(JsonSchema).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Lazy<>)).GetValue(null)!;
        var resolver = (IContractResolver)lazy.GetType().GetProperty("Value")!.GetValue(lazy)!;
        string Members(Type type) => string.Join(" ", ((JsonObjectContract)resolver.ResolveContract(type)).Properties
            .Select(p => (p.Ignored ? "-" : "") + p.PropertyName));

        Assert.Equal(SchemaModelReader.SchemaMembers, Members(typeof(JsonSchema)));
        Assert.Equal(SchemaModelReader.PropertyMembers, Members(typeof(JsonSchemaProperty)));
    }

    public static TheoryData<string> Schemas => new()
    {
        """{ "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["tag", "passed"], "properties": { "tag": { "type": "string" }, "passed": { "type": "boolean" }, "status": { "enum": ["OK", "ALERT"] }, "metrics": { "type": "object", "required": ["coverage"], "properties": { "coverage": { "type": "number", "minimum": 0, "maximum": 1 } } } } }""",
        """{ "type": ["string", "null"], "minLength": 2, "maxLength": 5, "pattern": "^[a-z]+$", "format": "email" }""",
        """{ "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": true, "maximum": 10, "multipleOf": 0.5 }""",
        """{ "type": "integer", "exclusiveMinimum": "true", "minimum": 1e2, "maximum": 0.30000000000000004 }""",
        """{ "type": "array", "items": [{ "type": "string" }, { "type": "integer" }], "additionalItems": false, "minItems": 1, "maxItems": 3, "uniqueItems": true }""",
        """{ "type": "array", "items": { "$ref": "#/definitions/n" }, "additionalItems": { "type": "null" }, "definitions": { "n": { "type": "number" } } }""",
        """{ "additionalProperties": { "type": "string", "format": "date-time" }, "patternProperties": { "^x-": { "type": "integer" } }, "minProperties": 1, "maxProperties": "2" }""",
        """{ "allOf": [{ "required": ["a"] }, { "properties": { "a": { "const": 1 } } }], "anyOf": [{ "type": "object" }, { "type": "array" }], "oneOf": [{ "minProperties": 1 }, { "maxProperties": 0 }], "not": { "type": "null" } }""",
        """{ "definitions": { "a": { "$ref": "#/definitions/b" }, "b": { "type": "string" } }, "properties": { "p": { "$ref": "#/definitions/a" }, "q": { "$ref": "#" } } }""",
        """{ "properties": { "a": { "$ref": "#/properties/b" }, "b": { "$ref": "#/properties/a" } } }""",
        """{ "properties": { "a": { "type": "string" }, "b": { "$ref": "#/properties/a" } }, "required": ["b", 1, true, null] }""",
        """{ "$defs": { "x": { "minimum": 3 }, "y": { "type": "string" } }, "properties": { "a": { "$ref": "#/$defs/x" }, "b": { "$ref": "#/$defs/y" } } }""",
        """{ "Type": "string", "TITLE": 3, "PROPERTIES": { "a": {} }, "Required": ["a"], "MAXIMUM": 4 }""",
        """{ "enum": [1, 1.5, "2020-01-01T00:00:00Z", "x", null, true, { "a": [1] }, [2]], "default": { "d": 1 }, "x-example": [1], "examples": [1] }""",
        """{ "type": "object", "discriminator": { "propertyName": "kind", "mapping": { "a": "#/definitions/A" } }, "definitions": { "A": { "type": "object" } } }""",
        """{ "type": "string", "discriminator": "kind", "x-nullable": true, "x-enumNames": ["A"], "x-enum-names": ["B"], "x-enumDescriptions": ["d", null], "xml": { "name": "n" } }""",
        """{ "items": [{ "$ref": "#/items/1" }, { "type": "integer" }], "not": { "$ref": "#/items/0" } }""",
        """{ "if": { "type": "string" }, "then": { "minLength": 1 }, "contains": { "type": "integer" }, "propertyNames": { "maxLength": 3 }, "dependencies": { "a": ["b"] } }""",
        """/* c */ { "type": /* c */ "object", "properties": { /* c */ "a": /* c */ { "type": "integer" } } } // c""",
        """{ "x-ext": { "type": "object", "properties": { "z": { "$ref": "#/definitions/missing" } } }, "properties": { "e": { "$ref": "#/x-ext" } } }""",
        """{ "properties": { "a": { "type": "object", "readonly": true, "x-writeOnly": false, "properties": { "b": { "$ref": "#/properties/a" } } } } }""",
        """{ "required": ["a"], "required": ["b"], "properties": { "a": {} }, "properties": { "b": {} }, "patternProperties": { "^a": {} }, "patternProperties": { "^b": {} }, "enum": [1], "enum": [2], "type": "string", "type": "integer" }""",
        """null""",
        // Refused by both.
        """{ "properties": { "a": true } }""",
        """true""",
        """[]""",
        """{ "type": "object", """,
        """{} x""",
        """{ "items": true }""",
        """{ "minimum": 1e30 }""",
        """{ "minimum": "abc" }""",
        """{ "maxItems": 1.5 }""",
        """{ "maxItems": null }""",
        """{ "allOf": [null] }""",
        """{ "items": [{ "$ref": "#/items/-1" }] }""",
        """{ "$ref": "#/definitions/missing" }""",
        """{ "additionalProperties": 5 }""",
        """{ "exclusiveMaximum": {} }""",
        """{ "required": "a" }""",
        """{ "properties": [] }""",
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void A_schema_reads_as_NJsonSchema_reads_it(string schema) => AssertSame(schema, Instances);

    [Fact]
    public void Generated_schemas_read_and_validate_as_NJsonSchema_reads_and_validates_them() =>
        Gen.Select(Schema(2, refs: false), Schema(3, refs: true), Instance(3).Array[1, 6])
            .Select((definition, schema, instances) => (WithDefinition(schema, definition), instances))
            .Sample(t => AssertSame(t.Item1, t.Item2), iter: 3000);

    // References point at one definition without references of its own: a reference cycle through
    // not/allOf would recurse without end in NJsonSchema's validator (the fixtures above cover cycles).
    private static string WithDefinition(string schema, string definition) =>
        schema == "{}" ? $"{{\"definitions\": {{\"d\": {definition}}}}}" : $"{{\"definitions\": {{\"d\": {definition}}}, {schema[1..]}";

    [Theory]
    [InlineData("""{ "$ref": "other.schema.json" }""", "schema refers to another file (other.schema.json); only references inside the schema are supported")]
    [InlineData("""{ "properties": { "a": { "$ref": "other.schema.json#/definitions/x" } } }""", "schema refers to another file (other.schema.json); only references inside the schema are supported")]
    [InlineData("""{ "$ref": "http://127.0.0.1:9/never.json#/a" }""", "schema refers to a URL (http://127.0.0.1:9/never.json); GateKit does not fetch schemas")]
    [InlineData("""{ "definitions": { "a": { "$ref": "https://127.0.0.1:9/a.json" } } }""", "schema refers to a URL (https://127.0.0.1:9/a.json); GateKit does not fetch schemas")]
    [InlineData("""{ "$ref": "#anchor" }""", "schema refers to #anchor, which is not a JSON pointer; only references inside the schema (#/...) are supported")]
    public void References_to_files_and_URLs_are_refused(string schema, string message)
    {
        Assert.False(ArtifactSchemaValidator.TryLoad(schema, out var validator, out var problem));
        Assert.Null(validator);
        Assert.Equal(message, problem);
    }

    private static readonly string[] Instances =
        ["null", "true", "1", "2.5", "\"x\"", "\"2020-01-01T00:00:00Z\"", "[]", "[\"a\", 1, null]", "{}", """{ "a": 1, "b": "x", "tag": "v1", "passed": true, "x-y": 2 }""",
         """{ "tag": "v", "passed": false, "status": "NO", "metrics": { "coverage": 2 } }""", """{ "p": 3, "q": { "p": "s" }, "e": { "z": 1 } }"""];

    private static void AssertSame(string schema, IEnumerable<string> instances)
    {
        var expected = Load(() => JsonSchema.FromJsonAsync(schema, "", root => new RefusingResolver(root), CancellationToken.None).GetAwaiter().GetResult());
        var actual = Load(() =>
        {
            var read = SchemaModelReader.Read(schema);
            if (read is null) return null;
            read.DocumentPath = "";
            SchemaReferenceResolver.Resolve(read);
            return read;
        });
        Assert.True(expected.Error is null == actual.Error is null, $"{schema}\nNJsonSchema: {expected.Error?.Message ?? "read"}\nreader: {actual.Error?.Message ?? "read"}");
        if (expected.Error is not null)
        {
            // The same message, except where the resolver refuses a file or URL (NJsonSchema's own text
            // there is an internal error: it never reached the refusing resolver).
            if (actual.Error is not NotSupportedException) Assert.Equal(expected.Error.Message, actual.Error!.Message);
            return;
        }
        Assert.Equal(expected.Schema is null, actual.Schema is null);
        if (expected.Schema is null) return;
        // xml (OpenAPI's) is dropped by the reader: JsonXmlObject's setters are internal, and validation never reads it.
        Assert.Equal(Regex.Replace(Describe(expected.Schema), ",?\"xml\":\\{[^}]*\\}", ""), Describe(actual.Schema!));
        foreach (var instance in instances)
        {
            var token = JToken.Parse(instance);
            Assert.Equal(Violations(expected.Schema, token), Violations(actual.Schema!, token));
        }
    }

    private static (JsonSchema? Schema, Exception? Error) Load(Func<JsonSchema?> load)
    {
        try
        {
            return (load(), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    // NJsonSchema's own serialization of the model (or why it cannot serialize it).
    private static string Describe(JsonSchema schema)
    {
        try
        {
            return schema.ToJson(Formatting.None);
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static string Violations(JsonSchema schema, JToken token)
    {
        try
        {
            return string.Join("; ", schema.Validate(token).Select(Show));
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static string Show(ValidationError error) => error switch
    {
        ChildSchemaValidationError child => $"{error.Kind}@{error.Path}:{error.Property}{{{string.Join(" | ", child.Errors.Values.Select(v => string.Join(", ", v.Select(Show))))}}}",
        MultiTypeValidationError multi => $"{error.Kind}@{error.Path}:{error.Property}{{{string.Join(" | ", multi.Errors.Select(v => v.Key + ": " + string.Join(", ", v.Value.Select(Show))))}}}",
        _ => $"{error.Kind}@{error.Path}:{error.Property}",
    };

    private sealed class RefusingResolver(JsonSchema root) : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
    {
        public override Task<NJsonSchema.References.IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("file");

        public override Task<NJsonSchema.References.IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("url");
    }

    // ---- generators: draft-07 schemas over NJsonSchema's keywords, and instances to validate --------

    private static readonly Gen<string> Name = Gen.OneOfConst("a", "b", "c", "x-y", "A", "tag");

    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Int[-5, 5].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOfConst("0.5", "1.0", "1e1", "2.25", "-0.1", "0.30000000000000004"));

    private static readonly Gen<string> Primitive = Gen.OneOf(
        Number, Gen.OneOfConst("null", "true", "false", "\"x\"", "\"\"", "\"2020-01-01T00:00:00Z\"", "\"a@b.co\"", "\"OK\""));

    private static readonly Gen<string> TypeName = Gen.OneOfConst("\"string\"", "\"number\"", "\"integer\"", "\"boolean\"", "\"null\"", "\"object\"", "\"array\"");

    private static Gen<string> Schema(int depth, bool refs)
    {
        var sub = depth == 0
            ? refs ? Gen.OneOfConst("{}", "{ \"type\": \"string\" }", "{ \"$ref\": \"#/definitions/d\" }") : Gen.OneOfConst("{}", "{ \"type\": \"string\" }")
            : Schema(depth - 1, refs);
        var subList = sub.Array[1, 3].Select(s => "[" + string.Join(", ", s) + "]");
        var map = Gen.Select(Name, sub).Array[0, 3].Select(m => "{" + string.Join(", ", m.DistinctBy(p => p.Item1).Select(p => $"\"{p.Item1}\": {p.Item2}")) + "}");
        var keyword = Gen.OneOf(
            TypeName.Select(t => $"\"type\": {t}"),
            TypeName.Array[1, 3].Select(t => $"\"type\": [{string.Join(", ", t)}]"),
            Primitive.Array[1, 4].Select(v => $"\"enum\": [{string.Join(", ", v)}]"),
            Gen.Select(Gen.OneOfConst("minimum", "maximum", "multipleOf"), Number).Select((k, n) => $"\"{k}\": {n}"),
            Gen.Select(Gen.OneOfConst("exclusiveMinimum", "exclusiveMaximum"), Gen.OneOf(Number, Gen.OneOfConst("true", "false"))).Select((k, v) => $"\"{k}\": {v}"),
            Gen.Select(Gen.OneOfConst("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"), Gen.Int[0, 3]).Select((k, n) => $"\"{k}\": {n}"),
            Gen.OneOfConst("\"pattern\": \"^[a-z]*$\"", "\"pattern\": \"x\"", "\"uniqueItems\": true", "\"format\": \"date-time\"", "\"format\": \"email\"",
                "\"format\": \"uri\"", "\"format\": \"ipv4\"", "\"format\": \"date\"", "\"additionalProperties\": false", "\"additionalItems\": false",
                "\"required\": [\"a\"]", "\"required\": [\"a\", \"tag\"]", "\"title\": \"t\"", "\"description\": \"d\"", "\"default\": 1", "\"const\": 1",
                "\"x-nullable\": true", refs ? "\"$ref\": \"#/definitions/d\"" : "\"title\": \"r\""),
            sub.Select(s => $"\"items\": {s}"),
            subList.Select(s => $"\"items\": {s}"),
            sub.Select(s => $"\"additionalItems\": {s}"),
            sub.Select(s => $"\"additionalProperties\": {s}"),
            sub.Select(s => $"\"not\": {s}"),
            Gen.Select(Gen.OneOfConst("allOf", "anyOf", "oneOf"), subList).Select((k, l) => $"\"{k}\": {l}"),
            map.Select(m => $"\"properties\": {m}"),
            map.Select(m => $"\"patternProperties\": {m.Replace("\"a\"", "\"^a\"")}"),
            sub.Select(s => $"\"definitions\": {{ \"e\": {s} }}"));
        // Each keyword once: a repeated member makes Newtonsoft fill the value the first one left
        // (collections grow, as the fixture above checks; an untyped one fails on mismatched tokens).
        return keyword.Array[0, 5].Select(k => "{" + string.Join(", ", k.DistinctBy(w => w[..w.IndexOf(':')])) + "}");
    }

    private static Gen<string> Instance(int depth)
    {
        if (depth == 0) return Primitive;
        var child = Instance(depth - 1);
        return Gen.Frequency(
            (3, (IGen<string>)Primitive),
            (1, (IGen<string>)child.Array[0, 3].Select(a => "[" + string.Join(", ", a) + "]")),
            (2, (IGen<string>)Gen.Select(Name, child).Array[0, 4].Select(m => "{" + string.Join(", ", m.DistinctBy(p => p.Item1).Select(p => $"\"{p.Item1}\": {p.Item2}")) + "}")));
    }
}
