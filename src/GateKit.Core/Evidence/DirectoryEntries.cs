using System.IO.Enumeration;
using System.Runtime.InteropServices;
using static GateKit.Native.Libc;

namespace GateKit.Evidence;

/// <summary>What a directory entry is, as far as a pack cares.</summary>
internal enum EntryType { File, Directory, Link }

/// <summary>
/// A folder's entries with their types. On Linux the type comes from the directory listing itself
/// (readdir's d_type), so listing a pack of 10,000 files costs a few system calls per folder instead of
/// one per file (.NET reads an entry's link flag with lstat). Entries whose type the file system does
/// not report, and other systems, go through .NET. A folder that cannot be read is skipped, as .NET's
/// enumeration does by default; its files are then reported missing.
/// </summary>
internal static class DirectoryEntries
{
    public static List<(string Name, EntryType Type)> List(string directory)
    {
        if (!OperatingSystem.IsLinux()) return ListPortable(directory);
        var entries = new List<(string, EntryType)>();
        var dir = OpenDir(directory);
        if (dir == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is EACCES or EPERM) return entries;
            throw new IOException($"'{directory}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        try
        {
            IntPtr entry;
            while ((entry = ReadDir(dir)) != IntPtr.Zero)
            {
                var name = Marshal.PtrToStringUTF8(entry + DirentNameOffset)!;
                if (name is "." or "..") continue;
                var type = Marshal.ReadByte(entry, DirentTypeOffset) switch
                {
                    DT_LNK => EntryType.Link,
                    DT_DIR => EntryType.Directory,
                    DT_UNKNOWN => TypeOf(new FileInfo(Path.Join(directory, name))),
                    _ => EntryType.File,
                };
                entries.Add((name, type));
            }
        }
        finally
        {
            _ = CloseDir(dir);
        }
        return entries;
    }

    /// <summary>The same through .NET's enumeration (one lstat per entry): other systems, and the reference in tests.</summary>
    internal static List<(string Name, EntryType Type)> ListPortable(string directory) =>
    [
        .. new FileSystemEnumerable<(string, EntryType)>(directory,
            (ref FileSystemEntry e) => (e.FileName.ToString(),
                (e.Attributes & FileAttributes.ReparsePoint) != 0 ? EntryType.Link : e.IsDirectory ? EntryType.Directory : EntryType.File),
            new EnumerationOptions { AttributesToSkip = 0 }),
    ];

    private static EntryType TypeOf(FileSystemInfo info) =>
        info.LinkTarget is not null ? EntryType.Link : (info.Attributes & FileAttributes.Directory) != 0 ? EntryType.Directory : EntryType.File;
}
