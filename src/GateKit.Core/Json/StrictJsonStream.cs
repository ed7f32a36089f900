using System.Text;
using System.Text.Json;

namespace GateKit.Json;

/// <summary>
/// Reads one JSON document from a stream token by token, in memory bounded by the longest token rather than the
/// document (a 1 GB SARIF log is read through a 64 KiB buffer), with the rules of <see cref="StrictJson"/>: a
/// property given twice in one object, text that does not decode and a number beyond a double are refused, as are
/// comments, trailing commas and anything after the root value. Every problem is a <see cref="JsonException"/>
/// carrying the path and the 0-based line and byte position, as System.Text.Json's own are.
/// </summary>
/// <remarks>
/// The buffer starts at <see cref="InitialBufferBytes"/> and doubles only while one token does not fit, up to
/// <see cref="MaxTokenBytes"/>; a longer token (a 100 MB string) is refused rather than buffered.
/// </remarks>
public sealed class StrictJsonStream
{
    public const int InitialBufferBytes = 64 * 1024;
    /// <summary>The longest single token (a string, with its escapes) read: 16 MiB.</summary>
    public const int MaxTokenBytes = 16 * 1024 * 1024;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    private readonly Stream stream;
    private readonly Stack<Frame> frames = new();
    private byte[] buffer = new byte[InitialBufferBytes];
    private int start, end;
    private bool finalBlock;
    private JsonReaderState state = new(ReaderOptions);
    // 1-based line and byte column of buffer[start].
    private int line = 1, column = 1;
    private string? pendingName;
    private bool started;

    public StrictJsonStream(Stream stream) => this.stream = stream;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>The decoded text of the current property name or string; null for other tokens.</summary>
    public string? String { get; private set; }

    /// <summary>The current number as a double (finite), or null when the token is not a number.</summary>
    public double? Number { get; private set; }

    /// <summary>The current number when it is written as an integer that fits an <see cref="int"/>; null otherwise.</summary>
    public int? Int32 { get; private set; }

    /// <summary>1-based line of the current token.</summary>
    public int TokenLine { get; private set; }

    /// <summary>1-based byte column of the current token.</summary>
    public int TokenColumn { get; private set; }

    /// <summary>Bytes the buffer holds now: a property of the reader tests and benchmarks check to show memory stays bounded.</summary>
    public int BufferBytes => buffer.Length;

    /// <summary>Open objects and arrays around the current token (a start token counts itself, an end token does not).</summary>
    public int Depth => frames.Count;

    /// <summary>Reads the next token; false after the root value ends (only whitespace may follow it).</summary>
    public bool Read()
    {
        if (!started) SkipByteOrderMark();
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), finalBlock, state);
            if (reader.Read())
            {
                Take(ref reader);
                return true;
            }
            if (finalBlock) return false;
            Fill();
        }
    }

    /// <summary>Skips the current value: a start token to its end token, a property name with its value; a scalar stays.</summary>
    public void Skip()
    {
        if (TokenType == JsonTokenType.PropertyName) Read();
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var outside = frames.Count - 1;
        while (frames.Count > outside && Read()) { }
    }

    /// <summary>Reads to the end of the document, refusing anything after the root value.</summary>
    public void ReadToEnd()
    {
        while (Read()) { }
    }

    /// <summary>An error at the current token, as System.Text.Json reports one (0-based line and byte position).</summary>
    public JsonException Error(string problem) => new(problem, Path(), TokenLine - 1, TokenColumn - 1);

    private void Take(ref Utf8JsonReader reader)
    {
        var tokenStart = (int)reader.TokenStartIndex;
        Advance(buffer.AsSpan(start, tokenStart));
        TokenLine = line;
        TokenColumn = column;
        Advance(buffer.AsSpan(start + tokenStart, (int)reader.BytesConsumed - tokenStart));
        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
        TokenType = reader.TokenType;
        String = null;
        Number = null;
        Int32 = null;
        switch (TokenType)
        {
            case JsonTokenType.PropertyName:
            {
                var name = Decode(ref reader);
                var names = frames.Peek().Names!;
                if (names.TryGetValue(name, out var first))
                    throw StrictJson.ToException(new DuplicateProperty(PathWith(name), name, first.Line, first.Column, TokenLine, TokenColumn));
                names[name] = (TokenLine, TokenColumn);
                String = pendingName = name;
                break;
            }
            case JsonTokenType.String:
                String = Decode(ref reader);
                Ended();
                break;
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number)) throw Error(StrictJson.BeyondDoubleProblem);
                Number = number;
                Int32 = reader.TryGetInt32(out var integer) ? integer : null;
                Ended();
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                frames.Push(new Frame(Segment(), TokenType == JsonTokenType.StartObject ? new(StringComparer.Ordinal) : null));
                pendingName = null;
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                frames.Pop();
                Ended();
                break;
            default:
                Ended();
                break;
        }
    }

    /// <summary>A value ended: the next element of an array has the next index.</summary>
    private void Ended()
    {
        pendingName = null;
        if (frames.TryPeek(out var parent) && parent.Names is null) parent.Index++;
    }

    private string Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Error(StrictJson.UndecodableProblem);
        }
    }

    /// <summary>
    /// A UTF-8 byte order mark before the root is skipped, as <c>JsonDocument.Parse(Stream)</c> skips it (tools on
    /// Windows write one); columns on the first line stay byte columns of the text after it.
    /// </summary>
    private void SkipByteOrderMark()
    {
        started = true;
        while (end < 3 && !finalBlock) Fill();
        if (buffer.AsSpan(0, end).StartsWith("\uFEFF"u8)) start = 3;
    }

    /// <summary>Keeps the unread bytes at the front and appends more; grows only when one token fills the buffer.</summary>
    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxTokenBytes)
                throw new JsonException($"a single token is longer than {MaxTokenBytes / (1024 * 1024)} MiB", Path(), line - 1, column - 1);
            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxTokenBytes));
        }
        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0) finalBlock = true;
        end += read;
    }

    private void Advance(ReadOnlySpan<byte> bytes)
    {
        var newlines = bytes.Count((byte)'\n');
        if (newlines == 0)
        {
            column += bytes.Length;
            return;
        }
        line += newlines;
        column = bytes.Length - bytes.LastIndexOf((byte)'\n');
    }

    private string Segment() =>
        frames.Count == 0 ? "$" : pendingName is not null ? Member(pendingName) : $"[{frames.Peek().Index}]";

    private string Path()
    {
        var path = new StringBuilder();
        foreach (var frame in frames.Reverse()) path.Append(frame.Segment);
        if (TokenType != JsonTokenType.PropertyName && pendingName is not null) path.Append(Member(pendingName));
        return path.Length == 0 ? "$" : path.ToString();
    }

    private string PathWith(string name)
    {
        var path = new StringBuilder();
        foreach (var frame in frames.Reverse()) path.Append(frame.Segment);
        return path.Append(Member(name)).ToString();
    }

    private static string Member(string name) => Config.JsonPathLocator.Member(Inputs.QuotedInput.Of(name));

    private sealed class Frame(string segment, Dictionary<string, (int Line, int Column)>? names)
    {
        public string Segment { get; } = segment;
        public Dictionary<string, (int Line, int Column)>? Names { get; } = names;
        public int Index { get; set; }
    }
}
