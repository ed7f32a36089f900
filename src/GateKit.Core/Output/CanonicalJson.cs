using System.Globalization;
using System.Text;
using System.Text.Json;
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

    public static byte[] Serialize(JsonElement element)
    {
        var text = new StringBuilder();
        Write(element, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(JsonElement element, StringBuilder o)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                o.Append('{');
                var first = true;
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    if (!first) o.Append(',');
                    first = false;
                    WriteString(member.Name, o);
                    o.Append(':');
                    Write(member.Value, o);
                }
                o.Append('}');
                break;
            case JsonValueKind.Array:
                o.Append('[');
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (i++ > 0) o.Append(',');
                    Write(item, o);
                }
                o.Append(']');
                break;
            case JsonValueKind.String: WriteString(element.GetString()!, o); break;
            case JsonValueKind.Number: o.Append(FormatNumber(element.GetDouble())); break;
            case JsonValueKind.True: o.Append("true"); break;
            case JsonValueKind.False: o.Append("false"); break;
            default: o.Append("null"); break;
        }
    }

    private static void WriteString(string s, StringBuilder o)
    {
        o.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': o.Append("\\\""); break;
                case '\\': o.Append("\\\\"); break;
                case '\b': o.Append("\\b"); break;
                case '\f': o.Append("\\f"); break;
                case '\n': o.Append("\\n"); break;
                case '\r': o.Append("\\r"); break;
                case '\t': o.Append("\\t"); break;
                case < ' ': o.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: o.Append(c); break;
            }
        }
        o.Append('"');
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
