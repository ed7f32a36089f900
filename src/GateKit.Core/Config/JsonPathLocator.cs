using System.Text;
using System.Text.Json;

namespace GateKit.Config;

/// <summary>
/// Finds the 1-based line and column of the value at a JSON path such as <c>$.gates.quality.conditions[2].op</c>,
/// so that errors found after deserialization point at the source like parse errors do.
/// </summary>
public static class JsonPathLocator
{
    public static (int Line, int Column)? Locate(ReadOnlySpan<byte> json, string path) =>
        LocateAll(json, [path]).TryGetValue(path, out var at) ? at : null;

    /// <summary>
    /// Every path of <paramref name="paths"/> found, in one pass over the document: locating each of
    /// many problems on its own read the document once per problem (quadratic; a manifest of 50k
    /// missing files took over 300 s to verify).
    /// </summary>
    public static IReadOnlyDictionary<string, (int Line, int Column)> LocateAll(ReadOnlySpan<byte> json, IReadOnlyCollection<string> paths)
    {
        var wanted = paths as IReadOnlySet<string> ?? paths.ToHashSet(StringComparer.Ordinal);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        void Found(string path, long offset)
        {
            if (wanted.Contains(path)) offsets.TryAdd(path, offset);
        }

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
                    Found(pendingProperty, reader.TokenStartIndex);
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

                Found(current, reader.TokenStartIndex);
                if (token == JsonTokenType.StartObject) frames.Push((current, 0, false));
                else if (token == JsonTokenType.StartArray) frames.Push((current, 0, true));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON (or a name that does not decode) is reported by the parser itself; what
            // was found before it stands.
        }
        return ToLineColumns(json, offsets);
    }

    /// <summary>Appends a property to a path the way System.Text.Json writes paths.</summary>
    public static string Member(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') && name.Length > 0 && !char.IsAsciiDigit(name[0])
            ? "." + name
            : "['" + name.Replace("'", "\\'") + "']";

    /// <summary>
    /// Offsets to 1-based lines and columns (in characters), in one forward sweep: the characters of a
    /// line are counted once, not again for each offset on it (a manifest is often one long line).
    /// </summary>
    private static Dictionary<string, (int Line, int Column)> ToLineColumns(ReadOnlySpan<byte> json, Dictionary<string, long> offsets)
    {
        var result = new Dictionary<string, (int, int)>(offsets.Count, StringComparer.Ordinal);
        int line = 1, scanned = 0, counted = 0, characters = 0;
        foreach (var (path, offset) in offsets.OrderBy(o => o.Value))
        {
            for (; scanned < offset; scanned++)
            {
                if (json[scanned] != (byte)'\n') continue;
                line++;
                counted = scanned + 1;
                characters = 0;
            }
            characters += Encoding.UTF8.GetCharCount(json[counted..(int)offset]);
            counted = (int)offset;
            result[path] = (line, characters + 1);
        }
        return result;
    }
}
