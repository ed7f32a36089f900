using System.Text.Json;

namespace GateKit.Json;

/// <summary>
/// What a System.Text.Json parse error says, without the parts that are .NET's ("Path: $ | LineNumber: 0 |
/// BytePositionInLine: 1", 0-based): GateKit reports the position itself, 1-based, beside the file.
/// </summary>
public static class JsonErrorText
{
    public static string Of(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:", " | LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        message = message.Trim().TrimEnd('.');
        return message.Length == 0 ? "malformed JSON" : message;
    }
}
