using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GateKit.Gates.Promotion;

/// <summary>What a field of a record is read as.</summary>
public enum FieldKind
{
    /// <summary>A JSON number.</summary>
    Number,
    /// <summary>An ISO-8601 date-time string with an offset.</summary>
    Time,
    /// <summary>Compared with an expected scalar.</summary>
    Match,
}

/// <summary>One field of the current record, as found.</summary>
public struct FieldValue
{
    public bool Present;
    public bool Valid;
    public double Number;
    public DateTimeOffset Time;
    public bool Matches;
}

/// <summary>
/// Reads a few fields, addressed by JSON Pointer, from one JSON record with a single forward pass of
/// <see cref="Utf8JsonReader"/>: no document is built, and subtrees no pointer enters are skipped.
/// The whole record is still read, so a malformed line is always detected.
/// </summary>
public sealed class LineFields
{
    private const int MaxFields = 32;
    private const int MaxDepth = 64;

    private readonly IReadOnlyList<(string Pointer, FieldKind Kind, JsonElement Expected)> fields;
    private readonly byte[][][] segments;
    private readonly int[][] indexes;
    private readonly FieldKind[] kinds;
    private readonly JsonElement[] expected;
    private readonly byte[]?[] expectedUtf8;
    private readonly ulong all;
    private readonly Frame[] stack = new Frame[MaxDepth + 1];
    /// <summary>Per depth, each distinct member name the pointers use there and which fields use it: one comparison per name, not per field.</summary>
    private readonly (byte[] Name, ulong Fields)[][] names;
    private readonly ulong[] longer = new ulong[MaxDepth + 2];
    private readonly ulong[] exactly = new ulong[MaxDepth + 2];

    public LineFields(IReadOnlyList<(string Pointer, FieldKind Kind, JsonElement Expected)> fields)
    {
        if (fields.Count > MaxFields) throw new ArgumentException($"at most {MaxFields} fields", nameof(fields));
        this.fields = fields;
        segments = new byte[fields.Count][][];
        indexes = new int[fields.Count][];
        kinds = new FieldKind[fields.Count];
        expected = new JsonElement[fields.Count];
        expectedUtf8 = new byte[fields.Count][];
        for (var i = 0; i < fields.Count; i++)
        {
            var tokens = Tokens(fields[i].Pointer);
            segments[i] = tokens.Select(Encoding.UTF8.GetBytes).ToArray();
            indexes[i] = tokens.Select(t => IsIndex(t) ? int.Parse(t, CultureInfo.InvariantCulture) : -1).ToArray();
            kinds[i] = fields[i].Kind;
            expected[i] = fields[i].Expected;
            if (fields[i].Kind == FieldKind.Match && fields[i].Expected.ValueKind == JsonValueKind.String)
                expectedUtf8[i] = Encoding.UTF8.GetBytes(fields[i].Expected.GetString()!);
            if (segments[i].Length > 0) all |= 1UL << i;
        }
        for (var length = 0; length < longer.Length; length++)
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i].Length > length) longer[length] |= 1UL << i;
                if (segments[i].Length == length) exactly[length] |= 1UL << i;
            }
        var deepest = segments.Select(x => x.Length).DefaultIfEmpty(0).Max();
        names = new (byte[], ulong)[deepest][];
        for (var depth = 0; depth < deepest; depth++)
        {
            var level = new List<(byte[] Name, ulong Fields)>();
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i].Length <= depth) continue;
                var at = level.FindIndex(n => n.Name.AsSpan().SequenceEqual(segments[i][depth]));
                if (at < 0) level.Add((segments[i][depth], 1UL << i));
                else level[at] = (level[at].Name, level[at].Fields | 1UL << i);
            }
            names[depth] = [.. level];
        }
        Values = new FieldValue[fields.Count];
    }

    /// <summary>The fields of the last record read, in the order they were declared.</summary>
    public FieldValue[] Values { get; }

    /// <summary>How many fields are read.</summary>
    public int Count => kinds.Length;

    /// <summary>A reader of the same fields with its own state, for another thread.</summary>
    public LineFields Clone() => new(fields);

    /// <summary>
    /// Reads one record. False with a problem (and the 1-based column) when the line is not one JSON
    /// object; a line of only whitespace is <paramref name="blank"/>.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> line, out bool blank, out string problem, out int column) =>
        TryRead(line, Values, out blank, out problem, out column);

    /// <summary>As above, reading the fields into <paramref name="into"/> (one slot per field) instead of <see cref="Values"/>.</summary>
    public bool TryRead(ReadOnlySpan<byte> line, Span<FieldValue> into, out bool blank, out string problem, out int column)
    {
        into.Clear();
        problem = "";
        column = 1;
        blank = IsBlank(line);
        if (blank) return true;
        // The reader checks UTF-8 only in what it decodes: a skipped member could hide any bytes.
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            problem = "the line is not valid UTF-8";
            column = FirstInvalidUtf8(line) + 1;
            return false;
        }
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Read the rest so that malformed input is reported as such, not as "not an object".
                while (reader.Read()) { }
                problem = "the record is not a JSON object";
                return false;
            }
            var depth = 0;
            stack[0] = new Frame(all, false);
            ulong pending = 0;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = 0;
                        var open = stack[depth].Mask;
                        if (open == 0 || depth >= names.Length) break;
                        foreach (var (name, fieldsNamed) in names[depth])
                        {
                            if ((fieldsNamed & open) == 0) continue;
                            var equal = reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name);
                            if (equal)
                            {
                                pending = fieldsNamed & open;
                                break; // a member has one name
                            }
                        }
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    {
                        var mask = Candidates(ref stack[depth], depth, pending) & longer[depth + 1];
                        if (mask == 0)
                        {
                            reader.Skip();
                            Advance(ref stack[depth]);
                            break;
                        }
                        stack[++depth] = new Frame(mask, reader.TokenType == JsonTokenType.StartArray);
                        break;
                    }
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (depth > 0) Advance(ref stack[--depth]);
                        break;
                    default:
                    {
                        var mask = Candidates(ref stack[depth], depth, pending) & exactly[depth + 1];
                        for (; mask != 0; mask &= mask - 1) Capture(ref reader, System.Numerics.BitOperations.TrailingZeroCount(mask), into);
                        Advance(ref stack[depth]);
                        break;
                    }
                }
            }
            return true;
        }
        catch (JsonException e)
        {
            problem = e.Message;
            column = (int)Math.Min(int.MaxValue - 1, e.BytePositionInLine ?? 0) + 1;
            return false;
        }
        catch (InvalidOperationException)
        {
            // A name or text with an unpaired surrogate escape ("\udfff") cannot be compared or read.
            problem = "text does not decode (an unpaired surrogate escape)";
            column = (int)Math.Min(int.MaxValue - 1, reader.TokenStartIndex) + 1;
            return false;
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> line)
    {
        var offset = 0;
        while (offset < line.Length && System.Text.Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            offset += consumed;
        return offset;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    private ulong Candidates(ref Frame frame, int depth, ulong pending)
    {
        if (!frame.IsArray) return pending;
        ulong mask = 0;
        for (var bits = frame.Mask; bits != 0; bits &= bits - 1)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            if (indexes[i][depth] == frame.Index) mask |= 1UL << i;
        }
        return mask;
    }

    private static void Advance(ref Frame frame)
    {
        if (frame.IsArray) frame.Index++;
    }

    private void Capture(ref Utf8JsonReader reader, int i, Span<FieldValue> into)
    {
        ref var value = ref into[i];
        // A field given twice is a record that says two things: refused, never "the last one wins".
        if (value.Present)
            throw new JsonException($"duplicate property: {fields[i].Pointer} is given twice", null, 0, reader.TokenStartIndex);
        value.Present = true;
        switch (kinds[i])
        {
            case FieldKind.Number:
                value.Valid = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value.Number) && double.IsFinite(value.Number);
                break;
            case FieldKind.Time:
                if (reader.TokenType != JsonTokenType.String) break;
                if (reader.ValueIsEscaped) value.Valid = IsoTime.TryParse(reader.GetString(), out value.Time);
                else value.Valid = IsoTime.HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out value.Time);
                break;
            case FieldKind.Match:
                value.Valid = true;
                var want = expected[i];
                value.Matches = want.ValueKind switch
                {
                    JsonValueKind.String => reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expectedUtf8[i]),
                    JsonValueKind.Number => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d) && d == want.GetDouble(),
                    JsonValueKind.True => reader.TokenType == JsonTokenType.True,
                    JsonValueKind.False => reader.TokenType == JsonTokenType.False,
                    JsonValueKind.Null => reader.TokenType == JsonTokenType.Null,
                    _ => false,
                };
                break;
        }
    }

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static bool IsIndex(string token) =>
        token.Length > 0 && token.Length < 10 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0');

    private struct Frame(ulong mask, bool isArray)
    {
        public ulong Mask = mask;
        public bool IsArray = isArray;
        public int Index;
    }
}
