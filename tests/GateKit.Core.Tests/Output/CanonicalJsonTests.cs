using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using GateKit.Output;

namespace GateKit.Tests.Output;

/// <summary>RFC 8785 (JCS) behaviour of CanonicalJson: numbers, member order, string escapes, encoding.</summary>
public sealed class CanonicalJsonTests
{
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Encoding.UTF8.GetString(CanonicalJson.Serialize(document.RootElement));
    }

    private static string Canonical(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Canonical(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // RFC 8785 §3.2.2.3 and appendix B, ECMAScript Number::toString.
    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1d, "1")]
    [InlineData(-1d, "-1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(4.5, "4.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(9007199254740992d, "9007199254740992")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(-1.7976931348623157e308, "-1.7976931348623157e+308")]
    [InlineData(333333333.33333329, "333333333.3333333")]
    [InlineData(1e23, "1e+23")]
    [InlineData(-5e-7, "-5e-7")]
    [InlineData(1.5e-6, "0.0000015")]
    [InlineData(100d, "100")]
    [InlineData(295147905179352830000d, "295147905179352830000")]
    public void Numbers_use_the_ECMAScript_form(double value, string expected) =>
        Assert.Equal(expected, CanonicalJson.FormatNumber(value));

    [Fact]
    public void Negative_zero_is_zero() => Assert.Equal("0", CanonicalJson.FormatNumber(-0d));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_are_refused(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalJson.FormatNumber(value));

    [Fact]
    public void Numbers_in_documents_are_normalised() =>
        Assert.Equal("[1,0.5,100,1e+21,0,-0.000001]", Canonical("[1.0, 5e-1, 1E2, 1000000000000000000000, -0.0, -1e-6]"));

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units()
    {
        // RFC 8785 §3.2.3: U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 by code unit.
        var json = "{\"\\u20ac\": 1, \"\\r\": 2, \"\\ufb33\": 3, \"1\": 4, \"\\ud83d\\ude00\": 5, \"a\": 6, \"A\": 7, \"\\u0080\": 8, \"aa\": 9}";
        Assert.Equal("{\"\\r\":2,\"1\":4,\"A\":7,\"a\":6,\"aa\":9,\"\u0080\":8,\"\u20ac\":1,\"\ud83d\ude00\":5,\"\ufb33\":3}", Canonical(json));
    }

    [Fact]
    public void Nested_members_are_sorted_and_white_space_removed() =>
        Assert.Equal("{\"a\":[{\"x\":1,\"y\":2}],\"b\":{\"c\":null,\"d\":true}}",
            Canonical("{ \"b\": { \"d\": true, \"c\": null },\n  \"a\": [ { \"y\": 2, \"x\": 1 } ] }"));

    [Theory]
    [InlineData("\"", "\"\\\"\"")]
    [InlineData("\\", "\"\\\\\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u001f\u0000\u0001", "\"\\u001f\\u0000\\u0001\"")]
    [InlineData("/<>&'", "\"/<>&'\"")]
    [InlineData("é€😀\u007f\u2028", "\"é€😀\u007f\u2028\"")]
    public void Strings_escape_only_what_JSON_requires(string value, string expected) =>
        Assert.Equal(expected, Canonical(w => w.WriteStringValue(value)));

    [Fact]
    public void Output_is_UTF8_without_a_BOM()
    {
        using var document = JsonDocument.Parse("{\"k\":\"é\"}");
        var bytes = CanonicalJson.Serialize(document.RootElement);
        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal("{\"k\":\"é\"}"u8.ToArray(), bytes);
    }

    [Fact]
    public void Random_doubles_round_trip() =>
        Gen.Double.Where(double.IsFinite).Sample(d =>
            double.Parse(CanonicalJson.FormatNumber(d), NumberStyles.Float, CultureInfo.InvariantCulture) == d);

    [Fact]
    public void Random_doubles_match_the_shortest_round_trip_digits() =>
        Gen.Double.Where(d => double.IsFinite(d) && d != 0).Sample(d =>
        {
            // The canonical form has the same significant digits as .NET's shortest "R" form.
            static string Digits(string s) => s.Split('e', 'E')[0].Replace("-", "").Replace(".", "").Trim('0');
            return Digits(CanonicalJson.FormatNumber(d)) == Digits(d.ToString("R", CultureInfo.InvariantCulture));
        });

    private static readonly Gen<string> Text =
        Gen.Frequency(
            (8, Gen.Char['\0', '\uD7FF']),
            (1, Gen.OneOfConst('\uE000', '\uFB33', '\uFFFD', '"', '\\', '\u001f')))
        .Array[0, 6]
        .Select(chars => new string(chars))
        .SelectMany(s => Gen.Bool.Select(pair => pair ? s + "\ud83d\ude00" : s));

    private static Gen<JsonNode?> Tree(int depth)
    {
        var leaf = Gen.OneOf<JsonNode?>(
            Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Text.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const((JsonNode?)null));
        if (depth == 0) return leaf;
        var child = Tree(depth - 1);
        var array = child.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        var obj = Gen.Select(Text, child).Array[0, 4].Select(members =>
        {
            var o = new JsonObject();
            foreach (var (name, value) in members) o[name] = value?.DeepClone();
            return (JsonNode?)o;
        });
        return Gen.Frequency((3, leaf), (1, array), (1, obj));
    }

    [Fact]
    public void Random_trees_are_stable_under_reparsing() =>
        Tree(3).Sample(node =>
        {
            var first = Canonical(node?.ToJsonString() ?? "null");
            var second = Canonical(first);
            return first == second;
        }, iter: 500);

    [Fact]
    public void Strings_read_without_escapes_give_the_same_bytes_as_escaped_ones()
    {
        // Raw UTF-8 (copied as read) and \u escapes (decoded and re-encoded) are the same canonical string.
        var relaxed = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Tree(3).Sample(node =>
        {
            var escaped = Canonical(node?.ToJsonString() ?? "null");
            var raw = Canonical(node?.ToJsonString(relaxed) ?? "null");
            return escaped == raw;
        }, iter: 500);
    }

    [Fact]
    public void The_streamed_digest_is_the_digest_of_the_canonical_bytes() =>
        Tree(3).Sample(node =>
        {
            using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
            var root = document.RootElement;
            var omit = root.ValueKind == JsonValueKind.Object ? root.EnumerateObject().Select(m => m.Name).FirstOrDefault() : null;
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(CanonicalJson.Serialize(root, omit)));
            return CanonicalJson.Sha256(root, omit) == expected;
        }, iter: 500);

    [Fact]
    public void A_long_string_streams_into_the_digest()
    {
        var json = JsonSerializer.Serialize(new string('x', 100_000) + "é\n", new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        using var document = JsonDocument.Parse("[" + json + "," + json + "]");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(CanonicalJson.Serialize(document.RootElement)));
        Assert.Equal(expected, CanonicalJson.Sha256(document.RootElement, null));
    }
}
