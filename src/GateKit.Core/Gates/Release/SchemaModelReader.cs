using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.References;

namespace GateKit.Gates.Release;

/// <summary>
/// Builds NJsonSchema's <see cref="JsonSchema"/> model from schema text the way
/// <c>JsonSchema.FromJsonAsync</c>'s deserializer does — the same Newtonsoft reader and read calls per
/// keyword, the same keyword names (exact, then case-insensitive), the same setter rules and extension
/// data — but without Newtonsoft's reflection-built contracts, which cost ~55 ms at every start of the
/// Native AOT tool. References are resolved afterwards by <see cref="SchemaReferenceResolver"/>.
/// SchemaModelReaderTests hold it to FromJsonAsync.
/// </summary>
internal static class SchemaModelReader
{
    // NJsonSchema's serializer contract for JsonSchema and JsonSchemaProperty, in contract order; "-"
    // marks an ignored member (its JSON goes to extension data). The order decides which member a
    // case-insensitive name matches. SchemaModelReaderTests compare these lists with the live contract.
    internal const string SchemaMembers = "$schema id title type discriminator " + Described + "-Parent " + Keywords;

    internal const string PropertyMembers =
        "$schema id title type discriminator -Name -Parent -IsRequired readonly x-writeOnly -IsInheritanceDiscriminator " + Described + Keywords;

    private const string Described =
        "-IsBinary -InheritedSchema -InheritedTypeSchema -AllInheritedSchemas -ResponsibleDiscriminatorObject "
        + "-HasActualProperties -ActualProperties -HasTypeNameTitle description -Type -ParentSchema ";

    private const string Keywords =
        "format default multipleOf maximum -ExclusiveMaximum -IsExclusiveMaximum minimum -ExclusiveMinimum "
        + "-IsExclusiveMinimum maxLength minLength pattern maxItems minItems uniqueItems maxProperties minProperties "
        + "x-deprecated x-deprecatedMessage x-abstract x-nullable x-example x-enumFlags -Enumeration -IsEnumeration "
        + "-RequiredProperties x-dictionaryKey -Properties xml -PatternProperties -Item -Items not -Definitions -AllOf "
        + "-AnyOf -OneOf -AllowAdditionalItems -AdditionalItemsSchema -AllowAdditionalProperties -AdditionalPropertiesSchema "
        + "-IsObject -IsArray -IsTuple -IsDictionary -IsAnyType -ActualSchema -ActualTypeSchema -HasReference "
        + "-HasAllOfSchemaReference -HasOneOfSchemaReference -HasAnyOfSchemaReference -Reference -ExtensionData "
        + "-ActualDiscriminator -Discriminator -ActualDiscriminatorObject -DiscriminatorObject -EnumerationNames "
        + "-EnumerationDescriptions exclusiveMaximum exclusiveMinimum additionalItems additionalProperties items required "
        + "properties patternProperties definitions x-enum-names x-enum-varnames x-enumNames x-enumDescriptions "
        + "x-enum-descriptions enum allOf anyOf oneOf -DocumentPath $ref";

    private static readonly (string Name, bool Ignored)[] schemaMembers = Parse(SchemaMembers);
    private static readonly (string Name, bool Ignored)[] propertyMembers = Parse(PropertyMembers);

    // The JSON each plain extension-data object was read from: a $ref may point at one (SchemaReferenceResolver).
    private static readonly ConditionalWeakTable<object, JObject> sources = new();

    /// <summary>The schema in <paramref name="json"/>, or null for a JSON null; throws what the deserializer throws.</summary>
    public static JsonSchema? Read(string json)
    {
        using var reader = NewReader(json);
        var schema = ReadRoot(reader);
        // As JsonConvert.DeserializeObject: only comments may follow.
        if (reader.Read() && reader.TokenType != JsonToken.Comment)
            throw Error(reader, "Additional text found in JSON string after finishing deserializing object.");
        return schema;
    }

    /// <summary>The JSON a plain extension-data object was read from, if it was.</summary>
    public static JObject? SourceOf(object data) => sources.TryGetValue(data, out var source) ? source : null;

    /// <summary>A schema read from extension data's JSON, as NJsonSchema reads one a reference points at.</summary>
    public static JsonSchema? ReadData(JObject source, bool property)
    {
        using var reader = NewReader(source.ToString(Formatting.None));
        return ReadContent(reader) ? ReadSchema(reader, property) : null;
    }

    private static JsonTextReader NewReader(string json) => new(new StringReader(json)) { MaxDepth = 128 };

    private static JsonSchema? ReadRoot(JsonReader reader) =>
        ReadContent(reader) ? ReadSchema(reader, property: false) : null;

    // A schema-typed value (NJsonSchema's ExtensionDataDeserializationConverter): null, or an object populated.
    private static JsonSchema? ReadSchema(JsonReader reader, bool property)
    {
        if (reader.TokenType == JsonToken.Null) return null;
        JsonSchema schema = property ? new JsonSchemaProperty() : new JsonSchema();
        if (reader.TokenType == JsonToken.StartArray)
            throw Error(reader, $"Cannot populate JSON array onto type '{schema.GetType().FullName}'.");
        if (reader.TokenType != JsonToken.StartObject)
            throw Error(reader, $"Unexpected initial token '{reader.TokenType}' when populating object. Expected JSON object or array.");
        Populate(reader, schema, property ? propertyMembers : schemaMembers);
        if (schema.ExtensionData is { } extension)
            foreach (var (key, value) in extension.ToArray()) extension[key] = ExtensionValue(value);
        return schema;
    }

    private static void Populate(JsonReader reader, JsonSchema schema, (string Name, bool Ignored)[] members)
    {
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonToken.Comment:
                    continue;
                case JsonToken.EndObject:
                    return;
                case JsonToken.PropertyName:
                    var name = (string)reader.Value!;
                    var member = Match(members, name);
                    if (member is null)
                    {
                        if (!reader.Read()) break;
                        (schema.ExtensionData ??= new Dictionary<string, object?>())[name] = ReadObject(reader);
                    }
                    else Set(reader, schema, member);
                    continue;
                default:
                    throw Error(reader, $"Unexpected token when deserializing object: {reader.TokenType}.");
            }
            break;
        }
        throw Error(reader, "Unexpected end when deserializing object.");
    }

    // Newtonsoft's GetClosestMatchProperty: the exact name, else the first case-insensitive one.
    private static string? Match((string Name, bool Ignored)[] members, string name)
    {
        foreach (var m in members)
            if (string.Equals(m.Name, name, StringComparison.Ordinal)) return m.Ignored ? null : m.Name;
        foreach (var m in members)
            if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) return m.Ignored ? null : m.Name;
        return null;
    }

    private static void Set(JsonReader reader, JsonSchema schema, string member)
    {
        switch (member)
        {
            case "$schema": schema.SchemaVersion = reader.ReadAsString(); break;
            case "id": schema.Id = reader.ReadAsString(); break;
            case "title": schema.Title = reader.ReadAsString(); break;
            case "description": schema.Description = reader.ReadAsString(); break;
            case "format": schema.Format = reader.ReadAsString(); break;
            case "pattern": schema.Pattern = reader.ReadAsString(); break;
            case "x-deprecatedMessage": schema.DeprecatedMessage = reader.ReadAsString(); break;
            case "$ref": ((IJsonReferenceBase)schema).ReferencePath = reader.ReadAsString(); break;
            case "type": schema.Type = TypeOf(ReadValue(reader)); break;
            case "discriminator": SetRaw(schema, "DiscriminatorRaw", ReadValue(reader), SetDiscriminator); break;
            case "default": schema.Default = ReadValue(reader); break;
            case "x-example": schema.Example = ReadValue(reader); break;
            case "multipleOf": schema.MultipleOf = reader.ReadAsDecimal(); break;
            case "maximum": schema.Maximum = reader.ReadAsDecimal(); break;
            case "minimum": schema.Minimum = reader.ReadAsDecimal(); break;
            case "maxLength": schema.MaxLength = reader.ReadAsInt32(); break;
            case "minLength": schema.MinLength = reader.ReadAsInt32(); break;
            case "maxItems": schema.MaxItems = Required(reader, reader.ReadAsInt32()); break;
            case "minItems": schema.MinItems = Required(reader, reader.ReadAsInt32()); break;
            case "maxProperties": schema.MaxProperties = Required(reader, reader.ReadAsInt32()); break;
            case "minProperties": schema.MinProperties = Required(reader, reader.ReadAsInt32()); break;
            case "uniqueItems": schema.UniqueItems = Required(reader, reader.ReadAsBoolean()); break;
            case "x-deprecated": schema.IsDeprecated = Required(reader, reader.ReadAsBoolean()); break;
            case "x-abstract": schema.IsAbstract = Required(reader, reader.ReadAsBoolean()); break;
            case "x-enumFlags": schema.IsFlagEnumerable = Required(reader, reader.ReadAsBoolean()); break;
            case "x-nullable": schema.IsNullableRaw = reader.ReadAsBoolean(); break;
            case "readonly": ((JsonSchemaProperty)schema).IsReadOnly = Required(reader, reader.ReadAsBoolean()); break;
            case "x-writeOnly": ((JsonSchemaProperty)schema).IsWriteOnly = Required(reader, reader.ReadAsBoolean()); break;
            case "x-dictionaryKey": schema.DictionaryKey = ReadSchemaValue(reader, property: false); break;
            case "not": schema.Not = ReadSchemaValue(reader, property: false); break;
            case "xml": SkipXml(reader); break;
            case "exclusiveMaximum":
                SetRaw(schema, "ExclusiveMaximumRaw", ReadValue(reader), (s, v) =>
                {
                    if (Flag(v) is { } flag) s.IsExclusiveMaximum = flag;
                    else if (v is not null) s.ExclusiveMaximum = Convert.ToDecimal(v, CultureInfo.InvariantCulture);
                });
                break;
            case "exclusiveMinimum":
                SetRaw(schema, "ExclusiveMinimumRaw", ReadValue(reader), (s, v) =>
                {
                    if (Flag(v) is { } flag) s.IsExclusiveMinimum = flag;
                    else if (v is not null) s.ExclusiveMinimum = Convert.ToDecimal(v, CultureInfo.InvariantCulture);
                });
                break;
            case "additionalItems":
                SetRaw(schema, "AdditionalItemsRaw", ReadValue(reader), (s, v) =>
                {
                    if (Flag(v) is { } flag) s.AllowAdditionalItems = flag;
                    else if (v is not null) s.AdditionalItemsSchema = Reparse(v);
                });
                break;
            case "additionalProperties":
                SetRaw(schema, "AdditionalPropertiesRaw", ReadValue(reader), (s, v) =>
                {
                    if (Flag(v) is { } flag) s.AllowAdditionalProperties = flag;
                    else if (v is not null) s.AdditionalPropertiesSchema = Reparse(v);
                });
                break;
            case "items":
                SetRaw(schema, "ItemsRaw", ReadValue(reader), (s, v) =>
                {
                    if (v is JArray array) Replace(s.Items, array.Select(Reparse).ToList());
                    else if (v is not null) s.Item = Reparse(v);
                });
                break;
            case "required":
                var required = ReadStrings(reader, "System.Collections.Generic.ICollection`1[System.String]");
                SetRaw(schema, "RequiredPropertiesRaw", required, (s, v) => Replace(s.RequiredProperties, v ?? []));
                break;
            case "properties":
                var properties = ReadDictionary(reader, property: true);
                SetRaw(schema, "PropertiesRaw", properties, (s, v) => Replace(s.Properties, v, p => (JsonSchemaProperty)p!));
                break;
            case "patternProperties":
                // A repeated patternProperties is read and lost: NJsonSchema's getter hands out a copy to fill.
                var repeated = schema.PatternProperties.Count > 0;
                var patterns = ReadDictionary(reader, property: true);
                if (!repeated) SetRaw(schema, "PatternPropertiesRaw", patterns, (s, v) => Replace(s.PatternProperties, v, p => (JsonSchemaProperty)p!));
                break;
            case "definitions":
                var definitions = ReadDictionary(reader, property: false);
                SetRaw(schema, "DefinitionsRaw", definitions, (s, v) => Replace(s.Definitions, v, d => d!));
                break;
            case "x-enum-names" or "x-enum-varnames":
                // NJsonSchema applies these only while x-enumNames is set and empty, which its getter
                // never reports (it reads an empty list as unset): read, then dropped, as there.
                ReadStrings(reader, "System.Collections.ObjectModel.Collection`1[System.String]");
                break;
            case "x-enumNames":
                var names = ReadStrings(reader, "System.Collections.ObjectModel.Collection`1[System.String]");
                if (schema.EnumerationNames.Count > 0) Replace(schema.EnumerationNames, names ?? []);
                else schema.EnumerationNames = names is null ? [] : new ObservableCollection<string>(names!);
                break;
            case "x-enumDescriptions" or "x-enum-descriptions":
                if (StringArray(ReadArrayValue(reader)) is { } descriptions) schema.EnumerationDescriptions = new ObservableCollection<string?>(descriptions);
                break;
            case "enum":
                var values = ReadItems(reader, ReadObject, "System.Collections.Generic.ICollection`1[System.Object]");
                SetRaw(schema, "EnumerationRaw", values, (s, v) => Replace(s.Enumeration, v ?? []));
                break;
            case "allOf":
                SetRaw(schema, "AllOfRaw", ReadSchemaList(reader), (s, v) => Replace(s.AllOf, v ?? []));
                break;
            case "anyOf":
                SetRaw(schema, "AnyOfRaw", ReadSchemaList(reader), (s, v) => Replace(s.AnyOf, v ?? []));
                break;
            case "oneOf":
                SetRaw(schema, "OneOfRaw", ReadSchemaList(reader), (s, v) => Replace(s.OneOf, v ?? []));
                break;
            default:
                throw new InvalidOperationException($"keyword {member} has no reader");
        }
    }

    // A setter that throws is reported the way Newtonsoft reports it.
    private static void SetRaw<T>(JsonSchema schema, string member, T value, Action<JsonSchema, T> set)
    {
        try
        {
            set(schema, value);
        }
        catch (Exception e)
        {
            throw new JsonSerializationException($"Error setting value to '{member}' on '{schema.GetType().FullName}'.", e);
        }
    }

    // NJsonSchema's flag test on an untyped keyword: a bool, or the strings "true"/"false".
    private static bool? Flag(object? value) => value switch
    {
        bool b => b,
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static JsonObjectType TypeOf(object? value)
    {
        static JsonObjectType One(string? name) => name switch
        {
            "array" => JsonObjectType.Array,
            "boolean" => JsonObjectType.Boolean,
            "integer" => JsonObjectType.Integer,
            "number" => JsonObjectType.Number,
            "null" => JsonObjectType.Null,
            "object" => JsonObjectType.Object,
            "string" => JsonObjectType.String,
            "file" => JsonObjectType.File,
            _ => JsonObjectType.None,
        };
        return value is JArray array ? array.Aggregate(JsonObjectType.None, (type, token) => type | One(token.ToString())) : One(value as string);
    }

    // NJsonSchema parses a schema held in an untyped keyword (items, additional*) again from its JSON text.
    private static JsonSchema Reparse(object? value)
    {
        var token = value as JToken ?? new JValue(value);
        using var reader = NewReader(token.ToString(Formatting.None));
        return ReadRoot(reader)!;
    }

    private static void SetDiscriminator(JsonSchema schema, object? value)
    {
        if (value is string name)
        {
            schema.Discriminator = name;
            return;
        }
        if (value is null) return;
        var source = (JObject)value;
        var discriminator = new OpenApiDiscriminator();
        foreach (var property in source.Properties())
        {
            if (string.Equals(property.Name, "propertyName", StringComparison.OrdinalIgnoreCase))
                discriminator.PropertyName = property.Value.ToObject<string>();
            else if (string.Equals(property.Name, "mapping", StringComparison.OrdinalIgnoreCase) && property.Value is JObject mapping)
            {
                discriminator.Mapping.Clear();
                foreach (var entry in mapping.Properties())
                {
                    var target = new JsonSchema();
                    ((IJsonReferenceBase)target).ReferencePath = entry.Value.ToObject<string>();
                    discriminator.Mapping[entry.Name] = target;
                }
            }
        }
        schema.DiscriminatorObject = discriminator;
    }

    // xml is OpenAPI's, has no bearing on validation, and JsonXmlObject's setters are internal: its
    // value is read (an object or null, as the deserializer requires) and dropped.
    private static void SkipXml(JsonReader reader)
    {
        if (!ReadContent(reader) || reader.TokenType == JsonToken.Null) return;
        if (reader.TokenType != JsonToken.StartObject)
            throw Error(reader, $"Unexpected token while deserializing object: {reader.TokenType}.");
        reader.Skip();
    }

    private static JsonSchema? ReadSchemaValue(JsonReader reader, bool property)
    {
        if (!ReadContent(reader)) throw Error(reader, "Unexpected end when setting value.");
        return ReadSchema(reader, property);
    }

    private static List<JsonSchema?>? ReadSchemaList(JsonReader reader) =>
        ReadItems(reader, r => ReadSchema(r, property: false), "System.Collections.Generic.ICollection`1[NJsonSchema.JsonSchema]");

    // A list of strings (required, x-enumNames): each item read as Newtonsoft reads a string.
    private static List<string?>? ReadStrings(JsonReader reader, string type)
    {
        if (!StartList(reader, type)) return null;
        var list = new List<string?>();
        while (true)
        {
            var item = reader.ReadAsString();
            if (reader.TokenType == JsonToken.EndArray) return list;
            if (reader.TokenType == JsonToken.None) throw Error(reader, "Unexpected end when deserializing array.");
            list.Add(item);
        }
    }

    // A list of schemas or of untyped values: each item read from its first token.
    private static List<T?>? ReadItems<T>(JsonReader reader, Func<JsonReader, T?> readItem, string type)
    {
        if (!StartList(reader, type)) return null;
        var list = new List<T?>();
        while (true)
        {
            if (!ReadContent(reader)) throw Error(reader, "Unexpected end when deserializing array.");
            if (reader.TokenType == JsonToken.EndArray) return list;
            list.Add(readItem(reader));
        }
    }

    // On the list's first token: false for null, true for an array, else Newtonsoft's error.
    private static bool StartList(JsonReader reader, string type)
    {
        if (!ReadContent(reader)) throw Error(reader, "Unexpected end when setting value.");
        switch (reader.TokenType)
        {
            case JsonToken.Null: return false;
            case JsonToken.StartArray: return true;
            case JsonToken.StartObject:
                throw Error(reader, $"Cannot deserialize the current JSON object (e.g. {{\"name\":\"value\"}}) into type '{type}' because the type requires a JSON array (e.g. [1,2,3]) to deserialize correctly.{Environment.NewLine}"
                    + "To fix this error either change the JSON to a JSON array (e.g. [1,2,3]) or change the deserialized type so that it is a normal .NET type (e.g. not a primitive type like integer, not a collection type like an array or List<T>) that can be deserialized from a JSON object. JsonObjectAttribute can also be added to the type to force it to deserialize from a JSON object." + Environment.NewLine);
            default:
                throw ConversionError(reader, type);
        }
    }

    private static Dictionary<string, JsonSchema?>? ReadDictionary(JsonReader reader, bool property)
    {
        if (!ReadContent(reader)) throw Error(reader, "Unexpected end when setting value.");
        var type = $"System.Collections.Generic.IDictionary`2[System.String,NJsonSchema.{(property ? "JsonSchemaProperty" : "JsonSchema")}]";
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.StartObject:
                break;
            case JsonToken.StartArray:
                throw Error(reader, $"Cannot deserialize the current JSON array (e.g. [1,2,3]) into type '{type}' because the type requires a JSON object (e.g. {{\"name\":\"value\"}}) to deserialize correctly.{Environment.NewLine}"
                    + "To fix this error either change the JSON to a JSON object (e.g. {\"name\":\"value\"}) or change the deserialized type to an array or a type that implements a collection interface (e.g. ICollection, IList) like List<T> that can be deserialized from a JSON array. JsonArrayAttribute can also be added to the type to force it to deserialize from a JSON array." + Environment.NewLine);
            default:
                throw ConversionError(reader, type);
        }
        var dictionary = new Dictionary<string, JsonSchema?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonToken.Comment: continue;
                case JsonToken.EndObject: return dictionary;
                case JsonToken.PropertyName:
                    var key = (string)reader.Value!;
                    if (!ReadContent(reader)) throw Error(reader, "Unexpected end when deserializing object.");
                    dictionary[key] = ReadSchema(reader, property);
                    continue;
                default:
                    throw Error(reader, $"Unexpected token when deserializing object: {reader.TokenType}.");
            }
        }
        throw Error(reader, "Unexpected end when deserializing object.");
    }

    // An untyped keyword: a primitive's value, or the object or array as a token.
    private static object? ReadValue(JsonReader reader)
    {
        if (!ReadContent(reader)) throw Error(reader, "Unexpected end when setting value.");
        return ReadObject(reader);
    }

    private static object? ReadObject(JsonReader reader)
    {
        while (reader.TokenType == JsonToken.Comment)
            if (!reader.Read()) throw Error(reader, "Unexpected end when deserializing object.");
        return reader.TokenType switch
        {
            JsonToken.StartObject or JsonToken.StartArray => JToken.ReadFrom(reader),
            JsonToken.Null or JsonToken.Undefined => null,
            _ => reader.Value,
        };
    }

    private static JToken? ReadArrayValue(JsonReader reader) => ReadValue(reader) switch
    {
        null => null,
        JArray array => array,
        var other => throw Error(reader, $"Error converting value {other} to type 'Newtonsoft.Json.Linq.JArray'."),
    };

    // NJsonSchema keeps enum descriptions only when every item is a string or null.
    private static List<string?>? StringArray(JToken? token)
    {
        if (token is not JArray { Count: > 0 } array) return null;
        var list = new List<string?>(array.Count);
        foreach (var item in array)
        {
            if (item.Type == JTokenType.String) list.Add(item.Value<string>());
            else if (item.Type == JTokenType.Null) list.Add(null);
            else return null;
        }
        return list;
    }

    // Extension data: an object that looks like a schema becomes one, other objects dictionaries, arrays object arrays.
    private static object? ExtensionValue(object? value)
    {
        switch (value)
        {
            case JObject obj:
                var schemaLike = (obj.Property("type") is not null || obj.Property("properties") is not null)
                    && obj.Property("required")?.Value.Type != JTokenType.Boolean;
                if (schemaLike)
                {
                    try
                    {
                        using var reader = new JTokenReader(obj);
                        return ReadRoot(reader);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // As NJsonSchema: an object that is not a valid schema stays plain data.
                    }
                }
                var dictionary = new Dictionary<string, object?>(obj.Count);
                foreach (var property in obj.Properties()) dictionary[property.Name] = ExtensionValue(property.Value);
                sources.AddOrUpdate(dictionary, obj);
                return dictionary;
            case JArray array:
                return array.Select(ExtensionValue).ToArray();
            case JValue primitive:
                return primitive.Value;
            default:
                return value;
        }
    }

    private static bool ReadContent(JsonReader reader)
    {
        while (reader.Read())
            if (reader.TokenType != JsonToken.Comment) return true;
        return false;
    }

    private static T Required<T>(JsonReader reader, T? value) where T : struct =>
        value ?? throw Error(reader, $"Error converting value {{null}} to type '{typeof(T).FullName}'.");

    // Newtonsoft's conversion error for a primitive where a collection was expected.
    private static JsonSerializationException ConversionError(JsonReader reader, string type)
    {
        var shown = reader.Value switch
        {
            null => "{null}",
            string s => $"\"{s}\"",
            var v => Convert.ToString(v, CultureInfo.InvariantCulture),
        };
        return Error(reader, $"Error converting value {shown} to type '{type}'.");
    }

    // A keyword's collection takes the items read. A repeated keyword adds to what the first one set:
    // Newtonsoft fills the value the member already has when it is not empty.
    private static void Replace<T>(ICollection<T> target, IEnumerable<T?> items)
    {
        foreach (var item in items) target.Add(item!);
    }

    private static void Replace<T>(IDictionary<string, T> target, Dictionary<string, JsonSchema?>? items, Func<JsonSchema?, T> cast)
    {
        if (items is null) return;
        foreach (var (key, value) in items) target[key] = cast(value);
    }

    private static (string, bool)[] Parse(string members) =>
        members.Split(' ').Select(m => m.StartsWith('-') ? (m[1..], true) : (m, false)).ToArray();

    // Newtonsoft's message shape: the message, then the path and position of the reader.
    internal static JsonSerializationException Error(JsonReader reader, string message)
    {
        var line = reader as IJsonLineInfo;
        var text = (message.EndsWith(Environment.NewLine, StringComparison.Ordinal) ? message : message + " ") + $"Path '{reader.Path}'";
        if (line is not null && line.HasLineInfo()) text += $", line {line.LineNumber}, position {line.LinePosition}";
        return new JsonSerializationException(text + ".", reader.Path, line?.LineNumber ?? 0, line?.LinePosition ?? 0, null);
    }
}
