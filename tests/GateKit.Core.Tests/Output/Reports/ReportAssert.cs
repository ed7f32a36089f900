using System.Text;
using System.Text.Json;
using System.Xml;
using GateKit.Gates.Release;

namespace GateKit.Tests.Output.Reports;

/// <summary>Checks shared by the report tests: schema validation, strict parsing, clean text everywhere.</summary>
public static class ReportAssert
{
    /// <summary>A format's rules written as a JSON Schema, loaded with the validator GateKit uses for artifact schemas.</summary>
    public static ArtifactSchemaValidator Schema(string schemaJson)
    {
        Assert.True(ArtifactSchemaValidator.TryLoad(schemaJson, out var validator, out var problem), problem);
        return validator!;
    }

    public static void Valid(ArtifactSchemaValidator schema, byte[] json)
    {
        var errors = schema.Validate(Encoding.UTF8.GetString(json));
        Assert.True(errors.Count == 0, "report does not follow the format's rules: " + string.Join("; ", errors.Select(e => $"{e.JsonPath}: {e.Message}")));
    }

    /// <summary>Parses strictly (UTF-8 validated) and checks every string and property name for characters the formats cannot hold.</summary>
    public static JsonElement CleanJson(byte[] bytes)
    {
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no byte-order mark");
        var root = JsonDocument.Parse(bytes).RootElement.Clone();
        Walk(root);
        AssertNoCommandLines(Encoding.UTF8.GetString(bytes));
        return root;

        static void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) { ReportRuns.AssertCleanText(p.Name); Walk(p.Value); }
                    break;
                case JsonValueKind.Array:
                    foreach (var i in e.EnumerateArray()) Walk(i);
                    break;
                case JsonValueKind.String:
                    ReportRuns.AssertCleanText(e.GetString()!);
                    break;
            }
        }
    }

    /// <summary>Reads the XML with a strict reader (XML 1.0 characters checked, no DTD) and returns the document.</summary>
    public static XmlDocument StrictXml(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        var doc = new XmlDocument();
        doc.Load(reader);
        AssertNoCommandLines(Encoding.UTF8.GetString(bytes));
        return doc;
    }

    /// <summary>A CI that echoes the file must not see a log command: no line begins with one.</summary>
    private static void AssertNoCommandLines(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            Assert.False(trimmed.StartsWith("##vso[", StringComparison.Ordinal) || trimmed.StartsWith("::", StringComparison.Ordinal), $"a line starts a CI log command: {trimmed[..Math.Min(80, trimmed.Length)]}");
        }
    }
}
