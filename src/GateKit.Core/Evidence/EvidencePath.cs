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
        if (HasSegment(path, '/', IsDotDot) || HasSegment(path, '\\', IsDotDot)) return (EvidenceCodes.PathTraversal, "the path contains '..'");
        if (path.Contains('\\')) return (EvidenceCodes.PathNotCanonical, "the path contains a backslash; pack paths use '/'");
        if (HasSegment(path, '/', IsEmptyOrDot)) return (EvidenceCodes.PathNotCanonical, "the path has an empty or '.' segment");
        if (path.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || path.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
            return (EvidenceCodes.PathNotCanonical, "the path contains a control character");
        if (!UnicodeNfc.IsNormalized(path)) return (EvidenceCodes.PathNotCanonical, "the path is not in Unicode NFC");
        return null;
    }

    private static bool IsDotDot(ReadOnlySpan<char> segment) => segment is "..";

    private static bool IsEmptyOrDot(ReadOnlySpan<char> segment) => segment.IsEmpty || segment is ".";

    /// <summary>Whether a segment between <paramref name="separator"/>s satisfies <paramref name="test"/>; no strings are made (a manifest has thousands of paths).</summary>
    private static bool HasSegment(string path, char separator, SegmentTest test)
    {
        var rest = path.AsSpan();
        while (true)
        {
            var end = rest.IndexOf(separator);
            if (test(end < 0 ? rest : rest[..end])) return true;
            if (end < 0) return false;
            rest = rest[(end + 1)..];
        }
    }

    private delegate bool SegmentTest(ReadOnlySpan<char> segment);

    /// <summary>A relative path from the file system in the pack's spelling: '/' separators and NFC.</summary>
    public static string FromFileSystem(string relative) =>
        UnicodeNfc.Normalize(relative.Replace(Path.DirectorySeparatorChar, '/'));

    /// <summary>The key under which two paths collide on a case-insensitive file system.</summary>
    public static string CaseFold(string path) => path.ToUpperInvariant();
}
