using System.Text.Json;

namespace GateKit.Gates.Quality.Standard;

/// <summary>Names what a JSON report actually is, from its top-level shape, so one declared with the wrong format is named as what it is.</summary>
public static class JsonReportKind
{
    /// <param name="root">The first token of the document.</param>
    /// <param name="hasProperty">Whether the root object has a property of that name (not called for other roots).</param>
    public static string Of(JsonTokenType root, Func<string, bool> hasProperty) => root switch
    {
        JsonTokenType.StartObject when hasProperty("runs") => "a SARIF log",
        JsonTokenType.StartObject when hasProperty("Benchmarks") => "a BenchmarkDotNet report",
        JsonTokenType.StartObject => "a JSON object of another kind",
        JsonTokenType.StartArray => "a JSON array",
        _ => "a single JSON value",
    };
}
