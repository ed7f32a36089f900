using System.Text;

namespace GateKit.Output;

/// <summary>
/// Append-only JSONL files (history, run index): each line goes out in one write and is flushed to
/// disk; a torn last line left by a crash never swallows the next one.
/// </summary>
public static class JsonLines
{
    public static void Append(string path, byte[] line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var bytes = new byte[line.Length + 2];
        var offset = 0;
        if (stream.Length > 0 && LastByte(path) != '\n') bytes[offset++] = (byte)'\n';
        line.CopyTo(bytes, offset);
        bytes[offset + line.Length] = (byte)'\n';
        stream.Write(bytes, 0, offset + line.Length + 1);
        stream.Flush(flushToDisk: true);
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
