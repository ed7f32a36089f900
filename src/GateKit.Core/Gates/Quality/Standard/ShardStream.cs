using System.Security.Cryptography;
using GateKit.Inputs;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// A read-only stream over one report shard that hashes every byte it passes on and refuses to pass
/// more than a limit (<see cref="InputTooLargeException"/>), so a reader streams a report of any size in
/// bounded memory and still names the exact input it read.
/// </summary>
public sealed class ShardStream : Stream
{
    private readonly Stream inner;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ReportSource source;
    private readonly long limit;
    private readonly string limitName;
    private long bytesRead;

    private ShardStream(Stream inner, ReportSource source, long limit, string limitName)
    {
        this.inner = inner;
        this.source = source;
        this.limit = limit;
        this.limitName = limitName;
    }

    /// <summary>Opens <paramref name="source"/> through <see cref="InputReader.OpenStream"/> (regular files only); a file already longer than the limit is refused at once.</summary>
    public static ShardStream Open(ReportSource source, long limit, string limitName)
    {
        var inner = InputReader.OpenStream(source.FullPath);
        if (inner.Length > limit)
        {
            inner.Dispose();
            throw new InputTooLargeException(source.RelativePath, limit, limitName);
        }
        return new ShardStream(new BufferedStream(inner, 64 * 1024), source, limit, limitName);
    }

    /// <summary>Reads what the reader left unread (hashing it, within the limit) and returns the shard's digest.</summary>
    public InputDigest Digest()
    {
        var buffer = new byte[64 * 1024];
        while (Read(buffer, 0, buffer.Length) > 0) { }
        return new InputDigest(source.RelativePath, Convert.ToHexStringLower(hash.GetHashAndReset()), bytesRead);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        bytesRead += n;
        // The file may grow after it was opened: the limit holds on the bytes actually read.
        if (bytesRead > limit) throw new InputTooLargeException(source.RelativePath, limit, limitName);
        hash.AppendData(buffer[..n]);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => bytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
