using System.Text;
using System.Text.Json;
using CsCheck;
using GateKit.Json;

namespace GateKit.Tests.Json;

/// <summary>
/// The streamed reader agrees with the whole-document rules (<see cref="StrictJson"/>, System.Text.Json) on every input, however
/// the stream hands out its bytes: the same tokens, or the same error at the same line and byte position.
/// </summary>
public sealed class StrictJsonStreamTests
{
    private static readonly string[] Documents =
    [
        """{"a": 1, "a": 2}""",
        "{\n  \"x\": { \"t\": 0.9,\n  \"t\": 0.1 } }",
        """{"l": [ {}, { "k": 1, "k": 1 } ]}""",
        """[1, [2, {"b": {"c": 1}, "b": 3}]]""",
        """{"a\u0062": 1, "ab": 2}""",
        "{\"runs\": [ {\"results\": [ {\"ruleId\": \"CS1\", \"level\": \"error\", \"message\": {\"text\": \"a\\nb \\u00e9\"}} ]} ],\n \"version\": \"2.1.0\"}",
        "{\"n\": 1e400}",
        "{\"s\": \"\\ud800\"}",
        "{\"a\": 1,}",
        "{\"a\": 1} // comment",
        "{\"a\": 1} {\"b\": 2}",
        "[\n1,\n2,\n\"three\",\n{\"four\": [true, false, null]}\n]",
        "",
        "   ",
    ];

    /// <summary>Hands out at most <paramref name="chunk"/> bytes a read, so tokens straddle every refill.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }

    private static (List<string> Tokens, (long, long?)? Error) Whole(byte[] json)
    {
        var tokens = new List<string>();
        try
        {
            using var _ = StrictJson.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
            var reader = new Utf8JsonReader(json);
            while (reader.Read()) tokens.Add(Token(reader.TokenType, reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? reader.GetString() : null));
            return (tokens, null);
        }
        catch (JsonException e)
        {
            return (tokens, (e.LineNumber ?? -1, e.BytePositionInLine));
        }
    }

    private static (List<string> Tokens, (long, long?)? Error) Streamed(byte[] json, int chunk)
    {
        var tokens = new List<string>();
        var stream = new StrictJsonStream(new TrickleStream(json, chunk));
        try
        {
            while (stream.Read()) tokens.Add(Token(stream.TokenType, stream.String));
            return (tokens, null);
        }
        catch (JsonException e)
        {
            return (tokens, (e.LineNumber ?? -1, e.BytePositionInLine));
        }
    }

    private static string Token(JsonTokenType type, string? text) => text is null ? type.ToString() : $"{type}:{text}";

    [Fact]
    public void Every_prefix_of_every_document_in_every_chunking_reads_as_the_whole_document_does()
    {
        Gen.Select(Gen.Int[0, Documents.Length - 1], Gen.Double[0, 1], Gen.Int[1, 9]).Sample((document, keep, chunk) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Documents[document]);
            bytes = bytes[..(int)Math.Round(bytes.Length * keep)];
            var whole = Whole(bytes);
            var streamed = Streamed(bytes, chunk);
            Assert.Equal(whole.Error, streamed.Error);
            if (whole.Error is null) Assert.Equal(whole.Tokens, streamed.Tokens);
        }, iter: 2000);
    }

    [Fact]
    public void The_buffer_stays_at_its_initial_size_over_a_document_of_short_tokens_and_grows_only_for_a_long_one()
    {
        var document = new StringBuilder("[");
        for (var i = 0; i < 100_000; i++) document.Append($"{{\"id\": {i}, \"name\": \"item {i}\"}},\n");
        document.Append("\"").Append('x', 3 * StrictJsonStream.InitialBufferBytes).Append("\"]");
        var stream = new StrictJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(document.ToString())));
        var largestBeforeTheLongToken = 0;
        while (stream.Read())
        {
            if (stream.TokenType == JsonTokenType.String && stream.String!.Length > 1000) break;
            largestBeforeTheLongToken = Math.Max(largestBeforeTheLongToken, stream.BufferBytes);
        }
        Assert.Equal(StrictJsonStream.InitialBufferBytes, largestBeforeTheLongToken);
        Assert.Equal(4 * StrictJsonStream.InitialBufferBytes, stream.BufferBytes);
        Assert.Equal(100_001, stream.TokenLine);
    }

    [Fact]
    public void A_token_longer_than_the_limit_is_refused_at_its_position()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n \"a\": \"" + new string('x', StrictJsonStream.MaxTokenBytes) + "\"}");
        var stream = new StrictJsonStream(new MemoryStream(bytes));
        var e = Assert.Throws<JsonException>(() => stream.ReadToEnd());
        Assert.Contains("longer than 16 MiB", e.Message);
        Assert.Equal(1L, e.LineNumber);
    }
}
