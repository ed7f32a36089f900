using System.Text.Json;

namespace GateKit.GitHub;

/// <summary>
/// One page of "List issue comments" (a JSON array of objects with a numeric id and a string or null
/// body), searched for GateKit's sticky comment by its marker line.
/// </summary>
internal static class CommentList
{
    /// <summary>A page that could be read, and the id of the first comment on it that the marker starts (null when none does).</summary>
    public sealed record Page(long? Id);

    /// <returns>The page; null when <paramref name="json"/> is not such a list.</returns>
    public static Page? Find(string json, string marker)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return null;
            long? found = null;
            foreach (var c in doc.RootElement.EnumerateArray())
            {
                if (c.ValueKind != JsonValueKind.Object || !c.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var value)) return null;
                var body = c.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
                if (found is null && IsMarkedBy(body, marker)) found = value;
            }
            return new Page(found);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether a stored comment starts with the marker line, whatever its line endings (the web UI stores edits with CRLF).</summary>
    public static bool IsMarkedBy(string? body, string marker)
    {
        if (body is null) return false;
        var end = body.IndexOf('\n');
        var first = (end < 0 ? body : body[..end]).TrimEnd('\r', ' ', '\t').TrimStart('\uFEFF', ' ', '\t');
        return first == marker;
    }
}
