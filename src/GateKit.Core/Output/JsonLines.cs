using System.Runtime.InteropServices;
using System.Text;
using GateKit.Evidence;
using GateKit.Native;

namespace GateKit.Output;

/// <summary>
/// Append-only JSONL files (history, run index, ledger): each line goes out in one write and is flushed
/// to disk; a torn last line left by a crash never swallows the next one. On Linux the file is opened
/// with O_APPEND, so the kernel puts each write at the end as it is then: processes appending at once
/// never overwrite each other's lines. (.NET's FileMode.Append only seeks to the end once, at open
/// time, and writes at that offset: with 8 parallel runs, lines were lost.)
/// </summary>
public static class JsonLines
{
    public static void Append(string path, byte[] line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[line.Length + 2];
        var offset = 0;
        if (File.Exists(path) && new FileInfo(path).Length > 0 && LastByte(path) != '\n') bytes[offset++] = (byte)'\n';
        line.CopyTo(bytes, offset);
        bytes[offset + line.Length] = (byte)'\n';
        var length = offset + line.Length + 1;
        if (OperatingSystem.IsLinux())
        {
            AppendLinux(path, bytes.AsSpan(0, length));
            return;
        }
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(bytes, 0, length);
        stream.Flush(flushToDisk: true);
    }

    private static void AppendLinux(string path, ReadOnlySpan<byte> bytes)
    {
        var fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_APPEND | Libc.O_CREAT | Libc.O_CLOEXEC, 0b110_110_110);
        if (fd < 0) throw RegularFile.Failure(path, Marshal.GetLastPInvokeError());
        try
        {
            while (!bytes.IsEmpty)
            {
                var written = Libc.Write(fd, ref MemoryMarshal.GetReference(bytes), (nuint)bytes.Length);
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EINTR) continue;
                    throw RegularFile.Failure(path, errno);
                }
                bytes = bytes[(int)written..];
            }
            if (Libc.FSync(fd) != 0) throw RegularFile.Failure(path, Marshal.GetLastPInvokeError());
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }

    /// <summary>The non-blank lines of the file; none when it does not exist.</summary>
    public static IEnumerable<string> Read(string path) =>
        File.Exists(path) ? Lines(path).Where(l => !string.IsNullOrWhiteSpace(l)) : [];

    private static IEnumerable<string> Lines(string path)
    {
        using var reader = new StreamReader(Inputs.InputReader.OpenStream(path), Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static int LastByte(string path)
    {
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reader.Seek(-1, SeekOrigin.End);
        return reader.ReadByte();
    }
}
