using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GateKit.Tests.Support;

/// <summary>
/// Validates JSON against the published contracts in the repository's schemas/ folder (the files
/// themselves, not a copy), so that a test fails when what GateKit writes drifts from what it documents.
/// </summary>
public static class SchemaAssert
{
    public const string ConfigSchema = "gatekit.schema.json";
    public const string ResultSchema = "result.schema.json";
    public const string HistorySchema = "history.schema.json";

    // Parsed once per schema file: NJsonSchema's parse resolves every $ref, which is the slow part.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>The repository root: the nearest folder above the test binaries that holds GateKit.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SchemaPath(string fileName) => Path.Combine(RepositoryRoot, "schemas", fileName);

    /// <summary>Asserts that <paramref name="json"/> (UTF-8, as written to result.json) validates against result.schema.json.</summary>
    public static void ValidResult(byte[] json) => Valid(ResultSchema, Encoding.UTF8.GetString(json));

    /// <summary>Asserts that one line of a history JSONL file validates against history.schema.json.</summary>
    public static void ValidHistoryLine(string line) => Valid(HistorySchema, line);

    /// <summary>Asserts that <paramref name="json"/> validates against the named schema file, listing every error otherwise.</summary>
    public static void Valid(string schemaFile, string json)
    {
        var errors = Errors(schemaFile, json);
        Assert.True(errors.Count == 0,
            $"JSON does not validate against schemas/{schemaFile}:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", errors)
            + Environment.NewLine + "JSON: " + json);
    }

    /// <summary>Every validation error of <paramref name="json"/> against the named schema file, flattened.</summary>
    public static IReadOnlyList<string> Errors(string schemaFile, string json)
    {
        var schema = Schemas.GetOrAdd(schemaFile, f => new Lazy<JsonSchema>(() => Load(f))).Value;
        var found = new List<string>();
        Flatten(schema.Validate(json), found, "");
        return found;
    }

    private static JsonSchema Load(string fileName)
    {
        var path = SchemaPath(fileName);
        return JsonSchema.FromJsonAsync(File.ReadAllText(path), path).GetAwaiter().GetResult();
    }

    private static void Flatten(IEnumerable<ValidationError> errors, List<string> into, string indent)
    {
        foreach (var e in errors)
        {
            var at = e.HasLineInfo ? $" (line {e.LineNumber}, column {e.LinePosition})" : "";
            into.Add($"{indent}{e.Path ?? "#"}: {e.Kind}{(e.Property is null ? "" : $" '{e.Property}'")}{at}");
            if (e is ChildSchemaValidationError child)
                foreach (var branch in child.Errors.Values) Flatten(branch, into, indent + "  ");
        }
    }

    private static string FindRepositoryRoot()
    {
        // Build output may live outside the repository (--artifacts-path), so the test project's own
        // folder, recorded at build time, is the second place to start from.
        var sourceDirectory = typeof(SchemaAssert).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, sourceDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "GateKit.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no GateKit.sln above {AppContext.BaseDirectory} or {sourceDirectory}");
    }
}
