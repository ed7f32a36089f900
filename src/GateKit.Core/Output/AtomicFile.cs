using static GateKit.Native.Libc;

namespace GateKit.Output;

/// <summary>
/// Writes files so that readers never see a torn one: the bytes go to a temporary file beside the
/// target and are flushed to disk before the file gets its name.
/// </summary>
public static class AtomicFile
{
    /// <summary>Creates or replaces <paramref name="path"/>: readers see the old content or the new (the temporary file is renamed over it).</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var (directory, temp) = Temporary(path);
        try
        {
            WriteNew(temp, bytes);
            File.Move(temp, path, overwrite: true);
            FlushDirectory(directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="bytes"/> only if no file has that name, for
    /// records written once and never replaced (a decision's slot, a starter config): of writers racing for
    /// one name exactly one is told true, and the file holds its bytes, whole. False, writing nothing, when
    /// the name is taken.
    /// The name is given by link(2), which POSIX refuses with EEXIST in the same step that would create it.
    /// Not File.Move(overwrite: false): on Unix .NET checks the name with lstat and then calls rename(2),
    /// which replaces a file created in between, so two racing writers were both told they had won and
    /// one record was lost. On Windows that move is one step (MoveFileEx without MOVEFILE_REPLACE_EXISTING).
    /// A file system without hard links (link fails with another error: FAT, some network and FUSE
    /// mounts) gets <see cref="CreateInPlace"/>: still one winner, but a crash while writing can leave a
    /// short file.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be written (the file system's own message).</exception>
    public static bool TryCreate(string path, ReadOnlySpan<byte> bytes)
    {
        var (directory, temp) = Temporary(path);
        bool? named;
        try
        {
            WriteNew(temp, bytes);
            named = OperatingSystem.IsWindows() ? MoveIfFree(temp, path) : LinkIfFree(temp, path);
        }
        finally
        {
            // After link(2) the temporary name is a second name of the record; after a move it is gone.
            TryDelete(temp);
        }
        var created = named ?? CreateInPlace(path, bytes);
        if (created) FlushDirectory(directory);
        return created;
    }

    /// <summary>
    /// The name by O_CREAT|O_EXCL (FileMode.CreateNew), then the bytes: <see cref="TryCreate"/> on a
    /// file system without hard links. A failed write removes the file it created.
    /// </summary>
    internal static bool CreateInPlace(string path, ReadOnlySpan<byte> bytes)
    {
        FileStream stream;
        try { stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None); }
        catch (IOException) when (File.Exists(path)) { return false; }
        try
        {
            using (stream) Fill(stream, bytes);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
        return true;
    }

    /// <summary>
    /// True when linked, false when the name is taken, null on any other failure: then the file system
    /// has no hard links, or the folder cannot be written, which <see cref="CreateInPlace"/> reports in its own words.
    /// </summary>
    private static bool? LinkIfFree(string temp, string path)
    {
        if (Link(temp, path) == 0) return true;
        return System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == EEXIST ? false : null;
    }

    private static bool MoveIfFree(string temp, string path)
    {
        try { File.Move(temp, path, overwrite: false); return true; }
        catch (IOException) when (File.Exists(path)) { return false; }
    }

    private static (string Directory, string Temp) Temporary(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        return (directory, Path.Combine(directory, Leftovers.Name(Path.GetFileName(path), Leftovers.TempSuffix)));
    }

    private static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Fill(stream, bytes);
    }

    private static void Fill(FileStream stream, ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Makes a rename durable: on Unix the directory entry reaches the disk only with fsync on the
    /// directory itself. .NET cannot open a directory as a file, so it is opened and synced directly.
    /// False where that is not possible (Windows, or a file system that refuses); the rename is still atomic.
    /// </summary>
    public static bool FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return false;
        var fd = Open(directory, OperatingSystem.IsLinux() ? O_RDONLY | O_DIRECTORY | O_CLOEXEC : O_RDONLY);
        if (fd < 0) return false;
        try
        {
            return FSync(fd) == 0;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
