using System.Collections.Concurrent;
using System.Reflection;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Schema;

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
    public const string MergeSchema = "merge.schema.json";

    // Built once per schema file (building resolves every $ref), each in a registry of its own.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    // Formats asserted (date-time, uri, …), as the documents promise them; messages in one culture.
    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.List, RequireFormatValidation = true, Culture = CultureInfo.InvariantCulture,
    };

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

    /// <summary>Every validation error of <paramref name="json"/> against the named schema file, flattened: instance pointer, keyword, message.</summary>
    public static IReadOnlyList<string> Errors(string schemaFile, string json)
    {
        var schema = Schemas.GetOrAdd(schemaFile, f => new Lazy<JsonSchema>(() => Load(f))).Value;
        using var document = JsonDocument.Parse(json);
        var results = schema.Evaluate(document.RootElement, Options);
        if (results.IsValid) return [];
        return [.. (results.Details ?? []).Prepend(results)
            .SelectMany(d => (d.Errors ?? []).Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value} (schema {d.EvaluationPath})"))];
    }

    private static JsonSchema Load(string fileName) =>
        JsonSchema.FromText(File.ReadAllText(SchemaPath(fileName)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

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
