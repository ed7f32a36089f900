using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace GateKit.Evidence;

/// <summary>A file's SHA-256 (lower-case hex) and the number of bytes that went into it.</summary>
public readonly record struct FileDigest(string Sha256, long Length);

/// <summary>
/// SHA-256 of files as fast as the machine allows: each file streamed through one reused buffer
/// (memory does not grow with file size), many files at once on a bounded number of workers.
/// .NET's SHA-256 is OpenSSL's, which uses the CPU's SHA extensions where they exist.
/// </summary>
public static class FileHasher
{
    /// <summary>Small enough to stay in L2 between the read and the hash, large enough to make reads cheap.</summary>
    public const int BufferSize = 256 * 1024;

    public static int DefaultParallelism => Environment.ProcessorCount;

    /// <summary>Streams the regular file at <paramref name="path"/> through SHA-256.</summary>
    public static FileDigest Hash(string path, byte[] buffer, IncrementalHash hash, Action<long>? progress, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            using var handle = RegularFile.OpenRead(path, buffer.Length);
            return Hash(new HandleSource(handle, null), RandomAccess.GetLength(handle), buffer, hash, progress, cancellationToken);
        }
        var (fd, length) = RegularFile.OpenDescriptor(path, buffer.Length);
        return HashDescriptor(fd, length, null, path, buffer, hash, progress, cancellationToken);
    }

    /// <summary>The same for a file under <paramref name="folder"/>, opened without following links (<see cref="ContainedFolder"/>).</summary>
    internal static FileDigest Hash(ContainedFolder folder, string relative, byte[] buffer, IncrementalHash hash, Action<long>? progress,
        CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux()) return Hash(folder.PathOf(relative), buffer, hash, progress, cancellationToken);
        var (fd, length) = folder.OpenFile(relative, buffer.Length);
        return HashDescriptor(fd, length, folder, relative, buffer, hash, progress, cancellationToken);
    }

    /// <summary>
    /// On Linux the descriptor is read directly: no seek to learn whether it can seek, no finalizable
    /// handle; a pack of 10,000 files is 20,000 fewer system calls and allocations.
    /// </summary>
    private static FileDigest HashDescriptor(int fd, long length, ContainedFolder? folder, string path, byte[] buffer, IncrementalHash hash,
        Action<long>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return Hash(new DescriptorSource(fd, folder, path), length, buffer, hash, progress, cancellationToken);
        }
        finally
        {
            _ = Native.Libc.Close(fd);
        }
    }

    /// <summary>Opens a regular file for hashing (a pipe or device is refused, not waited on).</summary>
    public static SafeFileHandle OpenRead(string path, int bufferLength) => RegularFile.OpenRead(path, bufferLength);

    /// <summary>
    /// Streams one file through SHA-256 and, when <paramref name="copy"/> is given, into it: the bytes
    /// hashed are the bytes written.
    /// </summary>
    public static FileDigest Hash(SafeFileHandle source, long expectedLength, byte[] buffer, IncrementalHash hash, SafeFileHandle? copy, Action<long>? progress,
        CancellationToken cancellationToken) =>
        Hash(new HandleSource(source, copy), expectedLength, buffer, hash, progress, cancellationToken);

    /// <summary>
    /// The one hashing loop. A regular file's read comes back short only at its end, so a short read
    /// that reaches the length the file had when opened ends it without one more read to confirm it;
    /// any other short read goes on reading, so a file that grew is still read whole.
    /// </summary>
    private static FileDigest Hash<TSource>(TSource source, long expectedLength, byte[] buffer, IncrementalHash hash, Action<long>? progress,
        CancellationToken cancellationToken) where TSource : struct, IChunkSource
    {
        long offset = 0;
        try
        {
            int read;
            while ((read = source.Read(buffer, offset)) > 0)
            {
                // Checked per chunk, so that an interrupt does not wait for a large file to finish.
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                source.Copied(buffer.AsSpan(0, read), offset);
                offset += read;
                progress?.Invoke(read);
                if (read < buffer.Length && offset == expectedLength) break;
            }
        }
        catch
        {
            hash.GetHashAndReset(); // the hash is reused for the next file: leave nothing of this one in it
            throw;
        }
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new FileDigest(Convert.ToHexStringLower(digest), offset);
    }

    /// <summary>Where the hashing loop reads from (and, for a pack, what it copies to); structs, so the loop is compiled for each.</summary>
    private interface IChunkSource
    {
        int Read(byte[] buffer, long offset);

        void Copied(ReadOnlySpan<byte> chunk, long offset);
    }

    private readonly struct HandleSource(SafeFileHandle source, SafeFileHandle? copy) : IChunkSource
    {
        public int Read(byte[] buffer, long offset) => RandomAccess.Read(source, buffer, offset);

        public void Copied(ReadOnlySpan<byte> chunk, long offset)
        {
            if (copy is not null) RandomAccess.Write(copy, chunk, offset);
        }
    }

    /// <summary>Reads on from the descriptor's position, which only this loop moves; the path is only spelled out for an error.</summary>
    private readonly struct DescriptorSource(int fd, ContainedFolder? folder, string path) : IChunkSource
    {
        public int Read(byte[] buffer, long offset)
        {
            var read = RegularFile.Read(fd, buffer);
            return read >= 0 ? read : throw RegularFile.Failure(folder?.PathOf(path) ?? path, -read);
        }

        public void Copied(ReadOnlySpan<byte> chunk, long offset) { }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every item on at most <paramref name="parallelism"/> workers,
    /// each with its own buffer and hash. Items are taken in order, so the largest-first order a caller
    /// chooses keeps the workers evenly loaded.
    /// </summary>
    public static void ForEach<T>(IReadOnlyList<T> items, int parallelism, Action<T, byte[], IncrementalHash> work, CancellationToken cancellationToken)
    {
        var next = -1;
        Run(Math.Min(parallelism, items.Count), (out T item) =>
        {
            var i = Interlocked.Increment(ref next);
            item = i < items.Count ? items[i] : default!;
            return i < items.Count;
        }, () => Interlocked.Exchange(ref next, items.Count), work, cancellationToken);
    }

    /// <summary>The same for items that are still being added: the workers wait for more until adding is complete.</summary>
    public static void ForEach<T>(BlockingCollection<T> items, int parallelism, Action<T, byte[], IncrementalHash> work, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Run(parallelism, (out T item) =>
        {
            try
            {
                return items.TryTake(out item!, Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                item = default!;
                return false; // another worker failed
            }
        }, stop.Cancel, work, cancellationToken);
    }

    private delegate bool TryTake<T>(out T item);

    /// <param name="stopOthers">Makes the other workers' next take fail once one worker has failed.</param>
    private static void Run<T>(int parallelism, TryTake<T> take, Action stopOthers, Action<T, byte[], IncrementalHash> work, CancellationToken cancellationToken)
    {
        void Worker()
        {
            var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (take(out var item))
            {
                cancellationToken.ThrowIfCancellationRequested();
                work(item, buffer, hash);
            }
        }
        var workers = Math.Max(1, parallelism);
        if (workers == 1)
        {
            Worker();
            return;
        }
        var errors = new List<Exception>();
        var threads = Enumerable.Range(0, workers).Select(_ => new Thread(() =>
        {
            try { Worker(); }
            catch (Exception e)
            {
                lock (errors) errors.Add(e);
                stopOthers();
            }
        }, maxStackSize: 256 * 1024) { IsBackground = true }).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        if (errors.Count > 0)
        {
            if (errors.OfType<OperationCanceledException>().FirstOrDefault() is { } cancelled) throw cancelled;
            // The first failure is the one to report; the others were cut short by it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(errors[0]).Throw();
        }
    }
}
