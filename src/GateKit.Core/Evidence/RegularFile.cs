using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using GateKit.Native;
using static GateKit.Native.Libc;

namespace GateKit.Evidence;

/// <summary>
/// Opens a file for reading only when it is a regular file. Opening a named pipe blocks until a writer
/// appears, so a FIFO planted in an input tree or a pack would hang the CI job that packs or verifies
/// it. On Linux the file is opened without blocking and its type is read from the open descriptor, so
/// nothing can be swapped in between the check and the read. Elsewhere .NET's open is used as it is.
/// </summary>
internal static class RegularFile
{
    /// <summary>A regular file's handle; a large one is announced as read from start to end.</summary>
    public static SafeFileHandle OpenRead(string path, long sequentialAbove) =>
        OperatingSystem.IsLinux()
            ? new SafeFileHandle(OpenDescriptor(path, sequentialAbove).Fd, ownsHandle: true)
            : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);

    /// <summary>Linux: the open descriptor of a regular file, which the caller closes, and its length when opened.</summary>
    public static (int Fd, long Length) OpenDescriptor(string path, long sequentialAbove)
    {
        var fd = Open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) throw Failure(path, Marshal.GetLastPInvokeError());
        return Checked(fd, path, sequentialAbove);
    }

    /// <summary>
    /// Linux: <paramref name="fd"/> and its length when it is a regular file (closed and refused
    /// otherwise). The sequential-read hint is one more system call: it only pays for a file longer than
    /// <paramref name="sequentialAbove"/> (a read buffer); on a tree of many small files it would be a
    /// tenth of the calls.
    /// </summary>
    public static (int Fd, long Length) Checked(int fd, string path, long sequentialAbove)
    {
        try
        {
            Span<byte> status = stackalloc byte[StatxSize];
            if (Statx(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, ref MemoryMarshal.GetReference(status)) != 0)
                throw Failure(path, Marshal.GetLastPInvokeError());
            var mode = MemoryMarshal.Read<ushort>(status[StatxModeOffset..]);
            if ((mode & S_IFMT) != S_IFREG)
                throw new IOException($"'{path}' is not a regular file (a folder, pipe, socket or device); it was not read");
            var length = MemoryMarshal.Read<long>(status[StatxSizeOffset..]);
            if (length > sequentialAbove) _ = FAdvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
            return (fd, length);
        }
        catch
        {
            _ = Close(fd);
            throw;
        }
    }

    /// <summary>Linux: the next bytes of an open descriptor (0 at its end; -errno on failure), retried when a signal interrupts the call.</summary>
    public static int Read(int fd, Span<byte> buffer)
    {
        while (true)
        {
            var read = Libc.Read(fd, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            if (read >= 0) return (int)read;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) return -errno;
        }
    }

    public static Exception Failure(string path, int errno)
    {
        var message = $"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno switch
        {
            ENOENT or ENOTDIR => new FileNotFoundException(message, path),
            EACCES or EPERM => new UnauthorizedAccessException(message),
            _ => new IOException(message),
        };
    }
}
