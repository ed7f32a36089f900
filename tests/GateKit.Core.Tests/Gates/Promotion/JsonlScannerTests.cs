using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;
using GateKit.Gates.Promotion;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Promotion;

/// <summary>
/// The scanner parses batches of lines in parallel: whatever the batch size and the line lengths, what it
/// hands over must be exactly what reading the file line by line, in order, gives.
/// </summary>
public sealed class JsonlScannerTests
{
    private static readonly Gen<string> Line = Gen.OneOf(
        Gen.Int[0, 1000].Select(n => $$"""{"t":"2026-11-23T10:00:00Z","n":{{n}},"m":"x"}"""),
        Gen.Int[0, 9].Select(n => $$"""{"m":"y","pad":"{{new string('p', n * 7)}}","n":-{{n}}.5}"""),
        Gen.OneOfConst("", "  ", "\t\r", "{\"n\":", "[1,2]", "{\"t\":\"not a time\"}", "{\"n\":1}\r", "{} {}", "{\"n\":1e999}"),
        Gen.Int[40, 400].Select(n => "{\"pad\":\"" + new string('x', n) + "\"}"));

    private static readonly Gen<(string Text, int Chunk, int MaxLine)> Input =
        Gen.Select(Line.Array[0, 60], Gen.Bool, Gen.Int[1, 200], Gen.Int[24, 300],
            (lines, newlineAtEnd, chunk, maxLine) => (string.Join('\n', lines) + (newlineAtEnd && lines.Length > 0 ? "\n" : ""), chunk, maxLine));

    [Fact]
    public void Hands_over_every_line_in_order_as_a_sequential_reader_would()
    {
        using var temp = new TempFolder();
        Input.Sample(input =>
        {
            // CsCheck runs samples on several threads: one file each.
            var path = temp.Combine($"{Guid.NewGuid():N}.jsonl");
            File.WriteAllText(path, input.Text);
            var (lines, digest) = Scan(path, input.MaxLine, input.Chunk);
            Assert.Equal(Sequential(File.ReadAllBytes(path), input.MaxLine), lines);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), digest.Sha256);
            Assert.Equal(new FileInfo(path).Length, digest.Size);
        }, iter: 400);
    }

    [Fact]
    public void A_large_file_with_problems_scattered_keeps_their_line_numbers()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("big.jsonl");
        var text = new StringBuilder();
        for (var i = 1; i <= 200_000; i++)
            text.Append(i % 29_989 == 0 ? "{\"n\":" : i % 50_021 == 0 ? "{\"pad\":\"" + new string('x', 5000) + "\"}" : $$"""{"t":"2026-11-23T10:00:00Z","n":{{i}},"m":"x"}""").Append('\n');
        text.Append("{\"n\":");
        File.WriteAllText(path, text.ToString());

        var (lines, _) = Scan(path, 4096, 1 << 20);

        Assert.Equal(200_001, lines.Count);
        Assert.Equal(Enumerable.Range(1, 200_001).Select(i => (long)i), lines.Select(l => l.Line.Number));
        Assert.Equal([29_989, 59_978, 89_967, 119_956, 149_945, 179_934, 200_001],
            lines.Where(l => l.Line.Kind == LineKind.Malformed).Select(l => l.Line.Number));
        Assert.Equal([50_021, 100_042, 150_063], lines.Where(l => l.Line.Kind == LineKind.Overlong).Select(l => l.Line.Number));
        Assert.Equal(LineEnd.EndOfFile, lines[^1].Line.End);
        Assert.All(lines.Where(l => l.Line.Kind == LineKind.Record), l => Assert.Equal(l.Line.Number, l.N));
    }

    private static LineFields Fields() => new([
        ("/t", FieldKind.Time, default),
        ("/n", FieldKind.Number, default),
        ("/m", FieldKind.Match, JsonDocument.Parse("\"x\"").RootElement),
    ]);

    private static (List<Scanned> Lines, GateKit.Results.InputDigest Digest) Scan(string path, int maxLine, int chunk)
    {
        var lines = new List<Scanned>();
        var digest = JsonlScanner.Scan(path, "t.jsonl", maxLine, Fields(), (in ScannedLine line, ReadOnlySpan<FieldValue> values) =>
            lines.Add(new Scanned(line, values.IsEmpty ? "" : Describe(values), values.IsEmpty ? double.NaN : values[1].Number)), chunk, CancellationToken.None);
        return (lines, digest);
    }

    /// <summary>The reference: split on newlines, one line after the other, one parser.</summary>
    private static List<Scanned> Sequential(byte[] bytes, int maxLine)
    {
        var fields = Fields();
        var result = new List<Scanned>();
        var start = 0;
        long number = 1;
        while (start < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            var end = newline < 0 ? bytes.Length : newline;
            var lineEnd = newline < 0 ? LineEnd.EndOfFile : LineEnd.Newline;
            var span = bytes.AsSpan(start, end - start);
            if (span.Length > maxLine) result.Add(new Scanned(new ScannedLine(number, LineKind.Overlong, lineEnd), "", double.NaN));
            else if (!fields.TryRead(span, out var blank, out var problem, out var column))
                result.Add(new Scanned(new ScannedLine(number, LineKind.Malformed, lineEnd, problem, column), Describe(new FieldValue[3]), 0));
            else
            {
                var values = blank ? new FieldValue[3] : fields.Values;
                result.Add(new Scanned(new ScannedLine(number, blank ? LineKind.Blank : LineKind.Record, lineEnd), Describe(values), values[1].Number));
            }
            number++;
            start = end + 1;
        }
        return result;
    }

    private static string Describe(ReadOnlySpan<FieldValue> values)
    {
        var text = new StringBuilder();
        foreach (var v in values) text.Append($"{v.Present}/{v.Valid}/{v.Number}/{v.Time:O}/{v.Matches};");
        return text.ToString();
    }

    private sealed record Scanned(ScannedLine Line, string Values, double N);
}
