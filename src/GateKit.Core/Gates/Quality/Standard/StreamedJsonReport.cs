using System.Text.Json;
using GateKit.Json;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// The root of a JSON report read as a stream (<see cref="StrictJsonStream"/>): an object whose top-level
/// properties are handed to the format's reader one at a time, so no part of the document is held whole.
/// </summary>
public static class StreamedJsonReport
{
    /// <summary>
    /// Opens <paramref name="stream"/> and reads its root. <paramref name="readValue"/> gets each top-level property's
    /// name with the reader on the value's first token, reads (or <see cref="StrictJsonStream.Skip"/>s) the whole value
    /// and returns whether it was the property that marks the format, of the right shape (SARIF's <c>runs</c> array).
    /// </summary>
    /// <exception cref="JsonException">Malformed or not strict JSON, with its position.</exception>
    /// <exception cref="ReportContentException">No marking property: <see cref="QualityCodes.ReportWrongFormat"/> naming what the document is.</exception>
    public static void Read(Stream stream, string declaredFormat, Func<StrictJsonStream, string, bool> readValue)
    {
        var json = new StrictJsonStream(stream);
        json.Read();
        var root = json.TokenType;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var marked = false;
        if (root == JsonTokenType.StartObject)
            Properties(json, name =>
            {
                names.Add(name);
                marked |= readValue(json, name);
            });
        else json.Skip();
        json.ReadToEnd();
        if (!marked)
            throw new ReportContentException(QualityCodes.ReportWrongFormat, $"declared as {declaredFormat} but is {JsonReportKind.Of(root, names.Contains)}", 1);
    }

    /// <summary>The string the reader is on; null (the value skipped) for any other value.</summary>
    public static string? StringValue(StrictJsonStream json)
    {
        if (json.TokenType == JsonTokenType.String) return json.String;
        json.Skip();
        return null;
    }

    /// <summary>The string of the property <paramref name="name"/> of the object the reader is on (every other value skipped); null when it has none.</summary>
    public static string? StringOf(StrictJsonStream json, string name)
    {
        string? value = null;
        Properties(json, p =>
        {
            if (p == name) value = StringValue(json);
            else json.Skip();
        });
        return value;
    }

    /// <summary>Reads the elements of the array the reader is on, handing each (on its first token) to <paramref name="readElement"/>, which reads it whole.</summary>
    public static void Elements(StrictJsonStream json, Action readElement)
    {
        while (json.Read() && json.TokenType != JsonTokenType.EndArray) readElement();
    }

    /// <summary>
    /// Reads the properties of the object the reader is on, handing each name (reader on the value) to <paramref name="readValue"/>,
    /// which reads the value whole; any other value is skipped, as a report's unexpected shapes are ignored.
    /// </summary>
    public static void Properties(StrictJsonStream json, Action<string> readValue)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            json.Skip();
            return;
        }
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.String!;
            json.Read();
            readValue(name);
        }
    }
}
