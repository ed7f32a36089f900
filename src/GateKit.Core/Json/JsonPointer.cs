using System.Text.Json;

namespace GateKit.Json;

/// <summary>RFC 6901 JSON Pointer evaluation over a <see cref="JsonElement"/>.</summary>
public static class JsonPointer
{
    /// <summary>The value at <paramref name="pointer"/>, or false when a step does not exist.</summary>
    public static bool TryResolve(JsonElement root, string pointer, out JsonElement value)
    {
        value = root;
        if (pointer.Length == 0) return true;
        if (pointer[0] != '/') return false;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.TryGetProperty(token, out var child):
                    value = child;
                    break;
                case JsonValueKind.Array when IsIndex(token, out var index) && index < value.GetArrayLength():
                    value = value[index];
                    break;
                default:
                    value = default;
                    return false;
            }
        }
        return true;
    }

    // RFC 6901: an array index is "0" or digits without a leading zero.
    private static bool IsIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit)) return false;
        return int.TryParse(token, out index);
    }
}
