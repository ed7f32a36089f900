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

    /// <summary>Streams one file, expected to be <paramref name="expectedLength"/> bytes long, through SHA-256.</summary>
    public static FileDigest Hash(string path, long expectedLength, byte[] buffer, IncrementalHash hash, Action<long>? progress, CancellationToken cancellationToken)
    {
        using var handle = OpenRead(path, expectedLength, buffer.Length);
        return Hash(handle, expectedLength, buffer, hash, null, progress, cancellationToken);
    }

    /// <summary>
    /// Opens a regular file for hashing (a pipe or device is refused, not waited on). The sequential-read
    /// hint (one more system call) only pays for files longer than a buffer; on a tree of many small
    /// files it would be a tenth of the calls.
    /// </summary>
    public static SafeFileHandle OpenRead(string path, long expectedLength, int bufferLength) =>
        RegularFile.OpenRead(path, expectedLength > bufferLength ? FileOptions.SequentialScan : FileOptions.None);

    /// <summary>
    /// Streams one file through SHA-256 and, when <paramref name="copy"/> is given, into it: the bytes
    /// hashed are the bytes written. A regular file's read comes back short only at its end, so a short
    /// read that reaches the expected length ends the file without one more read to confirm it; any
    /// other short read goes on reading, so a file longer than expected is still read whole.
    /// </summary>
    public static FileDigest Hash(SafeFileHandle source, long expectedLength, byte[] buffer, IncrementalHash hash, SafeFileHandle? copy, Action<long>? progress,
        CancellationToken cancellationToken)
    {
        long offset = 0;
        try
        {
            int read;
            while ((read = RandomAccess.Read(source, buffer, offset)) > 0)
            {
                // Checked per chunk, so that an interrupt does not wait for a large file to finish.
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                if (copy is not null) RandomAccess.Write(copy, buffer.AsSpan(0, read), offset);
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

    /// <summary>
    /// Runs <paramref name="work"/> for every item on at most <paramref name="parallelism"/> workers,
    /// each with its own buffer and hash. Items are taken in order, so the largest-first order a caller
    /// chooses keeps the workers evenly loaded.
    /// </summary>
    public static void ForEach<T>(IReadOnlyList<T> items, int parallelism, Action<T, byte[], IncrementalHash> work, CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = Math.Max(1, Math.Min(parallelism, items.Count));
        void Worker()
        {
            var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                work(items[i], buffer, hash);
            }
        }
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
                Interlocked.Exchange(ref next, items.Count); // stop the other workers early
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
