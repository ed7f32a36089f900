using System.Xml;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// The one way GateKit reads an XML report: a forward-only reader that refuses any DTD (so no entity is
/// ever expanded - billion laughs, external entities) and resolves nothing outside the document.
/// </summary>
public static class SafeXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>A reader over <paramref name="stream"/>; malformed or unsafe XML throws <see cref="XmlException"/> with a 1-based line.</summary>
    public static XmlReader Create(Stream stream) => XmlReader.Create(stream, Settings);

    /// <summary>Moves to the document's root element and returns its local name; throws <see cref="XmlException"/> on an empty or malformed document.</summary>
    public static string ReadRoot(XmlReader reader)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element) throw new XmlException("the document has no root element", null, 1, 1);
        return reader.LocalName;
    }

    /// <summary>
    /// Whether the XML error is the refusal of a DTD. .NET's message is the only place that tells it
    /// apart (no error code is public); the runtime's messages are English unless a resource pack is installed.
    /// </summary>
    public static bool IsDtdRefusal(XmlException e) => e.Message.Contains("DTD", StringComparison.Ordinal);
}
