namespace GateKit.Output;

/// <summary>The JSON Schemas of schemas/, embedded in Core so that every host can print or use them.</summary>
public static class Schemas
{
    public static IReadOnlyList<string> Names { get; } = ["gatekit", "result", "history", "evidence-manifest", "merge"];

    public static string? Read(string name)
    {
        if (!Names.Contains(name)) return null;
        using var stream = typeof(Schemas).Assembly.GetManifestResourceStream($"schemas/{name}.schema.json");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
