using GateKit.Inputs;

namespace GateKit.Gates.Docs;

/// <summary>What a relative path names in the tree, compared case-sensitively as GitHub does.</summary>
public enum EntryKind { Missing, File, Directory, CaseMismatch, OutsideRoot }

/// <summary>The answer for one path: its kind, and for a case mismatch the path as it is spelled on disk.</summary>
public readonly record struct Entry(EntryKind Kind, string? ActualPath = null);

/// <summary>
/// The repository tree under a <see cref="FileRoot"/>, listed one folder at a time and cached, so that
/// existence is an ordinal (case-sensitive) lookup on every file system, a case-only mismatch can be
/// named, and no path leaves the root by ".." or by a symbolic link. Walking never follows a linked
/// folder, so a symlink loop cannot make it run forever.
/// </summary>
public sealed class DocsTree(FileRoot files)
{
    private sealed record Listing(Dictionary<string, (bool IsDirectory, bool IsLink)> Exact, Dictionary<string, string> Folded);

    private readonly Dictionary<string, Listing?> listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> insideRoot = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public FileRoot Files => files;

    /// <summary>The folder name of GateKit's own state (runs, summaries, history): never documentation, at any depth.</summary>
    public const string StateFolderName = ".gatekit";

    /// <summary>Every file under a folder (relative paths, '/'-separated), not descending into .git, .gatekit or linked folders.</summary>
    public IEnumerable<string> Walk(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            if (ListingOf(dir) is not { } listing) continue;
            foreach (var (name, info) in listing.Exact.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var path = dir.Length == 0 ? name : dir + "/" + name;
                if (info.IsDirectory)
                {
                    if (!info.IsLink && name != ".git" && name != StateFolderName) pending.Push(path);
                }
                else yield return path;
            }
        }
    }

    /// <summary>Looks a normalized relative path up segment by segment ("" is the root).</summary>
    public Entry Find(string path)
    {
        if (path.Length == 0) return new Entry(EntryKind.Directory);
        var segments = path.Split('/');
        var dir = "";
        var actual = "";
        var mismatch = false;
        var linked = false;
        for (var i = 0; i < segments.Length; i++)
        {
            if (ListingOf(dir) is not { } listing) return new Entry(EntryKind.Missing);
            var name = segments[i];
            if (!listing.Exact.TryGetValue(name, out var info))
            {
                if (!listing.Folded.TryGetValue(name, out var spelled)) return new Entry(EntryKind.Missing);
                info = listing.Exact[spelled];
                name = spelled;
                mismatch = true;
            }
            linked |= info.IsLink;
            actual = actual.Length == 0 ? name : actual + "/" + name;
            var last = i == segments.Length - 1;
            if (!last && !info.IsDirectory) return new Entry(EntryKind.Missing);
            dir = actual;
            if (last)
            {
                if (linked && !IsInsideRoot(actual)) return new Entry(EntryKind.OutsideRoot);
                if (mismatch) return new Entry(EntryKind.CaseMismatch, actual);
                return new Entry(info.IsDirectory ? EntryKind.Directory : EntryKind.File);
            }
        }
        return new Entry(EntryKind.Missing);
    }

    /// <summary>The names in a folder, spelled as on disk.</summary>
    public IEnumerable<string> Names(string folder) => ListingOf(folder)?.Exact.Keys ?? Enumerable.Empty<string>();

    private bool IsInsideRoot(string path)
    {
        lock (gate)
        {
            if (!insideRoot.TryGetValue(path, out var inside))
                insideRoot[path] = inside = files.TryResolve(path, out _, out _);
            return inside;
        }
    }

    private Listing? ListingOf(string dir)
    {
        lock (gate)
        {
            if (listings.TryGetValue(dir, out var cached)) return cached;
            var listing = Read(dir);
            listings[dir] = listing;
            return listing;
        }
    }

    private Listing? Read(string dir)
    {
        var full = dir.Length == 0 ? files.Directory : Path.Combine(files.Directory, dir);
        try
        {
            var exact = new Dictionary<string, (bool, bool)>(StringComparer.Ordinal);
            var folded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var info in new DirectoryInfo(full).EnumerateFileSystemInfos())
            {
                var isLink = info.Attributes.HasFlag(FileAttributes.ReparsePoint);
                var isDirectory = isLink ? Directory.Exists(info.FullName) : info is DirectoryInfo;
                exact[info.Name] = (isDirectory, isLink);
                folded.TryAdd(info.Name, info.Name);
            }
            return new Listing(exact, folded);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }
}
