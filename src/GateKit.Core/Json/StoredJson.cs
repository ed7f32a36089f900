using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GateKit.Config;

namespace GateKit.Json;

/// <summary>
/// A record GateKit wrote (a run's result.json, a decision) read back. It must be strict JSON and one
/// value of its type; anything else is invalid input (exit 3), named by file, JSON path and 1-based position.
/// </summary>
public static class StoredJson
{
    /// <param name="what">What the file should be, for the message: "a GateKit run result".</param>
    /// <exception cref="ConfigException">Malformed JSON, a duplicate name, or a value that is not <typeparamref name="T"/>.</exception>
    public static T Parse<T>(byte[] bytes, string displayName, JsonTypeInfo<T> type, string what) where T : class
    {
        try
        {
            if (StrictJson.Check(bytes, out _) is { } problem) throw problem;
            return JsonSerializer.Deserialize(bytes, type)
                ?? throw new ConfigException(new ConfigError(displayName, "$", $"expected {what}, found null"));
        }
        catch (JsonException e)
        {
            throw new ConfigException(new ConfigError(displayName, e.Path ?? "$", $"not {what}: {JsonErrorText.Of(e)}",
                e.LineNumber is { } l ? (int)l + 1 : null, e.BytePositionInLine is { } c ? (int)c + 1 : null));
        }
    }
}
