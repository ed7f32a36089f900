using GateKit.Evidence;

namespace GateKit.Inputs;

/// <summary>A file longer than the limit set for its kind; nothing of it was kept.</summary>
public sealed class InputTooLargeException(string path, long limit, string limitName)
    : IOException($"'{path}' is larger than {limitName} ({limit:N0} bytes); it was not read")
{
    public string Path { get; } = path;
    public long Limit { get; } = limit;
}

/// <summary>
/// The one way GateKit reads a whole input file (config, artifact, report, manifest, evidence, Markdown,
/// a run's result read back). It refuses anything but a regular file without blocking on it — a named
/// pipe would block open() forever and a device such as /dev/zero never ends — and it never keeps more
/// than <c>limit</c> bytes, so a huge file costs a bounded amount of memory and a clear error.
/// </summary>
public static class InputReader
{
    /// <summary>Default bound on any whole file read into memory: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The bytes of the regular file at <paramref name="path"/>.
    /// </summary>
    /// <exception cref="InputTooLargeException">the file holds more than <paramref name="limit"/> bytes (named <paramref name="limitName"/> in the message).</exception>
    /// <exception cref="IOException">it is not a regular file (folder, pipe, socket, device), or cannot be read.</exception>
    /// <exception cref="FileNotFoundException">it does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">it may not be read.</exception>
    public static byte[] ReadAll(string path, long limit = DefaultMaxBytes, string limitName = "the input limit")
    {
        using var handle = RegularFile.OpenRead(path, 64 * 1024);
        // The length at open time is only a hint: the file may grow while it is read, so the bound is
        // enforced on the bytes actually read.
        var hint = RandomAccess.GetLength(handle);
        if (hint > limit) throw new InputTooLargeException(path, limit, limitName);
        // One byte more than allowed is enough to tell a file that is too long.
        var cap = limit < Array.MaxLength ? limit + 1 : Array.MaxLength;
        var buffer = new byte[(int)Math.Min(Math.Max(hint, 0) + 1, cap)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled == cap) throw new InputTooLargeException(path, limit, limitName);
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, cap));
            }
            var read = RandomAccess.Read(handle, buffer.AsSpan(filled), filled);
            if (read == 0) break;
            filled += read;
        }
        return filled == buffer.Length ? buffer : buffer[..filled];
    }

    /// <summary>
    /// A stream over the regular file at <paramref name="path"/> for reading it line by line (JSONL): the
    /// same refusal of pipes, sockets and devices as <see cref="ReadAll"/>; the caller bounds what it keeps.
    /// </summary>
    public static FileStream OpenStream(string path) => new(RegularFile.OpenRead(path, 64 * 1024), FileAccess.Read, bufferSize: 1);
}
