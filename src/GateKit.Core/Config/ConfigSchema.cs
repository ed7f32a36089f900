using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GateKit.Gates;

namespace GateKit.Config;

/// <summary>
/// gatekit.schema.json, composed: the root part (<c>Config/gatekit.root.schema.json</c>: the root, profiles, waivers
/// and the shared definitions) and each gate's fragment (<see cref="IGateDescriptor.SchemaFragment"/>), with one
/// <c>gates</c> property and one waiver gate name per descriptor. schemas/gatekit.schema.json is this text for the
/// built-in gates; a test holds the file to it.
/// </summary>
public static class ConfigSchema
{
    private const string RootResource = "gatekit.root.schema.json";

    /// <summary>
    /// The schema for <paramref name="descriptors"/>, indented by two spaces with '\n' line endings.
    /// Throws <see cref="InvalidOperationException"/> when two parts define the same name.
    /// </summary>
    public static string Compose(IReadOnlyList<IGateDescriptor> descriptors)
    {
        var root = JsonNode.Parse(ReadRoot())!.AsObject();
        var definitions = root["definitions"]!.AsObject();
        var gates = definitions["gates"]!["properties"]!.AsObject();
        var waiverGates = definitions["waiver"]!["properties"]!["gate"]!["enum"]!.AsArray();
        foreach (var descriptor in descriptors)
        {
            gates.Add(descriptor.Name, new JsonObject { ["$ref"] = $"#/definitions/{descriptor.Name}" });
            waiverGates.Add((JsonNode)JsonValue.Create(descriptor.Name));
            var fragment = JsonNode.Parse(descriptor.SchemaFragment)!["definitions"]!.AsObject();
            foreach (var (name, shape) in fragment.ToList())
            {
                if (definitions.ContainsKey(name))
                    throw new InvalidOperationException($"the {descriptor.Name} gate's schema fragment redefines '{name}'");
                fragment.Remove(name);
                definitions.Add(name, shape);
            }
        }
        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            root.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(text.ToArray()) + "\n";
    }

    private static string ReadRoot()
    {
        using var stream = typeof(ConfigSchema).Assembly.GetManifestResourceStream(RootResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
