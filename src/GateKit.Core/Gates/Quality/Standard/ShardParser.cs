using System.Text.Json;
using System.Xml;
using GateKit.Inputs;
using GateKit.Json;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Reads each shard of a report with a reader's parse function and turns whatever makes a shard unusable
/// into one P0 finding naming the file and the 1-based line: too large or unreadable, malformed XML or
/// JSON (truncated, empty), a refused DTD (entity expansion, external entities), another format.
/// </summary>
public static class ShardParser
{
    /// <summary>
    /// The parsed value of every usable shard, in shard order; the digest of each into <paramref name="inputs"/>,
    /// the problem of each unusable one into <paramref name="findings"/>.
    /// </summary>
    public static List<T> ParseEach<T>(IReadOnlyList<ReportSource> shards, ReadContext context, List<Finding> findings, List<InputDigest> inputs,
        Func<ShardStream, ReportSource, T> parse, CancellationToken cancellationToken)
    {
        var parsed = new List<T>(shards.Count);
        foreach (var shard in shards)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryParse(shard, context, parse, inputs, out var value) is { } problem)
                findings.Add(problem with { Subject = context.ReportId });
            else parsed.Add(value!);
        }
        return parsed;
    }

    private static Finding? TryParse<T>(ReportSource shard, ReadContext context, Func<ShardStream, ReportSource, T> parse, List<InputDigest> inputs,
        out T? value)
    {
        value = default;
        var file = shard.RelativePath;
        try
        {
            using var stream = context.Open(shard);
            value = parse(stream, shard);
            inputs.Add(stream.Digest());
            return null;
        }
        catch (XmlException e) when (SafeXml.IsDtdRefusal(e))
        {
            return new Finding(QualityCodes.ReportUnsafe, Priority.P0,
                $"{file} line {e.LineNumber}: declares a DTD, which is refused (entity expansion and external entities are never processed)",
                new Location(file, Positive(e.LineNumber), Positive(e.LinePosition)));
        }
        catch (XmlException e)
        {
            return new Finding(QualityCodes.ReportMalformed, Priority.P0, $"{file} is not well-formed XML: {XmlProblem(e)}",
                new Location(file, Positive(e.LineNumber) ?? 1, Positive(e.LinePosition)));
        }
        catch (JsonException e)
        {
            return new Finding(QualityCodes.ReportMalformed, Priority.P0, $"{file} is not valid JSON: {JsonErrorText.Of(e)}",
                new Location(file, (int?)e.LineNumber + 1 ?? 1, (int?)e.BytePositionInLine + 1));
        }
        catch (ReportContentException e)
        {
            return new Finding(e.Code, Priority.P0, $"{file}: {e.Message}", new Location(file, e.Line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // InputTooLargeException is an IOException whose message names the limit to raise.
            return new Finding(QualityCodes.ReportUnreadable, Priority.P0, $"{file} cannot be read: {e.Message}", new Location(file));
        }
    }

    private static int? Positive(int n) => n > 0 ? n : null;

    // .NET appends "Line n, position m." - GateKit reports the position itself, beside the file.
    private static string XmlProblem(XmlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Line ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }
}
