using System.Security.Cryptography;
using GateKit.Results;

namespace GateKit.Inputs;

/// <summary>Why an input could not be read: missing, outside the root, or unreadable.</summary>
public enum ReadFailure { None, Missing, OutsideRoot, Unreadable }

/// <summary>An input file's bytes and the digest recorded for it.</summary>
public sealed record InputFile(string RelativePath, string FullPath, byte[] Bytes, InputDigest Digest);

/// <summary>
/// The folder a gate may read from (the config's folder). Paths are relative to it and never leave
/// it, by ".." or by a symlink; every file read is digested so the result can name its inputs.
/// </summary>
public sealed class FileRoot(string directory)
{
    public string Directory { get; } = ResolveLinks(Path.GetFullPath(directory)).TrimEnd(Path.DirectorySeparatorChar) is { Length: > 0 } d ? d : "/";

    /// <summary>
    /// Reads a regular file inside the root through <see cref="InputReader"/>: a pipe, socket or device
    /// is unreadable (never waited on), and so is a file above <paramref name="maxBytes"/> (the limit is
    /// named <paramref name="limitName"/> in the problem, so the user knows which setting to raise).
    /// </summary>
    public ReadFailure TryRead(string relativePath, out InputFile? file, out string problem,
        long maxBytes = InputReader.DefaultMaxBytes, string limitName = "the input limit")
    {
        file = null;
        if (!TryResolve(relativePath, out var full, out problem)) return ReadFailure.OutsideRoot;
        if (!File.Exists(full))
        {
            problem = System.IO.Directory.Exists(full) ? $"{relativePath} is a folder, not a file" : $"{relativePath} does not exist";
            return ReadFailure.Missing;
        }
        try
        {
            var bytes = InputReader.ReadAll(full, maxBytes, limitName);
            var digest = new InputDigest(Normalize(relativePath), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
            file = new InputFile(Normalize(relativePath), full, bytes, digest);
            return ReadFailure.None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{relativePath} cannot be read: {e.Message}";
            return ReadFailure.Unreadable;
        }
    }

    /// <summary>Resolves a relative path inside the root, following symlinks, refusing any that leave it.</summary>
    public bool TryResolve(string relativePath, out string fullPath, out string problem)
    {
        fullPath = "";
        problem = "";
        if (Path.IsPathRooted(relativePath))
        {
            problem = $"{relativePath} is an absolute path; inputs are relative to {Directory}";
            return false;
        }
        var candidate = Path.GetFullPath(Path.Combine(Directory, relativePath));
        if (!IsInside(candidate))
        {
            problem = $"{relativePath} leaves the root folder";
            return false;
        }
        // Follow every symlink on the way: a link inside the root may point outside it.
        var resolved = ResolveLinks(candidate);
        if (!IsInside(resolved))
        {
            problem = $"{relativePath} leaves the root folder through a symbolic link";
            return false;
        }
        fullPath = resolved;
        return true;
    }

    private bool IsInside(string full) =>
        full == Directory || full.StartsWith(Directory.EndsWith(Path.DirectorySeparatorChar) ? Directory : Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string ResolveLinks(string path)
    {
        var root = Path.GetPathRoot(path)!;
        var current = root;
        foreach (var part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            for (var hops = 0; hops < 40; hops++)
            {
                FileSystemInfo info = new FileInfo(current);
                if (info.LinkTarget is null) break;
                current = Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(current)!);
            }
        }
        return current;
    }

    private static string Normalize(string relative)
    {
        var forward = relative.Replace('\\', '/');
        while (forward.StartsWith("./", StringComparison.Ordinal)) forward = forward[2..];
        return forward;
    }
}
