using static GateKit.Native.Libc;

namespace GateKit.Output;

/// <summary>
/// Writes a file so that readers see the old content or the new, never a torn one: the bytes go to
/// a temporary file beside the target, are flushed to disk, and the temporary file is renamed over it.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, Leftovers.Name(Path.GetFileName(path), Leftovers.TempSuffix));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
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
