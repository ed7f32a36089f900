using GateKit.Config;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GateKit.Gates.Release;

/// <summary>One schema violation: the JSON path of the offending value (<c>$.a.b[0]</c>) and what is wrong.</summary>
public sealed record SchemaViolation(string JsonPath, string Message);

/// <summary>
/// Validates an artifact against a JSON Schema (draft-07) with NJsonSchema. The only type that touches
/// NJsonSchema, so that the library is loaded only when an artifact declares a schema.
/// </summary>
public sealed class ArtifactSchemaValidator
{
    private readonly JsonSchema schema;

    private ArtifactSchemaValidator(JsonSchema schema) => this.schema = schema;

    /// <summary>Parses a schema; false with the reason when it is not a usable schema.</summary>
    public static bool TryLoad(string schemaJson, out ArtifactSchemaValidator? validator, out string problem)
    {
        validator = null;
        problem = "";
        try
        {
            // Read without Newtonsoft's reflection-built contracts (SchemaModelReader); refs to other
            // files or URLs would read outside the root or go online: refused (SchemaReferenceResolver).
            var loaded = SchemaModelReader.Read(schemaJson);
            if (loaded is null)
            {
                problem = "the schema is null, not a JSON object";
                return false;
            }
            loaded.DocumentPath = "";
            SchemaReferenceResolver.Resolve(loaded);
            validator = new ArtifactSchemaValidator(loaded);
            return true;
        }
        // A hostile or broken schema can make the library throw almost anything; it is a finding, not a crash.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>Every violation, in document order of the validator.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string json)
    {
        JToken token;
        try
        {
            // The artifact already parsed with System.Text.Json (depth 64); dates stay strings, as in JSON.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
            token = JToken.Load(reader);
        }
        catch (JsonException e)
        {
            return [new SchemaViolation("$", $"cannot be read for validation: {e.Message}")];
        }
        var violations = new List<SchemaViolation>();
        Collect(schema.Validate(token), violations);
        return violations;
    }

    // An invalid array item or additional property (or an allOf branch) wraps the errors that say
    // what is wrong with it, deeper in the document: those are the ones worth reporting. anyOf and
    // oneOf stay one error, since no single branch is the one that should have matched.
    private static void Collect(IEnumerable<ValidationError> errors, List<SchemaViolation> violations)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError { Kind: ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid
                    or ValidationErrorKind.AdditionalPropertiesNotValid or ValidationErrorKind.NotAllOf } parent
                && parent.Errors.Values.Any(e => e.Count > 0))
            {
                Collect(parent.Errors.Values.SelectMany(e => e), violations);
                continue;
            }
            violations.Add(new SchemaViolation(PathOf(error), Describe(error)));
        }
    }

    private static string Describe(ValidationError error)
    {
        var kind = string.Concat(error.Kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return error.Property is { Length: > 0 } property ? $"{kind}: {property}" : kind;
    }

    // The value at fault, written the way the rest of GateKit writes JSON paths. NJsonSchema reports
    // a property's error on the object that holds it, naming the property: step into it when it is
    // there; for a missing required property the object that lacks it is the offending value.
    private static string PathOf(ValidationError error)
    {
        var token = error.Token is JProperty p ? p.Value : error.Token;
        if (token is JObject holder && error.Property is { } name && holder.TryGetValue(name, StringComparison.Ordinal, out var child))
            token = child;
        if (token is null) return "$";
        var steps = new List<string>();
        for (var current = token; current.Parent is { } parent; current = parent)
        {
            if (parent is JProperty property) steps.Add(JsonPathLocator.Member(property.Name));
            else if (parent is JArray array) steps.Add($"[{array.IndexOf(current)}]");
        }
        steps.Reverse();
        return "$" + string.Concat(steps);
    }
}
