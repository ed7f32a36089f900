using System.Runtime.InteropServices;
using System.Text;
using GateKit.Evidence;
using GateKit.Results;
using static GateKit.Native.Libc;

namespace GateKit.Inputs;

/// <summary>
/// What <c>git rev-parse HEAD</c> and <c>git rev-parse --abbrev-ref HEAD</c> would print, read from the
/// repository's files instead of starting git (2–5 ms of a run's start-up). Only the common layouts are
/// read: a .git folder or file, linked worktrees, loose and packed refs, SHA-1 or SHA-256. Anything else
/// (environment overrides, bare repositories, other owners, reftable, extensions, odd contents, not Linux)
/// is <see cref="Verdict.AskGit"/>: the answer is git's or nothing, never a guess.
/// </summary>
internal static class GitRefReader
{
    public enum Verdict { Found, None, AskGit }

    /// <summary>Found: <see cref="Info"/> is what git prints; None: git would print nothing (no repository or no commit); AskGit: the files cannot tell.</summary>
    public readonly record struct Answer(Verdict Verdict, GitInfo? Info);

    private static readonly Answer AskGit = new(Verdict.AskGit, null), None = new(Verdict.None, null);

    /// <summary>Variables that move or bound where git looks (GIT_NAMESPACE: to be safe); with any of them set, git decides.</summary>
    private static readonly string[] Overrides =
        ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE"];

    /// <summary>Thrown on anything outside the cases read here; <see cref="Read"/> turns it into AskGit.</summary>
    private sealed class Unsure(string why) : IOException(why);

    public static Answer Read(string directory, Func<string, string?> environment)
    {
        // statx gives type, owner and device in one call; elsewhere the check would cost what git costs
        if (!OperatingSystem.IsLinux()) return AskGit;
        foreach (var name in Overrides)
            if (environment(name) is not null) return AskGit;
        try
        {
            return Discover(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return AskGit; // includes Unsure and text that is not UTF-8 (DecoderFallbackException)
        }
    }

    /// <summary>Git's discovery: from the folder upward, the first .git folder or file.</summary>
    private static Answer Discover(string directory)
    {
        // git -C resolves ".." after following links, Path.GetFullPath on the text: they can differ
        if (directory.Split('/').Contains("..")) return AskGit;
        var start = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        ulong? device = null;
        for (var current = start; ;)
        {
            // git walks the physical path (links resolved) and stops at a mount point
            if (Lstat(current) is not { Type: S_IFDIR } here || (device ??= here.Device) != here.Device) return AskGit;
            var dotGit = Path.Join(current, ".git");
            switch (Lstat(dotGit))
            {
                case { Type: S_IFDIR } folder:
                    return Repository(start, here, null, dotGit, folder);
                case { Type: S_IFREG } file:
                    return FromGitFile(start, current, here, dotGit, file);
                case not null:
                    return AskGit; // a link or something stranger
            }
            // git also takes a folder that is a repository itself (bare, or inside .git)
            if (Lstat(Path.Join(current, "HEAD")) is not null) return AskGit;
            if (Path.GetDirectoryName(current) is not { } parent) return None;
            current = parent;
        }
    }

    /// <summary>A .git file (worktree, submodule, --separate-git-dir): "gitdir: path", relative to the file's folder.</summary>
    private static Answer FromGitFile(string start, string worktree, Entry worktreeEntry, string gitFile, Entry gitFileEntry)
    {
        var text = Text(ReadSmall(gitFile, 4096));
        if (text is null || !text.StartsWith("gitdir: ", StringComparison.Ordinal)) return AskGit;
        var target = OneLine(text["gitdir: ".Length..]);
        if (target is null || target.EndsWith('/')) return AskGit;
        // the path as written: the kernel resolves its links and ".." the way git's realpath does
        var gitDir = target.StartsWith('/') ? target : Path.Join(worktree, target);
        return Lstat(gitDir) is { Type: S_IFDIR } entry ? Repository(start, worktreeEntry, gitFileEntry, gitDir, entry) : AskGit;
    }

    private static Answer Repository(string start, Entry worktree, Entry? gitFile, string gitDir, Entry gitDirEntry)
    {
        // git refuses (safe.directory) a repository whose worktree, .git file or git dir someone else owns
        var user = GetEUid();
        if (worktree.Uid != user || gitDirEntry.Uid != user || gitFile is { } file && file.Uid != user) return AskGit;

        // a linked worktree keeps HEAD in its git dir and shares the refs of the common dir
        var commonDir = gitDir;
        if (Text(ReadSmall(Path.Join(gitDir, "commondir"), 4096)) is { } common)
        {
            var path = OneLine(common) ?? throw new Unsure("commondir");
            commonDir = path.StartsWith('/') ? path : Path.Join(gitDir, path);
        }
        // what git requires of a git dir; without it git keeps looking further up
        if (Lstat(Path.Join(commonDir, "objects")) is not { Type: S_IFDIR } || Lstat(Path.Join(commonDir, "refs")) is not { Type: S_IFDIR })
            return AskGit;
        if (Lstat(Path.Join(commonDir, "reftable")) is not null) return AskGit;
        var idLength = IdLength(Text(ReadSmall(Path.Join(commonDir, "config"), 1 << 20)));
        return idLength == 0 ? AskGit : new Refs(start, gitDir, commonDir, idLength).Head();
    }

    /// <summary>
    /// 40 (SHA-1) or 64 (SHA-256) from the repository's config; 0 when it asks for anything not read here:
    /// reftable, an extension other than the object format, a format version other than 0 or 1, or a
    /// spelling this line-by-line reading might misread (continued lines, one-line sections, CR).
    /// </summary>
    private static int IdLength(string? config)
    {
        if (config is null) return 0;
        string section = "", format = "sha1";
        int? version = null;
        var extensions = false;
        foreach (var raw in config.Split('\n'))
        {
            var line = raw.Trim(' ', '\t');
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line.EndsWith('\\') || line.Contains('\r')) return 0;
            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.IndexOf(']') != line.Length - 1) return 0;
                var header = line[1..^1];
                var space = header.IndexOfAny([' ', '\t']);
                section = (space < 0 ? header : header[..space]).ToLowerInvariant();
                // a subsection of core or extensions is not core or extensions, but is odd enough to leave to git
                if (space >= 0 && section is "core" or "extensions") return 0;
                extensions |= section == "extensions";
                continue;
            }
            var equals = line.IndexOf('=');
            var key = (equals < 0 ? line : line[..equals]).TrimEnd(' ', '\t').ToLowerInvariant();
            var value = equals < 0 ? "" : line[(equals + 1)..].Trim(' ', '\t');
            if (key == "refstorage") return 0;
            if (section == "core" && key == "repositoryformatversion")
                version = value switch { "0" => 0, "1" => 1, _ => -1 };
            else if (section == "extensions")
            {
                if (key != "objectformat" || value is not ("sha1" or "sha256")) return 0;
                format = value;
            }
        }
        // version 0 reads extensions differently from one git release to the next
        if (version is -1 || extensions && version != 1) return 0;
        return format == "sha256" ? 64 : 40;
    }

    /// <summary>The refs of one repository: HEAD in the git dir, branches in the common dir, loose or in packed-refs.</summary>
    private sealed class Refs(string start, string gitDir, string commonDir, int idLength)
    {
        private Dictionary<string, string>? packed;

        public Answer Head()
        {
            var head = Text(ReadSmall(Path.Join(gitDir, "HEAD"), 4096)) ?? throw new Unsure("no HEAD");
            // with another ref named HEAD (refs/heads/HEAD, ...) git prints no branch name
            if (Exists("refs/HEAD", "refs/tags/HEAD", "refs/heads/HEAD", "refs/remotes/HEAD", "refs/remotes/HEAD/HEAD")) return AskGit;
            if (Id(head) is { } detached) return new(Verdict.Found, new GitInfo(null, detached));
            var target = Symbolic(head);
            // git follows at most five symbolic refs; branches only (other refs: per-worktree, remotes, ...)
            for (var depth = 0; depth < 5 && target is not null && IsBranch(target); depth++)
            {
                var loose = Text(ReadSmall(Path.Join(commonDir, target), 4096));
                if (loose is null)
                {
                    if (Packed().TryGetValue(target, out var packedId)) return Named(target, packedId);
                    // an unborn branch: git has no commit to print, unless a file named HEAD makes it print "HEAD"
                    return depth == 0 && Lstat(Path.Join(start, "HEAD")) is null ? None : AskGit;
                }
                if (Id(loose) is { } id) return Named(target, id);
                target = Symbolic(loose);
            }
            return AskGit;
        }

        /// <summary>refs/heads/x is printed as x unless x also names another ref (git then prints heads/x).</summary>
        private Answer Named(string branch, string id)
        {
            var name = branch["refs/heads/".Length..];
            return Exists(name, "refs/" + name, "refs/tags/" + name, "refs/remotes/" + name, "refs/remotes/" + name + "/HEAD")
                ? AskGit
                : new(Verdict.Found, new GitInfo(name, id));
        }

        /// <summary>Whether any of the refs has a loose file (of any kind, in either dir) or a packed line.</summary>
        private bool Exists(params string[] names)
        {
            foreach (var name in names)
                if (Lstat(Path.Join(commonDir, name)) is not null || gitDir != commonDir && Lstat(Path.Join(gitDir, name)) is not null
                    || Packed().ContainsKey(name))
                    return true;
            return false;
        }

        /// <summary>packed-refs: an optional "# pack-refs with:" line, then "id refname" lines, each optionally followed by "^id" (the peeled tag).</summary>
        private Dictionary<string, string> Packed()
        {
            if (packed is not null) return packed;
            var refs = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Text(ReadSmall(Path.Join(commonDir, "packed-refs"), 16 << 20)) is { } text)
            {
                if (text.Length > 0 && text[^1] != '\n') throw new Unsure("packed-refs");
                var lines = text.Split('\n');
                for (var i = 0; i < lines.Length - 1; i++)
                {
                    var line = lines[i];
                    if (i == 0 && line.StartsWith("# pack-refs with:", StringComparison.Ordinal)) continue;
                    if (line.StartsWith('^') && i > 0 && IsId(line[1..])) continue;
                    var space = line.IndexOf(' ');
                    if (space < 0 || !IsId(line[..space]) || line.IndexOfAny([' ', '\r'], space + 1) >= 0 || !line.AsSpan(space + 1).StartsWith("refs/")
                        || !refs.TryAdd(line[(space + 1)..], line[..space]))
                        throw new Unsure("packed-refs");
                }
            }
            return packed = refs;
        }

        /// <summary>A ref file holding an object id: exactly "id\n".</summary>
        private string? Id(string content) => OneLine(content) is { } line && IsId(line) ? line : null;

        /// <summary>Lowercase hex of this repository's id length, not all zeros (git treats the null id apart).</summary>
        private bool IsId(string text) =>
            text.Length == idLength && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f') && text.Any(c => c != '0');
    }

    /// <summary>A symbolic ref exactly as git writes it, "ref: target\n"; null otherwise.</summary>
    private static string? Symbolic(string content) =>
        content.StartsWith("ref: ", StringComparison.Ordinal) ? OneLine(content["ref: ".Length..]) : null;

    /// <summary>
    /// A branch whose name needs no care: ASCII letters, digits, '-', '_', '.', parts that are not empty and
    /// do not start or end with '.' or end with ".lock". Other names are valid in git but left to it.
    /// </summary>
    private static bool IsBranch(string refName)
    {
        if (!refName.StartsWith("refs/heads/", StringComparison.Ordinal)) return false;
        foreach (var part in refName["refs/heads/".Length..].Split('/'))
        {
            if (part.Length == 0 || part[0] == '.' || part[^1] == '.' || part.EndsWith(".lock", StringComparison.Ordinal) || part.Contains("..")) return false;
            foreach (var c in part)
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return false;
        }
        return true;
    }

    /// <summary>Text with one line feed at its end and no other line breaks, without it; null otherwise.</summary>
    private static string? OneLine(string text) =>
        text.Length > 1 && text[^1] == '\n' && text.AsSpan(0, text.Length - 1).IndexOfAny('\n', '\r') < 0 ? text[..^1] : null;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string? Text(byte[]? bytes) =>
        bytes is null ? null : Array.IndexOf(bytes, (byte)0) >= 0 ? throw new Unsure("NUL") : StrictUtf8.GetString(bytes);

    /// <summary>What lstat says of a path: type (S_IFMT bits), owner, device.</summary>
    private readonly record struct Entry(int Type, uint Uid, ulong Device);

    /// <summary>The path's entry, not following a last link; null when nothing is there.</summary>
    private static Entry? Lstat(string path)
    {
        Span<byte> status = stackalloc byte[StatxSize];
        if (Statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_UID, ref MemoryMarshal.GetReference(status)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR ? null : throw RegularFile.Failure(path, errno);
        }
        if ((MemoryMarshal.Read<uint>(status) & (STATX_TYPE | STATX_UID)) != (STATX_TYPE | STATX_UID)) throw new Unsure("statx");
        var device = (ulong)MemoryMarshal.Read<uint>(status[StatxDevMajorOffset..]) << 32 | MemoryMarshal.Read<uint>(status[StatxDevMinorOffset..]);
        return new Entry(MemoryMarshal.Read<ushort>(status[StatxModeOffset..]) & S_IFMT, MemoryMarshal.Read<uint>(status[StatxUidOffset..]), device);
    }

    /// <summary>A small regular file's bytes (not through a link, not a pipe); null when it does not exist.</summary>
    private static byte[]? ReadSmall(string path, int limit)
    {
        if (Lstat(path) is not { } entry) return null;
        if (entry.Type != S_IFREG) throw new Unsure(path);
        using var handle = RegularFile.OpenRead(path, long.MaxValue);
        var length = RandomAccess.GetLength(handle);
        if (length > limit) throw new Unsure(path);
        var bytes = new byte[length];
        // one read of a regular file returns all of it unless the file shrank meanwhile
        return RandomAccess.Read(handle, bytes, 0) == length ? bytes : throw new Unsure(path);
    }
}
