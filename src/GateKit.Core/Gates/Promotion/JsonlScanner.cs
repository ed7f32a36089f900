using System.Buffers;
using System.Security.Cryptography;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>How a line of a JSONL file ended.</summary>
public enum LineEnd
{
    /// <summary>Terminated by a newline.</summary>
    Newline,
    /// <summary>The file's last line, without a newline: possibly torn by a writer still appending.</summary>
    EndOfFile,
}

/// <summary>Receives each line of a JSONL file (without its newline), numbered from 1.</summary>
public delegate void LineHandler(ReadOnlySpan<byte> line, long number, LineEnd end);

/// <summary>Receives the number of a line longer than the limit; its bytes were not kept.</summary>
public delegate void OverlongHandler(long number);

/// <summary>
/// Reads a JSONL file in one pass with a fixed buffer: memory does not grow with the file's length,
/// nor with a line's (a line longer than the limit is reported and skipped). The SHA-256 of every byte
/// is computed on the way, so the result can name the input as it was read.
/// </summary>
public static class JsonlScanner
{
    private const int ChunkBytes = 1 << 20;

    public static InputDigest Scan(string fullPath, string relativePath, int maxLineBytes, LineHandler onLine, OverlongHandler onOverlong,
        CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes + maxLineBytes);
        long size = 0, lineNumber = 1;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var filled = 0;      // bytes of buffer in use; buffer[0..filled) is the start of an unfinished line
            var skipping = false; // inside an overlong line, discarding until its newline
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(buffer, filled, Math.Min(ChunkBytes, buffer.Length - filled));
                if (read == 0) break;
                hash.AppendData(buffer, filled, read);
                size += read;
                var start = 0;
                var searchFrom = filled;
                filled += read;
                while (true)
                {
                    var newline = buffer.AsSpan(searchFrom, filled - searchFrom).IndexOf((byte)'\n');
                    if (newline < 0) break;
                    var end = searchFrom + newline;
                    if (skipping) skipping = false;
                    else if (end - start > maxLineBytes) onOverlong(lineNumber);
                    else onLine(buffer.AsSpan(start, end - start), lineNumber, LineEnd.Newline);
                    lineNumber++;
                    start = searchFrom = end + 1;
                }
                var pending = filled - start;
                if (skipping || pending > maxLineBytes)
                {
                    if (!skipping) onOverlong(lineNumber);
                    skipping = true;
                    filled = 0;
                    continue;
                }
                if (start > 0) Buffer.BlockCopy(buffer, start, buffer, 0, pending);
                filled = pending;
            }
            if (filled > 0 && !skipping) onLine(buffer.AsSpan(0, filled), lineNumber, LineEnd.EndOfFile);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new InputDigest(relativePath, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }
}
