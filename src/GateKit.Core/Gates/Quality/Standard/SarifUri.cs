using System.Text.Json;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// A SARIF artifact URI as a path: <c>file:</c> URIs become local paths; a relative reference is resolved
/// against its <c>uriBaseId</c> when the run's <c>originalUriBaseIds</c> defines it (SARIF §3.14.14), and is
/// otherwise a path relative to the repository, as CodeQL writes them (<c>%SRCROOT%</c>).
/// </summary>
public static class SarifUri
{
    public static string Resolve(string uri, string? baseId, JsonElement bases)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute))
            return absolute.IsFile ? absolute.LocalPath : uri;
        var relative = Uri.UnescapeDataString(uri);
        if (baseId is not null && bases.ValueKind == JsonValueKind.Object && bases.TryGetProperty(baseId, out var b) && b.ValueKind == JsonValueKind.Object
            && b.TryGetProperty("uri", out var baseUri) && baseUri.ValueKind == JsonValueKind.String
            && Uri.TryCreate(baseUri.GetString(), UriKind.Absolute, out var root) && root.IsFile)
            return new Uri(root, uri).LocalPath;
        return relative;
    }
}
