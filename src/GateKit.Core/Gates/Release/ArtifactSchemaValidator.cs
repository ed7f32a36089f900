using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using GateKit.Config;
using Json.Schema;

namespace GateKit.Gates.Release;

/// <summary>One schema violation: the JSON path of the offending value (<c>$.a.b[0]</c>) and what is wrong, starting with the keyword (<c>type: …</c>).</summary>
public sealed record SchemaViolation(string JsonPath, string Message);

/// <summary>
/// Validates an artifact against a JSON Schema with JsonSchema.Net: draft-06, draft-07, 2019-09, 2020-12
/// (chosen by <c>$schema</c>; draft-07 without one), <c>format</c> asserted. The only type that touches
/// the library. References resolve inside the schema only (<c>#/definitions/…</c>, <c>#anchor</c>, an
/// embedded <c>$id</c>); one to another file or a URL is refused when the schema is loaded, and nothing is
/// ever read from disk or the network. Patterns run under a match timeout (<see cref="SchemaDialects"/>).
/// </summary>
public sealed class ArtifactSchemaValidator
{
    /// <summary>How long one <c>pattern</c> or <c>patternProperties</c> match may run.</summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromSeconds(1);

    // The library evaluates recursively: a deep instance under a long chain of references and combinators
    // nests that many calls. Both are bounded (instance depth 64 by the parser, chains by SchemaGraph), and
    // the work runs on a thread whose stack holds the worst case (reserved, not committed, until used).
    private const int StackBytes = 256 * 1024 * 1024;

    // An artifact schema is resolved against this base: a reference that names anything else is outside it.
    private static readonly Uri BaseUri = new("https://gatekit.invalid/artifact.schema.json");

    private static readonly EvaluationOptions FlagOptions = Options(OutputFormat.Flag);
    private static readonly EvaluationOptions DetailedOptions = Options(OutputFormat.Hierarchical);

    private readonly JsonSchema schema;

    private ArtifactSchemaValidator(JsonSchema schema) => this.schema = schema;

    private static EvaluationOptions Options(OutputFormat format) =>
        new() { OutputFormat = format, RequireFormatValidation = true, Culture = CultureInfo.InvariantCulture };

    /// <summary>Parses a schema; false with the reason when it is not a usable schema.</summary>
    public static bool TryLoad(string schemaJson, out ArtifactSchemaValidator? validator, out string problem) =>
        TryLoad(schemaJson, DefaultMatchTimeout, out validator, out problem);

    /// <summary>Parses a schema whose patterns may each run <paramref name="matchTimeout"/>; false with the reason when it is not usable.</summary>
    public static bool TryLoad(string schemaJson, TimeSpan matchTimeout, out ArtifactSchemaValidator? validator, out string problem)
    {
        validator = null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(schemaJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problem = $"not valid JSON: {e.Message}";
            return false;
        }
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            problem = $"the schema is {Describe(root.ValueKind)}, not a JSON object";
            return false;
        }
        if (UnknownDialect(root) is { } unknown)
        {
            problem = unknown;
            return false;
        }
        var (dialects, draft07) = SchemaDialects.For(matchTimeout, root);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = dialects, Dialect = draft07 };
        JsonSchema built;
        try
        {
            built = OnLargeStack(() => JsonSchema.Build(root, options, BaseUri));
        }
        // A hostile or broken schema can make the library throw almost anything; it is a finding, not a crash.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problem = e.Message;
            return false;
        }
        if (SchemaGraph.Problem(built) is { } refused)
        {
            problem = refused;
            return false;
        }
        problem = "";
        validator = new ArtifactSchemaValidator(built);
        return true;
    }

    /// <summary>Every violation: at each failing value its keywords' messages, then those of the values inside it, in the schema's order.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string json)
    {
        JsonDocument document;
        try
        {
            // The artifact already parsed with the same reader (depth 64); dates stay strings, as in JSON.
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [new SchemaViolation("$", $"cannot be read for validation: {e.Message}")];
        }
        using (document)
        {
            var instance = document.RootElement;
            try
            {
                return OnLargeStack(() =>
                {
                    // The quick yes/no first: a valid artifact (the usual case) skips collecting details.
                    if (schema.Evaluate(instance, FlagOptions).IsValid) return (IReadOnlyList<SchemaViolation>)[];
                    var violations = new List<SchemaViolation>();
                    Collect(instance, schema.Evaluate(instance, DetailedOptions), null, violations);
                    return violations;
                });
            }
            // A $dynamicRef with no anchor in scope is found only while evaluating.
            catch (RefResolutionException e)
            {
                return [new SchemaViolation("$", $"$dynamicRef: {e.Message}")];
            }
        }
    }

    // Each failing keyword's message at its value; in-place applicators that choose among branches
    // (anyOf, oneOf, not) stay one message, since no branch's errors are the ones to fix; if and contains
    // only decide, their failing branches are not errors (contains is one message when none matches).
    private static void Collect(JsonElement instance, EvaluationResults node, string? via, List<SchemaViolation> into)
    {
        if (node.IsValid) return;
        var before = into.Count;
        var path = PathOf(instance, node.InstanceLocation);
        foreach (var (keyword, message) in node.Errors ?? [])
            into.Add(new SchemaViolation(path, $"{(keyword.Length == 0 ? via ?? "false" : keyword)}: {message}"));
        var depth = node.EvaluationPath.SegmentCount;
        int anyOf = 0, anyOfValid = 0, oneOf = 0, oneOfValid = 0, contains = 0, containsValid = 0;
        var notMatched = false;
        foreach (var detail in node.Details ?? [])
        {
            var keyword = detail.EvaluationPath.SegmentCount > depth ? detail.EvaluationPath[depth].ToString() : "";
            switch (keyword)
            {
                case "anyOf":
                    anyOf++;
                    if (detail.IsValid) anyOfValid++;
                    break;
                case "oneOf":
                    oneOf++;
                    if (detail.IsValid) oneOfValid++;
                    break;
                case "not":
                    notMatched |= detail.IsValid;
                    break;
                case "contains":
                    contains++;
                    if (detail.IsValid) containsValid++;
                    break;
                case "if":
                    break;
                default:
                    Collect(instance, detail, keyword, into);
                    break;
            }
        }
        if (anyOf > 0 && anyOfValid == 0)
            into.Add(new SchemaViolation(path, $"anyOf: the value matches none of the {anyOf} alternatives"));
        if (oneOf > 0 && oneOfValid != 1)
            into.Add(new SchemaViolation(path, oneOfValid == 0
                ? $"oneOf: the value matches none of the {oneOf} alternatives"
                : $"oneOf: the value matches {oneOfValid} of the {oneOf} alternatives; exactly one must match"));
        if (notMatched) into.Add(new SchemaViolation(path, "not: the value matches the schema it must not match"));
        // Draft-07's contains in JsonSchema.Net 8.0.5 fails without a message (and words one when it passes).
        if (contains > 0 && containsValid == 0 && node.Errors?.ContainsKey("contains") != true)
            into.Add(new SchemaViolation(path, "contains: no item matches the schema"));
        // Whatever else fails without a message still fails: never an invalid value with nothing to show.
        if (into.Count == before) into.Add(new SchemaViolation(path, $"{via ?? "schema"}: the value does not match the schema"));
    }

    // The value at a JSON pointer, written the way the rest of GateKit writes JSON paths.
    private static string PathOf(JsonElement instance, global::Json.Pointer.JsonPointer location)
    {
        var path = new System.Text.StringBuilder("$");
        var current = instance;
        for (var i = 0; i < location.SegmentCount; i++)
        {
            var segment = location[i].ToString();
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                path.Append('[').Append(index).Append(']');
                current = current[index];
            }
            else
            {
                path.Append(JsonPathLocator.Member(segment));
                current = current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child) ? child : default;
            }
        }
        return path.ToString();
    }

    // $schema is read before building, so that a dialect the library would look up elsewhere (or build
    // from a meta-schema with unbounded patterns) is refused with GateKit's words.
    private static string? UnknownDialect(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("$schema", out var declared) || declared.ValueKind != JsonValueKind.String)
            return null;
        var text = declared.GetString()!;
        if (SchemaDialects.Named(text) is not null) return null;
        return $"$schema {text} is not a dialect GateKit reads (draft-06, draft-07, 2019-09, 2020-12)";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString(),
    };

    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, StackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
