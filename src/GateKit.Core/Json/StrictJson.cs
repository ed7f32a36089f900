using System.Text;
using System.Text.Json;

namespace GateKit.Json;

/// <summary>A property an object holds twice, with both 1-based positions (line, byte column).</summary>
public sealed record DuplicateProperty(string JsonPath, string Name, int FirstLine, int FirstColumn, int Line, int Column)
{
    public string Problem => $"duplicate property '{Inputs.QuotedInput.Of(Name)}' (first at {FirstLine}:{FirstColumn})";
}

/// <summary>
/// JSON as GateKit reads every config, manifest and report: a property given twice in one object is
/// invalid input, never "the last one wins" — otherwise <c>"threshold": 0.9, "threshold": 0.1</c> on a P0
/// condition would validate and quietly loosen it (issue 20, kind 8). Text that does not decode (an
/// unpaired surrogate escape such as <c>"\ud800"</c>) and a number beyond a double (<c>1e400</c>) are
/// refused in the same pass, with their position, so that no later read of the value can fail.
/// </summary>
public static class StrictJson
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };
    internal const string UndecodableProblem = "text does not decode (an unpaired surrogate escape or invalid UTF-8)";
    internal const string BeyondDoubleProblem = "number is beyond the range of a double";

    /// <summary>
    /// The first duplicate property in document order, or null when there is none. Malformed JSON stops
    /// the search without an error: the parser that reads the document next reports it with its position.
    /// </summary>
    public static DuplicateProperty? FindDuplicate(ReadOnlySpan<byte> json)
    {
        _ = Check(json, out var duplicate);
        return duplicate;
    }

    /// <summary>
    /// The first problem in document order: a duplicate property (also returned in
    /// <paramref name="duplicate"/>), text that does not decode, or a number beyond a double; null when
    /// there is none or the JSON is malformed (the parser reads it next and reports that).
    /// </summary>
    public static JsonException? Check(ReadOnlySpan<byte> json, out DuplicateProperty? duplicate)
    {
        duplicate = null;
        var reader = new Utf8JsonReader(json, ReaderOptions);
        // One frame per open object or array: the names seen (with where) or the next index.
        var frames = new Stack<Frame>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        if (!TryDecode(ref reader, out var name)) return Undecodable(json, reader.TokenStartIndex, frames, null);
                        var names = frames.Peek().Names!;
                        if (names.TryGetValue(name, out var first))
                        {
                            var (line, column) = Position(json, reader.TokenStartIndex);
                            var (firstLine, firstColumn) = Position(json, first);
                            duplicate = new DuplicateProperty(PathOf(frames, name), name, firstLine, firstColumn, line, column);
                            return ToException(duplicate);
                        }
                        names[name] = reader.TokenStartIndex;
                        pendingName = name;
                        break;
                    }
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Push(new Frame(Segment(frames, pendingName), reader.TokenType == JsonTokenType.StartObject ? new(StringComparer.Ordinal) : null));
                        pendingName = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        Advance(frames);
                        break;
                    case JsonTokenType.String when !TryDecode(ref reader, out _):
                        return Undecodable(json, reader.TokenStartIndex, frames, pendingName);
                    case JsonTokenType.Number when !reader.TryGetDouble(out var number) || !double.IsFinite(number):
                        return Located(json, reader.TokenStartIndex, frames, pendingName, BeyondDoubleProblem);
                    default:
                        pendingName = null;
                        Advance(frames);
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { }
        return null;
    }

    /// <summary>
    /// Parses a whole document, refusing duplicate properties. Errors are <see cref="JsonException"/>s
    /// carrying the path and 0-based line and byte position, as System.Text.Json's own are.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> json, JsonDocumentOptions options = default)
    {
        if (Check(json.Span, out _) is { } problem) throw problem;
        return JsonDocument.Parse(json, options);
    }

    /// <summary>The duplicate as System.Text.Json would report an error at its second occurrence.</summary>
    public static JsonException ToException(DuplicateProperty duplicate) =>
        new(duplicate.Problem, duplicate.JsonPath, duplicate.Line - 1, duplicate.Column - 1);

    private static bool TryDecode(ref Utf8JsonReader reader, out string text)
    {
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static JsonException Undecodable(ReadOnlySpan<byte> json, long offset, Stack<Frame> frames, string? name) =>
        Located(json, offset, frames, name, UndecodableProblem);

    private static JsonException Located(ReadOnlySpan<byte> json, long offset, Stack<Frame> frames, string? name, string problem)
    {
        var (line, column) = Position(json, offset);
        var path = new StringBuilder();
        foreach (var frame in frames.Reverse()) path.Append(frame.Segment);
        if (name is not null) path.Append(Member(name));
        else if (frames.TryPeek(out var parent) && parent.Names is null) path.Append($"[{parent.Index}]");
        return new JsonException(problem, path.Length == 0 ? "$" : path.ToString(), line - 1, column - 1);
    }

    private sealed class Frame(string segment, Dictionary<string, long>? names)
    {
        public string Segment { get; } = segment;
        public Dictionary<string, long>? Names { get; } = names;
        public int Index { get; set; }
    }

    private static string Segment(Stack<Frame> frames, string? name) =>
        frames.Count == 0 ? "$" : name is not null ? Member(name) : $"[{frames.Peek().Index}]";

    /// <summary>An array counts its elements, so that a path can name one.</summary>
    private static void Advance(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var parent) && parent.Names is null) parent.Index++;
    }

    private static string PathOf(Stack<Frame> frames, string name)
    {
        var path = new StringBuilder();
        foreach (var frame in frames.Reverse()) path.Append(frame.Segment);
        return path.Append(Member(name)).ToString();
    }

    private static string Member(string name) => Config.JsonPathLocator.Member(Inputs.QuotedInput.Of(name));

    /// <summary>1-based line and byte column of a byte offset, counted as System.Text.Json counts them (LF ends a line).</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> json, long offset)
    {
        var before = json[..(int)offset];
        var line = before.Count((byte)'\n') + 1;
        var column = before.Length - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return (line, column);
    }
}
