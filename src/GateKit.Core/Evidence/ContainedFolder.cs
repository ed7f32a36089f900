using System.Runtime.InteropServices;
using static GateKit.Native.Libc;

namespace GateKit.Evidence;

/// <summary>
/// A folder held open so that files under it are opened by their path relative to it, never through a
/// symbolic link and never outside it (Linux openat2 with RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH): a
/// folder swapped for a link after a pack was listed is refused instead of followed, and the kernel
/// walks the few segments inside the pack instead of the whole absolute path. Where openat2 is not
/// there (other systems, kernels before 5.6, sandboxes that forbid it) files are opened by full path.
/// </summary>
internal sealed class ContainedFolder : IDisposable
{
    private int fd;

    private ContainedFolder(string path, int fd)
    {
        FullPath = path;
        this.fd = fd;
    }

    public string FullPath { get; }

    /// <summary>Whether files are opened with openat2 (false: by full path).</summary>
    public bool Contained => Volatile.Read(ref fd) >= 0;

    /// <param name="useOpenAt2">false opens by full path, as on systems without openat2 (for tests).</param>
    public static ContainedFolder Open(string path, bool useOpenAt2 = true)
    {
        var fd = useOpenAt2 && OperatingSystem.IsLinux() ? Native.Libc.Open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
        return new ContainedFolder(path, fd);
    }

    /// <summary>The full path of a file under the folder, for messages and the fallback.</summary>
    public string PathOf(string relative) => Path.Join(FullPath, relative);

    /// <summary>
    /// Linux: the descriptor of the regular file at <paramref name="relative"/> ('/'-separated), which the
    /// caller closes, and its length. A path through a link or out of the folder is an IOException naming it.
    /// </summary>
    public (int Fd, long Length) OpenFile(string relative, long sequentialAbove)
    {
        var folder = Volatile.Read(ref fd);
        if (folder < 0) return RegularFile.OpenDescriptor(PathOf(relative), sequentialAbove);
        var how = new OpenHow { Flags = (ulong)(O_RDONLY | O_NONBLOCK | O_CLOEXEC), Resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH };
        var opened = OpenAt2(SYS_openat2, folder, relative, ref how, (nuint)Marshal.SizeOf<OpenHow>());
        if (opened >= 0) return RegularFile.Checked((int)opened, PathOf(relative), sequentialAbove);
        var errno = Marshal.GetLastPInvokeError();
        switch (errno)
        {
            case ELOOP:
            case EXDEV:
                throw new IOException($"'{PathOf(relative)}' leads through a symbolic link or out of {FullPath}; it was not read");
            case ENOSYS:
            case EPERM:
                // No openat2 here (an old kernel, or a sandbox that forbids the call): by full path from now on.
                var file = RegularFile.OpenDescriptor(PathOf(relative), sequentialAbove);
                StopUsingOpenAt2(folder);
                return file;
            default:
                throw RegularFile.Failure(PathOf(relative), errno);
        }
    }

    private void StopUsingOpenAt2(int folder)
    {
        if (Interlocked.CompareExchange(ref fd, -1, folder) == folder) _ = Close(folder);
    }

    public void Dispose()
    {
        var folder = Interlocked.Exchange(ref fd, -1);
        if (folder >= 0) _ = Close(folder);
    }
}
