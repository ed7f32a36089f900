using System.Text;
using System.Text.Json;

namespace GateKit.Config;

/// <summary>
/// Finds the 1-based line and column of the value at a JSON path such as <c>$.gates.quality.conditions[2].op</c>,
/// so that errors found after deserialization point at the source like parse errors do.
/// </summary>
public static class JsonPathLocator
{
    public static (int Line, int Column)? Locate(ReadOnlySpan<byte> json, string path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        // A stack of container frames: the path prefix and, for arrays, the next index.
        var frames = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    pendingProperty = frames.Peek().Path + Member(reader.GetString()!);
                    if (pendingProperty == path) return ToLineColumn(json, reader.TokenStartIndex);
                    continue;
                }
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.Pop();
                    continue;
                }

                string current;
                if (frames.Count == 0) current = "$";
                else if (frames.Peek().IsArray)
                {
                    var top = frames.Pop();
                    current = $"{top.Path}[{top.NextIndex}]";
                    frames.Push(top with { NextIndex = top.NextIndex + 1 });
                }
                else current = pendingProperty!;

                if (current == path) return ToLineColumn(json, reader.TokenStartIndex);
                if (token == JsonTokenType.StartObject) frames.Push((current, 0, false));
                else if (token == JsonTokenType.StartArray) frames.Push((current, 0, true));
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the parser itself; there is nothing to locate.
        }
        return null;
    }

    /// <summary>Appends a property to a path the way System.Text.Json writes paths.</summary>
    public static string Member(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') && name.Length > 0 && !char.IsAsciiDigit(name[0])
            ? "." + name
            : "['" + name.Replace("'", "\\'") + "']";

    private static (int, int) ToLineColumn(ReadOnlySpan<byte> json, long offset)
    {
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (json[i] == (byte)'\n') { line++; lineStart = i + 1; }
        }
        var column = Encoding.UTF8.GetCharCount(json[lineStart..(int)offset]) + 1;
        return (line, column);
    }
}
