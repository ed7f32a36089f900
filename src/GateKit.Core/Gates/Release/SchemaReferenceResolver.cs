using System.Collections;
using NJsonSchema;
using NJsonSchema.References;

namespace GateKit.Gates.Release;

/// <summary>
/// Resolves the <c>$ref</c>s of a schema read by <see cref="SchemaModelReader"/> the way
/// <c>JsonSchema.FromJsonAsync</c> does: two passes over the schema in NJsonSchema's visiting order
/// (the first replaces a definition that is only a reference by its target, the second sets every
/// other reference), each JSON pointer walked through the model as NJsonSchema walks it. References
/// to other files or URLs are refused: they would read outside the root or go online.
/// </summary>
internal sealed class SchemaReferenceResolver
{
    private readonly JsonSchema root;

    private SchemaReferenceResolver(JsonSchema root) => this.root = root;

    public static void Resolve(JsonSchema root)
    {
        var resolver = new SchemaReferenceResolver(root);
        resolver.Visit(root, "#", null, new HashSet<object>(ReferenceEqualityComparer.Instance), _ => { }, replaceRound: true);
        resolver.Visit(root, "#", null, new HashSet<object>(ReferenceEqualityComparer.Instance), _ => { }, replaceRound: false);
    }

    private void Visit(JsonSchema? schema, string path, string? hint, HashSet<object> seen, Action<JsonSchema> replace, bool replaceRound)
    {
        if (schema is null || !seen.Add(schema)) return;
        if (((IJsonReferenceBase)schema).ReferencePath is { } reference && schema.Reference is null)
        {
            if (!replaceRound) schema.Reference = Target(reference, schema);
            else if (hint is not null && (path.EndsWith("/definitions/" + hint, StringComparison.Ordinal) || path.EndsWith("/schemas/" + hint, StringComparison.Ordinal)))
            {
                var target = Target(reference, schema);
                if (target != schema)
                {
                    replace(target);
                    return;
                }
            }
        }
        Visit(schema.AdditionalItemsSchema, path + "/additionalItems", null, seen, s => schema.AdditionalItemsSchema = s, replaceRound);
        Visit(schema.AdditionalPropertiesSchema, path + "/additionalProperties", null, seen, s => schema.AdditionalPropertiesSchema = s, replaceRound);
        Visit(schema.Item, path + "/items", null, seen, s => schema.Item = s, replaceRound);
        VisitList(schema.Items, path + "/items", seen, replaceRound);
        VisitList(schema.AllOf, path + "/allOf", seen, replaceRound);
        VisitList(schema.AnyOf, path + "/anyOf", seen, replaceRound);
        VisitList(schema.OneOf, path + "/oneOf", seen, replaceRound);
        Visit(schema.Not, path + "/not", null, seen, s => schema.Not = s, replaceRound);
        Visit(schema.DictionaryKey, path + "/x-dictionaryKey", null, seen, s => schema.DictionaryKey = s, replaceRound);
        if (schema.DiscriminatorObject is { } discriminator && seen.Add(discriminator))
            foreach (var (key, value) in discriminator.Mapping.ToArray())
                Visit(value, path + "/discriminator/mapping/" + key, key, seen, s => discriminator.Mapping[key] = s, replaceRound);
        foreach (var (key, value) in schema.Properties.ToArray())
            Visit(value, path + "/properties/" + key, key, seen, s => schema.Properties[key] = (JsonSchemaProperty)s, replaceRound);
        foreach (var (key, value) in schema.PatternProperties.ToArray())
            Visit(value, path + "/patternProperties/" + key, null, seen, s => schema.PatternProperties[key] = (JsonSchemaProperty)s, replaceRound);
        foreach (var (key, value) in schema.Definitions.ToArray())
            Visit(value, path + "/definitions/" + key, key, seen, s => schema.Definitions[key] = s, replaceRound);
    }

    private void VisitList(ICollection<JsonSchema> list, string path, HashSet<object> seen, bool replaceRound)
    {
        var items = (IList<JsonSchema>)list;
        for (var i = 0; i < items.Count; i++)
        {
            var index = i;
            Visit(items[i], $"{path}[{i}]", null, seen, s => items[index] = s, replaceRound);
        }
    }

    private JsonSchema Target(string reference, JsonSchema from)
    {
        if (reference == "#") return root;
        if (reference.StartsWith("#/", StringComparison.Ordinal))
        {
            var segments = reference.Split('/').Skip(1).Select(s => Uri.UnescapeDataString(s).Replace("~1", "/").Replace("~0", "~")).ToList();
            return Walk(root, segments, 0, new HashSet<object>(), from is JsonSchemaProperty) as JsonSchema
                ?? throw new InvalidOperationException($"Could not resolve the path '{reference}'.");
        }
        if (reference.StartsWith("http://", StringComparison.Ordinal) || reference.StartsWith("https://", StringComparison.Ordinal))
            throw new NotSupportedException($"schema refers to a URL ({reference.Split('#')[0]}); GateKit does not fetch schemas");
        if (reference.StartsWith('#'))
            throw new NotSupportedException($"schema refers to {reference}, which is not a JSON pointer; only references inside the schema (#/...) are supported");
        throw new NotSupportedException($"schema refers to another file ({reference.Split('#')[0]}); only references inside the schema are supported");
    }

    // NJsonSchema's pointer walk: through a reference's target first, then the object itself.
    // property: the reference is held by a property schema, which is what NJsonSchema makes of data.
    private object? Walk(object? node, List<string> segments, int at, HashSet<object> seen, bool property)
    {
        if (node is null or string || seen.Contains(node)) return null;
        if (node is JsonSchema { Reference: { } target })
            return WalkHere(target, segments, at, seen, property) ?? WalkHere(node, segments, at, seen, property);
        return WalkHere(node, segments, at, seen, property);
    }

    private object? WalkHere(object node, List<string> segments, int at, HashSet<object> seen, bool property)
    {
        if (at == segments.Count)
            return node is IDictionary dictionary ? FromData(dictionary, segments, property) : node as JsonSchema;
        seen.Add(node);
        var key = segments[at];
        switch (node)
        {
            case IDictionary dictionary:
                return dictionary.Contains(key) ? Walk(dictionary[key], segments, at + 1, seen, property) : null;
            case IEnumerable list:
                if (!int.TryParse(key, out var index)) return null;
                var items = list.Cast<object?>().ToArray();
                // A negative index fails as it fails in NJsonSchema.
                return items.Length > index ? Walk(items[index], segments, at + 1, seen, property) : null;
            case JsonSchema schema:
                if (schema.ExtensionData is { } extension && extension.TryGetValue(key, out var data))
                    return Walk(data, segments, at + 1, seen, property);
                return Member(schema, key) is { } member ? Walk(member, segments, at + 1, seen, property) : null;
            case OpenApiDiscriminator discriminator:
                return key == "mapping" ? Walk(discriminator.Mapping, segments, at + 1, seen, property) : null;
            default:
                return null;
        }
    }

    // The schema-holding keywords, with the values NJsonSchema's JSON members give (an empty collection reads as absent).
    private static object? Member(JsonSchema schema, string keyword) => keyword switch
    {
        "properties" => schema.Properties.Count > 0 ? schema.Properties : null,
        "patternProperties" => schema.PatternProperties.Count > 0 ? schema.PatternProperties.ToDictionary(p => p.Key, p => p.Value) : null,
        "definitions" => schema.Definitions.Count > 0 ? schema.Definitions : null,
        "items" => (object?)schema.Item ?? (schema.Items.Count > 0 ? schema.Items : null),
        "additionalItems" => schema.AdditionalItemsSchema,
        "additionalProperties" => schema.AdditionalPropertiesSchema,
        "allOf" => schema.AllOf.Count > 0 ? schema.AllOf : null,
        "anyOf" => schema.AnyOf.Count > 0 ? schema.AnyOf : null,
        "oneOf" => schema.OneOf.Count > 0 ? schema.OneOf : null,
        "not" => schema.Not,
        "x-dictionaryKey" => schema.DictionaryKey,
        "discriminator" => schema.DiscriminatorObject,
        _ => null,
    };

    // A pointer to plain extension data: NJsonSchema turns the object into a schema through its JSON.
    private static JsonSchema? FromData(IDictionary data, List<string> segments, bool property) =>
        SchemaModelReader.SourceOf(data) is { } source
            ? SchemaModelReader.ReadData(source, property)
            : throw new NotSupportedException($"schema reference #/{string.Join('/', segments)} points at a collection of schemas, not at a schema");
}
