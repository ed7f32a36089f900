using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization.Metadata;

namespace GateKit.Output;

/// <summary>
/// Canonical JSON in the manner of RFC 8785 (JCS): object members sorted by their UTF-16 code units,
/// no insignificant white space, numbers in ECMAScript's shortest round-trip form, strings with only
/// the escapes JSON requires, UTF-8 without BOM. The same value always gives the same bytes.
/// </summary>
public static class CanonicalJson
{
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) =>
        Serialize(JsonSerializer.SerializeToElement(value, typeInfo));

    public static byte[] Serialize(JsonElement element) => Serialize(element, omitRootMember: null);

    /// <summary>The canonical bytes of <paramref name="element"/>, leaving out the root object's member <paramref name="omitRootMember"/>.</summary>
    public static byte[] Serialize(JsonElement element, string? omitRootMember)
    {
        var o = new ArrayBufferWriter<byte>(4096);
        Write(element, o, omitRootMember);
        return o.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The SHA-256 (lower-case hex) of <see cref="Serialize(JsonElement, string?)"/>'s bytes, streamed
    /// through the hash: a manifest of many thousand entries is never held a second time.
    /// </summary>
    public static string Sha256(JsonElement element, string? omitRootMember)
    {
        using var o = new HashingBufferWriter();
        Write(element, o, omitRootMember);
        return o.Digest();
    }

    private static void Write(JsonElement element, IBufferWriter<byte> o, string? omitMember = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, JsonElement Value)>();
                var sorted = true;
                foreach (var member in element.EnumerateObject())
                {
                    var name = member.Name;
                    if (name == omitMember) continue;
                    if (members.Count > 0 && string.CompareOrdinal(members[^1].Name, name) > 0) sorted = false;
                    members.Add((name, member.Value));
                }
                if (!sorted) members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                o.Write("{"u8);
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0) o.Write(","u8);
                    WriteString(members[i].Name, o);
                    o.Write(":"u8);
                    Write(members[i].Value, o);
                }
                o.Write("}"u8);
                break;
            case JsonValueKind.Array:
                o.Write("["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) o.Write(","u8);
                    first = false;
                    Write(item, o);
                }
                o.Write("]"u8);
                break;
            case JsonValueKind.String:
                // A string read without escapes is already canonical (JSON allows no raw quote, backslash
                // or control character in it): its bytes are copied as they are, without a string.
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (raw.IndexOf((byte)'\\') < 0 && Utf8.IsValid(raw)) o.Write(raw);
                else WriteString(element.GetString()!, o);
                break;
            case JsonValueKind.Number:
                // Integers a double holds exactly print as their digits in ECMAScript too; the rest take the general path.
                if (element.TryGetInt64(out var integer) && Math.Abs(integer) <= 1L << 53)
                {
                    Utf8Formatter.TryFormat(integer, o.GetSpan(20), out var written);
                    o.Advance(written);
                }
                else WriteText(FormatNumber(element.GetDouble()), o);
                break;
            case JsonValueKind.True: o.Write("true"u8); break;
            case JsonValueKind.False: o.Write("false"u8); break;
            default: o.Write("null"u8); break;
        }
    }

    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private static void WriteString(string s, IBufferWriter<byte> o)
    {
        o.Write("\""u8);
        var rest = s.AsSpan();
        while (true)
        {
            var at = rest.IndexOfAny(NeedsEscape);
            WriteText(at < 0 ? rest : rest[..at], o);
            if (at < 0) break;
            var c = rest[at];
            switch (c)
            {
                case '"': o.Write("\\\""u8); break;
                case '\\': o.Write("\\\\"u8); break;
                case '\b': o.Write("\\b"u8); break;
                case '\f': o.Write("\\f"u8); break;
                case '\n': o.Write("\\n"u8); break;
                case '\r': o.Write("\\r"u8); break;
                case '\t': o.Write("\\t"u8); break;
                default: WriteText($"\\u{(int)c:x4}", o); break;
            }
            rest = rest[(at + 1)..];
        }
        o.Write("\""u8);
    }

    /// <summary>UTF-8 of <paramref name="text"/>; an unpaired surrogate becomes U+FFFD, as Encoding.UTF8 does.</summary>
    private static void WriteText(ReadOnlySpan<char> text, IBufferWriter<byte> o)
    {
        if (text.IsEmpty) return;
        var written = Encoding.UTF8.GetBytes(text, o.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        o.Advance(written);
    }

    /// <summary>Hands what is written to SHA-256 in 16 KiB pieces.</summary>
    private sealed class HashingBufferWriter : IBufferWriter<byte>, IDisposable
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] buffer = new byte[16 * 1024];
        private int used;

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            sizeHint = Math.Max(sizeHint, 1);
            if (buffer.Length - used < sizeHint) Flush();
            if (buffer.Length < sizeHint) buffer = new byte[sizeHint]; // one long string
            return buffer.AsSpan(used);
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            GetSpan(sizeHint);
            return buffer.AsMemory(used);
        }

        public void Advance(int count) => used += count;

        public string Digest()
        {
            Flush();
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        private void Flush()
        {
            hash.AppendData(buffer, 0, used);
            used = 0;
        }

        public void Dispose() => hash.Dispose();
    }

    /// <summary>ECMAScript Number::toString: shortest round-trip digits, exponent form outside [1e-6, 1e21).</summary>
    public static string FormatNumber(double d)
    {
        if (!double.IsFinite(d)) throw new ArgumentOutOfRangeException(nameof(d), d, "JSON has no NaN or Infinity");
        if (d == 0) return "0"; // also -0
        // Shortest digits: "R" gives them; normalise it into digits + decimal exponent.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        if (negative) shortest = shortest[1..];
        int exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        var dot = shortest.IndexOf('.');
        var digits = dot < 0 ? shortest : shortest[..dot] + shortest[(dot + 1)..];
        var pointPos = (dot < 0 ? shortest.Length : dot) + exponent; // digits[0..pointPos) are the integer part
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0') is { Length: > 0 } t ? t : "0";
        pointPos -= lead;

        // n is the position of the decimal point relative to the first significant digit (ECMA-262 §6.1.6.1.20).
        int k = digits.Length, n = pointPos;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (k <= n && n <= 21) sb.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        else if (-6 < n && n <= 0) sb.Append("0.").Append('0', -n).Append(digits);
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            var exp = n - 1;
            sb.Append('e').Append(exp >= 0 ? "+" : "-").Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
