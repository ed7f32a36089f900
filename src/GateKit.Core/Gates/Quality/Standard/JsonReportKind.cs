using System.Text.Json;

namespace GateKit.Gates.Quality.Standard;

/// <summary>Names what a JSON report actually is, from its top-level shape, so one declared with the wrong format is named as what it is.</summary>
public static class JsonReportKind
{
    public static string Of(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object when root.TryGetProperty("runs", out _) => "a SARIF log",
        JsonValueKind.Object when root.TryGetProperty("Benchmarks", out _) => "a BenchmarkDotNet report",
        JsonValueKind.Object => "a JSON object of another kind",
        JsonValueKind.Array => "a JSON array",
        _ => "a single JSON value",
    };
}
