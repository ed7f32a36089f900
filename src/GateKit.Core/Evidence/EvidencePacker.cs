using System.Security.Cryptography;
using GateKit.Config;
using GateKit.Results;
using Microsoft.Extensions.FileSystemGlobbing;

namespace GateKit.Evidence;

/// <summary>What to pack, and as whom.</summary>
public sealed record PackRequest(
    string InputDirectory,
    string OutRoot,
    PackMetadata Metadata,
    ToolInfo Tool,
    bool Deterministic,
    DateTimeOffset Now)
{
    public IReadOnlyList<string> Include { get; init; } = ["**/*"];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public int Parallelism { get; init; } = FileHasher.DefaultParallelism;

    /// <summary>Bytes hashed so far, reported from the hashing workers.</summary>
    public Action<long>? Progress { get; init; }

    /// <summary>Called with each source path after it was copied and before it is checked again (tests change files here).</summary>
    public Action<string>? AfterFileCopied { get; init; }
}

/// <summary>A pack written: where, its manifest digest, and how much it holds.</summary>
public sealed record PackResult(string PackDirectory, string ManifestPath, string ManifestSha256, int FileCount, long TotalBytes);

/// <summary>The input tree cannot be packed as it is (a file changed, cannot be read, or leaves the input): exit 4, no pack left behind.</summary>
public sealed class EvidencePackException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>The globs select no file: an empty pack would prove nothing, so none is written (exit 3, <see cref="EvidenceCodes.NothingPacked"/>).</summary>
public sealed class NothingPackedException(RequestText text) : Exception(text.ToString())
{
    /// <summary>The message, for the host to word (it names the include and exclude patterns).</summary>
    public RequestText Text { get; } = text;
}

/// <summary>
/// gatekit evidence pack: copies the selected files of a folder into a new pack, hashing each while
/// copying it, and writes the manifest. The pack is built in a staging folder beside its final place
/// and renamed into place only when complete; an existing pack is never overwritten; the evidence
/// index records it afterwards.
/// </summary>
public static class EvidencePacker
{
    private sealed record Source(string FullPath, string RelativeOnDisk, string PackPath, long Length, DateTime LastWrite);

    public static PackResult Pack(PackRequest request, CancellationToken cancellationToken)
    {
        var input = new Inputs.FileRoot(request.InputDirectory).Directory;
        var outRoot = Path.GetFullPath(request.OutRoot);
        var packId = request.Metadata.PackId;
        if (!EvidenceIds.IsValid(packId)) throw new UsageException($"pack id '{packId}' must match {EvidenceIds.Pattern}");
        foreach (var (name, value) in new[] { (RequestInput.GitRef, request.Metadata.GitRef), (RequestInput.RunReason, request.Metadata.RunReason), (RequestInput.Operator, request.Metadata.OperatorId) })
            if (string.IsNullOrWhiteSpace(value)) throw new RequestException(RequestText.Of($"{name} must not be empty"));
        if (!Directory.Exists(input)) throw new UsageException($"input folder {request.InputDirectory} does not exist");
        var packDirectory = Path.Combine(outRoot, packId);
        if (Directory.Exists(packDirectory) || File.Exists(packDirectory))
            throw new UsageException($"pack {packDirectory} already exists; packs are never overwritten");
        if (IsInside(packDirectory, input))
            throw new UsageException($"the pack {packDirectory} would be inside the input folder {input}");

        var sources = Select(input, request.Include, request.Exclude);
        if (sources.Count == 0)
            {
            var excluded = request.Exclude.Count > 0 ? RequestText.Of($" and not {RequestInput.Exclude} {string.Join(" ", request.Exclude)}") : RequestText.Of($"");
            throw new NothingPackedException(RequestText.Of(
                $"{EvidenceCodes.NothingPacked}: no file under {input} matches {RequestInput.Include} {string.Join(" ", request.Include)}{excluded}; an empty pack proves nothing, so none was written"));
        }
        CheckCollisions(sources);

        Directory.CreateDirectory(outRoot);
        Output.Leftovers.Clean(outRoot, DateTimeOffset.UtcNow);
        var staging = Path.Combine(outRoot, Output.Leftovers.Name(packId, Output.Leftovers.StagingSuffix));
        try
        {
            var filesRoot = Path.Combine(staging, EvidenceManifest.FilesFolder);
            Directory.CreateDirectory(filesRoot);
            foreach (var folder in sources.Select(s => Path.GetDirectoryName(s.PackPath)).Where(d => !string.IsNullOrEmpty(d)).Distinct())
                Directory.CreateDirectory(Path.Combine(filesRoot, folder!));

            var digests = new string[sources.Count];
            var order = Enumerable.Range(0, sources.Count).OrderByDescending(i => sources[i].Length).ToList();
            FileHasher.ForEach(order, request.Parallelism, (i, buffer, hash) =>
                digests[i] = Copy(sources[i], Path.Combine(filesRoot, sources[i].PackPath), buffer, hash, request, cancellationToken), cancellationToken);

            var files = sources.Select((s, i) => new ManifestFile(s.PackPath, s.Length, digests[i])).ToList();
            var (bytes, digest) = EvidenceManifest.Build(request.Metadata, files, request.Tool, request.Include, request.Exclude, request.Deterministic, request.Now);
            var manifestPath = Path.Combine(staging, EvidenceManifest.FileName);
            using (var stream = new FileStream(manifestPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            // The rename is the moment the pack appears, complete; it fails if another pack took the id meanwhile.
            Directory.Move(staging, packDirectory);
            Output.AtomicFile.FlushDirectory(outRoot);
            var result = new PackResult(packDirectory, Path.Combine(packDirectory, EvidenceManifest.FileName), digest, files.Count, files.Sum(f => f.Size));
            EvidenceIndex.Append(outRoot, EvidenceIndex.EntryFor(request, result));
            return result;
        }
        finally
        {
            if (Directory.Exists(staging)) TryDeleteTree(staging);
        }
    }

    private static string Copy(Source source, string destination, byte[] buffer, IncrementalHash hash, PackRequest request, CancellationToken cancellationToken)
    {
        FileDigest digest;
        try
        {
            using var from = FileHasher.OpenRead(source.FullPath, buffer.Length);
            using var to = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, source.Length);
            digest = FileHasher.Hash(from, source.Length, buffer, hash, to, request.Progress, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvidencePackException($"{source.RelativeOnDisk} cannot be read: {e.Message}", e);
        }
        request.AfterFileCopied?.Invoke(source.FullPath);
        var after = new FileInfo(source.FullPath);
        if (digest.Length != source.Length || !after.Exists || after.Length != source.Length || after.LastWriteTimeUtc != source.LastWrite)
            throw new EvidencePackException(
                $"{source.RelativeOnDisk} changed while it was being packed (size {source.Length} when listed, {digest.Length} read, "
                + $"{(after.Exists ? after.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "gone")} now); no pack was written");
        return digest.Sha256;
    }

    /// <summary>The regular files under the input that the globs select, in canonical (ordinal) order of their pack paths.</summary>
    private static List<Source> Select(string input, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        var root = new Inputs.FileRoot(input);
        var found = new List<(string Full, string Relative, FileInfo Info)>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(input)]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EvidencePackException($"{Path.GetRelativePath(input, directory.FullName)} cannot be listed: {e.Message}", e);
            }
            foreach (var entry in entries)
            {
                var relative = Path.GetRelativePath(input, entry.FullName);
                if (entry.LinkTarget is { } target)
                {
                    // Every link on the way is followed: a link to a folder that is itself a link may still leave.
                    if (!root.TryResolve(relative, out var targetPath, out _))
                        throw new EvidencePackException($"{relative} is a symbolic link that leaves the input folder (to {target}); it was not read");
                    if (Directory.Exists(targetPath))
                        throw new EvidencePackException($"{relative} is a symbolic link to a folder; pack the folder itself");
                    if (!File.Exists(targetPath))
                        throw new EvidencePackException($"{relative} is a broken symbolic link (to {target})");
                    found.Add((targetPath, relative, new FileInfo(targetPath)));
                }
                else if (entry is DirectoryInfo sub) pending.Push(sub);
                else found.Add((entry.FullName, relative, (FileInfo)entry));
            }
        }

        foreach (var (option, patterns) in new[] { (RequestInput.Include, include), (RequestInput.Exclude, exclude) })
            foreach (var pattern in patterns)
                if (Inputs.GlobPattern.Problem(pattern) is { } problem)
                    throw new RequestException(RequestText.Of($"{option} '{Inputs.QuotedInput.Of(pattern)}': {problem}"));
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(include);
        matcher.AddExcludePatterns(exclude);
        var byRelative = found.ToDictionary(f => f.Relative.Replace(Path.DirectorySeparatorChar, '/'), StringComparer.Ordinal);
        var selected = matcher.Match(input, found.Select(f => f.Full)).Files.Select(m => m.Path).ToHashSet(StringComparer.Ordinal);
        var sources = new List<Source>();
        foreach (var (relative, f) in byRelative)
        {
            if (!selected.Contains(relative)) continue;
            sources.Add(new Source(f.Full, relative, EvidencePath.FromFileSystem(f.Relative), f.Info.Length, f.Info.LastWriteTimeUtc));
        }
        sources.Sort((a, b) => string.CompareOrdinal(a.PackPath, b.PackPath));
        return sources;
    }

    /// <summary>
    /// A name that verify would refuse (a backslash, a newline or another control character) cannot be
    /// packed: what pack writes, verify accepts. Two names that are one file once normalized (NFC), or on
    /// a case-insensitive file system, cannot both be packed.
    /// </summary>
    private static void CheckCollisions(List<Source> sources)
    {
        foreach (var s in sources)
            if (EvidencePath.Problem(s.PackPath) is { } problem)
                throw new EvidencePackException($"{s.RelativeOnDisk} cannot be packed: {problem.Reason}");
        for (var i = 1; i < sources.Count; i++)
            if (sources[i].PackPath == sources[i - 1].PackPath)
                throw new EvidencePackException($"{sources[i - 1].RelativeOnDisk} and {sources[i].RelativeOnDisk} are the same path in Unicode NFC ({sources[i].PackPath})");
        var folded = new Dictionary<string, Source>(StringComparer.Ordinal);
        foreach (var s in sources)
            if (!folded.TryAdd(EvidencePath.CaseFold(s.PackPath), s))
                throw new EvidencePackException($"{folded[EvidencePath.CaseFold(s.PackPath)].RelativeOnDisk} and {s.RelativeOnDisk} differ only in case; the pack could not be unpacked on a case-insensitive file system");
    }

    internal static bool IsInside(string path, string folder)
    {
        var f = folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path == folder.TrimEnd(Path.DirectorySeparatorChar) || path.StartsWith(f, StringComparison.Ordinal);
    }

    private static void TryDeleteTree(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
