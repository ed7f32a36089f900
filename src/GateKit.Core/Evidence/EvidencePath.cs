namespace GateKit.Evidence;

/// <summary>
/// The one spelling of a path inside a pack: relative, forward slashes, no empty, "." or ".."
/// segments, Unicode NFC. Checked on the text alone, before anything touches the file system.
/// </summary>
public static class EvidencePath
{
    /// <summary>The code and reason a manifest path is refused, or null when it is canonical.</summary>
    public static (string Code, string Reason)? Problem(string path)
    {
        if (path.Length == 0) return (EvidenceCodes.PathNotCanonical, "the path is empty");
        if (path[0] is '/' or '\\' || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':'))
            return (EvidenceCodes.PathAbsolute, "the path is absolute; pack paths are relative to the pack's files folder");
        var segments = path.Split('/');
        if (segments.Any(s => s == "..") || path.Split('\\').Any(s => s == ".."))
            return (EvidenceCodes.PathTraversal, "the path contains '..'");
        if (path.Contains('\\')) return (EvidenceCodes.PathNotCanonical, "the path contains a backslash; pack paths use '/'");
        if (segments.Any(s => s.Length == 0 || s == ".")) return (EvidenceCodes.PathNotCanonical, "the path has an empty or '.' segment");
        if (path.Any(char.IsControl)) return (EvidenceCodes.PathNotCanonical, "the path contains a control character");
        if (!UnicodeNfc.IsNormalized(path)) return (EvidenceCodes.PathNotCanonical, "the path is not in Unicode NFC");
        return null;
    }

    /// <summary>A relative path from the file system in the pack's spelling: '/' separators and NFC.</summary>
    public static string FromFileSystem(string relative) =>
        UnicodeNfc.Normalize(relative.Replace(Path.DirectorySeparatorChar, '/'));

    /// <summary>The key under which two paths collide on a case-insensitive file system.</summary>
    public static string CaseFold(string path) => path.ToUpperInvariant();
}
