namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// A SARIF artifact URI as a path: <c>file:</c> URIs become local paths; a relative reference is resolved
/// against its <c>uriBaseId</c> when the run's <c>originalUriBaseIds</c> defines it (SARIF §3.14.14), and is
/// otherwise a path relative to the repository, as CodeQL writes them (<c>%SRCROOT%</c>).
/// </summary>
public static class SarifUri
{
    /// <param name="bases">The run's <c>originalUriBaseIds</c>: each id's <c>uri</c>; null when the run has none.</param>
    public static string Resolve(string uri, string? baseId, IReadOnlyDictionary<string, string>? bases)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute))
            return absolute.IsFile ? absolute.LocalPath : uri;
        var relative = Uri.UnescapeDataString(uri);
        if (baseId is not null && bases?.GetValueOrDefault(baseId) is { } baseUri
            && Uri.TryCreate(baseUri, UriKind.Absolute, out var root) && root.IsFile)
            return new Uri(root, uri).LocalPath;
        return relative;
    }
}
