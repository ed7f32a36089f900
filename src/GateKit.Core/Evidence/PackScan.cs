using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GateKit.Evidence;

/// <summary>One file to hash and, once hashed, its digest or why it could not be read.</summary>
internal sealed class ScannedFile(string path)
{
    /// <summary>Relative to files/ for a listed file; the resolved full path for one reached through a link.</summary>
    public string Path { get; } = path;

    public FileDigest? Digest { get; private set; }

    public string? Error { get; private set; }

    public void Hash(ContainedFolder? folder, byte[] buffer, IncrementalHash hash, Action<long>? progress, CancellationToken cancellationToken)
    {
        try
        {
            Digest = folder is null
                ? FileHasher.Hash(Path, buffer, hash, progress, cancellationToken)
                : FileHasher.Hash(folder, Path, buffer, hash, progress, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error = e.Message;
        }
    }
}

/// <summary>
/// The pack folder walked once (never into a linked folder): its regular files, links and folders by
/// path relative to files/, and what is wrong with the pack folder itself.
/// </summary>
internal sealed record PackListing(Dictionary<string, ScannedFile> Regular, HashSet<string> Links, HashSet<string> Folders, List<(string Code, string Message)> Problems);

/// <summary>
/// A pack's files folder listed, and its regular files hashed, in the background while the manifest is
/// read and checked: what a pack holds does not depend on its manifest, so every core hashes from the
/// first listed folder on instead of waiting for the manifest's entries. Files are opened under the
/// folder without following links (<see cref="ContainedFolder"/>). Once the manifest's paths are known
/// (<see cref="Want"/>), files it does not list are no longer read: they are extra, whatever they hold.
/// </summary>
internal sealed class PackScan : IDisposable
{
    private readonly ContainedFolder files;
    private readonly BlockingCollection<ScannedFile> queue = new();
    private readonly CancellationTokenSource stop;
    private readonly Task<PackListing> listing;
    private readonly Task hashing;
    private HashSet<string>? wanted;

    private PackScan(string packDirectory, int parallelism, Action<long>? progress, CancellationToken cancellationToken)
    {
        var filesRoot = System.IO.Path.Combine(packDirectory, EvidenceManifest.FilesFolder);
        files = ContainedFolder.Open(filesRoot);
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        listing = Task.Run(() => List(packDirectory, filesRoot, token), CancellationToken.None);
        hashing = Task.Run(() => FileHasher.ForEach(queue, parallelism, (file, buffer, hash) =>
        {
            if (Volatile.Read(ref wanted) is { } paths && !paths.Contains(file.Path)) return;
            file.Hash(files, buffer, hash, progress, token);
        }, token), CancellationToken.None);
    }

    public static PackScan Start(string packDirectory, int parallelism, Action<long>? progress, CancellationToken cancellationToken) =>
        new(packDirectory, parallelism, progress, cancellationToken);

    /// <summary>The paths the manifest lists: from now on only these are read.</summary>
    public void Want(IEnumerable<string> paths) => Volatile.Write(ref wanted, new HashSet<string>(paths, StringComparer.Ordinal));

    /// <summary>Waits for the listing and the hashing; the regular files carry their digests.</summary>
    public PackListing Finish()
    {
        hashing.GetAwaiter().GetResult();
        return listing.GetAwaiter().GetResult();
    }

    private PackListing List(string packDirectory, string filesRoot, CancellationToken cancellationToken)
    {
        try
        {
            var result = new PackListing(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), []);
            foreach (var entry in new DirectoryInfo(packDirectory).EnumerateFileSystemInfos())
            {
                if (entry.Name == EvidenceManifest.FileName && entry.LinkTarget is null && entry is FileInfo) continue;
                if (entry.Name == EvidenceManifest.FilesFolder && entry.LinkTarget is null && entry is DirectoryInfo) continue;
                result.Problems.Add((EvidenceCodes.FileExtra, $"{entry.Name} is in the pack folder but is neither {EvidenceManifest.FileName} nor {EvidenceManifest.FilesFolder}/"));
            }
            if (Directory.Exists(filesRoot) && new DirectoryInfo(filesRoot).LinkTarget is null)
            {
                var pending = new Stack<(string Dir, string Prefix)>([(filesRoot, "")]);
                while (pending.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (dir, prefix) = pending.Pop();
                    foreach (var (name, type) in DirectoryEntries.List(dir))
                    {
                        var relative = prefix + name;
                        switch (type)
                        {
                            case EntryType.Link: result.Links.Add(relative); break;
                            case EntryType.Directory: result.Folders.Add(relative); pending.Push((System.IO.Path.Join(dir, name), relative + "/")); break;
                            default:
                                var file = new ScannedFile(relative);
                                result.Regular[relative] = file;
                                queue.Add(file, cancellationToken);
                                break;
                        }
                    }
                }
            }
            else if (Directory.Exists(filesRoot))
                result.Problems.Add((EvidenceCodes.PathOutsideRoot, $"{EvidenceManifest.FilesFolder}/ is a symbolic link; nothing under it was read"));
            return result;
        }
        finally
        {
            queue.CompleteAdding(); // the hashing workers end when the queue is empty, also when the listing failed
        }
    }

    /// <summary>Stops what is still running (the verification ended early: a malformed manifest, an error) and waits for it.</summary>
    public void Dispose()
    {
        stop.Cancel();
        try { Task.WaitAll(listing, hashing); }
        catch (AggregateException) { } // cancelled, or failed with nobody left to tell
        files.Dispose();
        stop.Dispose();
        queue.Dispose();
    }
}
