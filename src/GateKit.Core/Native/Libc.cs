using System.Runtime.InteropServices;

namespace GateKit.Native;

/// <summary>
/// The few C library calls .NET does not expose (open without blocking or below a folder without
/// following links, fsync of a folder, a folder listing with entry types), in one place, with
/// source-generated marshalling. Linux constants: the generic (asm-generic) values, the same on every
/// architecture .NET runs on, except where a table below chooses by <see cref="RuntimeInformation.ProcessArchitecture"/>.
/// A test compiles a C program against the system's headers and compares every value (LibcConstantsTests).
/// </summary>
internal static partial class Libc
{
    public const int O_RDONLY = 0, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    /// <summary>
    /// O_DIRECTORY is 0200000 on x86, x86-64, s390x, RISC-V and LoongArch but 040000 on ARM, ARM64 and
    /// PowerPC, where 0200000 means O_DIRECT: the x86-64 value there would open a folder for direct I/O
    /// instead of refusing anything but a folder.
    /// </summary>
    public static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm or Architecture.Armv6 or Architecture.Arm64 or Architecture.Ppc64le => 0x4000,
        _ => 0x10000,
    };

    /// <summary>Appending open (Output/JsonLines.cs): every write lands at the end, whoever else appends.</summary>
    public const int O_WRONLY = 0x1, O_CREAT = 0x40, O_APPEND = 0x400;
    public const int AT_EMPTY_PATH = 0x1000, STATX_TYPE = 0x1, STATX_SIZE = 0x200, StatxModeOffset = 28, StatxSizeOffset = 40, StatxSize = 256;
    public const int S_IFMT = 0xF000, S_IFREG = 0x8000;

    public const int POSIX_FADV_SEQUENTIAL = 2;
    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EACCES = 13, EEXIST = 17, EXDEV = 18, ENOTDIR = 20, ENOSYS = 38, ELOOP = 40;

    /// <summary>openat2(2): the same number on every Linux architecture (it is newer than 424).</summary>
    public const long SYS_openat2 = 437;
    public const ulong RESOLVE_NO_SYMLINKS = 0x04, RESOLVE_BENEATH = 0x08;

    /// <summary>struct open_how.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow
    {
        public ulong Flags, Mode, Resolve;
    }

    /// <summary>struct dirent64: d_type and d_name offsets.</summary>
    public const int DirentTypeOffset = 18, DirentNameOffset = 19;
    public const byte DT_UNKNOWN = 0, DT_DIR = 4, DT_LNK = 10;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    /// <summary>openat2 through syscall(2): glibc has no wrapper for it.</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long OpenAt2(long number, int directoryFd, string path, ref OpenHow how, nuint size);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    /// <summary>link(2): a second name for a file, refused with EEXIST if the name is taken (AtomicFile.TryCreate).</summary>
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string existingPath, string newPath);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ref byte buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, ref byte buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directoryFd, string path, int flags, uint mask, ref byte status);

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    public static partial int FAdvise(int fd, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir64")]
    public static partial IntPtr ReadDir(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    public static partial int CloseDir(IntPtr dir);
}
