using System.Collections.Concurrent;
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

/// <summary>What a line of a JSONL file turned out to be.</summary>
public enum LineKind
{
    /// <summary>One JSON object; its fields were read.</summary>
    Record,
    /// <summary>Only whitespace.</summary>
    Blank,
    /// <summary>Not one JSON object: <see cref="ScannedLine.Problem"/> says why, at <see cref="ScannedLine.Column"/>.</summary>
    Malformed,
    /// <summary>Longer than the limit; its bytes were not kept.</summary>
    Overlong,
}

/// <summary>One line of a JSONL file, numbered from 1.</summary>
public readonly record struct ScannedLine(long Number, LineKind Kind, LineEnd End, string? Problem = null, int Column = 1);

/// <summary>Receives each line in file order, with the fields read from it (all absent unless a record).</summary>
public delegate void ScannedLineHandler(in ScannedLine line, ReadOnlySpan<FieldValue> values);

/// <summary>
/// Reads a JSONL file in one pass and reads the fields of every line with <see cref="LineFields"/>.
/// Lines are parsed in parallel, in batches of whole lines, and handed to the caller strictly in file
/// order, so the result does not depend on scheduling. Memory is bounded by the batches in flight, not
/// by the file's length nor a line's (a line longer than the limit is reported and skipped). The
/// SHA-256 of every byte is computed on the way, so the result can name the input as it was read.
/// </summary>
public static class JsonlScanner
{
    private const int ChunkBytes = 256 * 1024;

    public static InputDigest Scan(string fullPath, string relativePath, int maxLineBytes, LineFields fields, ScannedLineHandler onLine,
        CancellationToken cancellationToken) =>
        Scan(fullPath, relativePath, maxLineBytes, fields, onLine, ChunkBytes, cancellationToken);

    /// <summary>As above, with batches of <paramref name="chunkBytes"/>: tests make them tiny to cross many boundaries.</summary>
    internal static InputDigest Scan(string fullPath, string relativePath, int maxLineBytes, LineFields fields, ScannedLineHandler onLine,
        int chunkBytes, CancellationToken cancellationToken)
    {
        var parsers = new ConcurrentBag<LineFields> { fields };
        // One batch per core being parsed and one being read: more would only queue (and grow the pool).
        var maxInFlight = Math.Clamp(Environment.ProcessorCount, 1, 8) + 1;
        var inFlight = new Queue<(Batch Batch, Task Parsed)>();
        var free = new Stack<Batch>();
        long nextLine = 1;

        void Deliver()
        {
            var (batch, parsed) = inFlight.Dequeue();
            parsed.GetAwaiter().GetResult();
            batch.Deliver(ref nextLine, fields.Count, onLine);
            if (!batch.IsOverlongMarker) free.Push(batch);
        }
        void Submit(Batch batch)
        {
            inFlight.Enqueue((batch, batch.IsOverlongMarker ? Task.CompletedTask : Task.Run(() =>
            {
                var parser = parsers.TryTake(out var p) ? p : fields.Clone();
                try { batch.Parse(parser, maxLineBytes); }
                finally { parsers.Add(parser); }
            }, cancellationToken)));
            while (inFlight.Count >= maxInFlight) Deliver();
        }
        Batch Rent(int capacity)
        {
            var batch = free.Count > 0 ? free.Pop() : new Batch();
            batch.Reset(Math.Max(capacity, chunkBytes));
            return batch;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            using var stream = Inputs.InputReader.OpenStream(fullPath);
            var current = Rent(chunkBytes);
            var skipping = false; // inside an overlong line, discarding until its newline
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (current.Filled == current.Buffer.Length)
                {
                    // Full without a newline: one line as long as the buffer.
                    if (current.Filled > maxLineBytes)
                    {
                        skipping = true;
                        current.Filled = 0;
                    }
                    else current.Grow(Math.Min(2 * current.Buffer.Length, maxLineBytes + 1));
                }
                var read = stream.Read(current.Buffer, current.Filled, current.Buffer.Length - current.Filled);
                if (read == 0) break;
                hash.AppendData(current.Buffer, current.Filled, read);
                size += read;
                current.Filled += read;
                if (skipping)
                {
                    var newline = current.Buffer.AsSpan(current.Filled - read, read).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        current.Filled = 0;
                        continue;
                    }
                    current.DropThrough(current.Filled - read + newline);
                    skipping = false;
                    Submit(Batch.OverlongMarker(LineEnd.Newline));
                }
                if (current.Filled < current.Buffer.Length) continue;
                var cut = current.Buffer.AsSpan(0, current.Filled).LastIndexOf((byte)'\n');
                if (cut < 0) continue;
                var tail = current.Filled - cut - 1;
                var next = Rent(tail + 1);
                current.Buffer.AsSpan(cut + 1, tail).CopyTo(next.Buffer);
                next.Filled = tail;
                current.Filled = cut + 1;
                Submit(current);
                current = next;
            }
            if (skipping) Submit(Batch.OverlongMarker(LineEnd.EndOfFile));
            else if (current.Filled > 0) Submit(current);
            while (inFlight.Count > 0) Deliver();
        }
        finally
        {
            // On an error, let the parsers still running finish before their batches go away.
            foreach (var (_, parsed) in inFlight) parsed.ContinueWith(static _ => { }, TaskScheduler.Default).Wait(CancellationToken.None);
        }
        return new InputDigest(relativePath, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>Whole lines of the file (the last one may lack its newline), and what they held once parsed.</summary>
    private sealed class Batch
    {
        public byte[] Buffer = [];
        public int Filled;
        public bool IsOverlongMarker { get; private set; }

        private int count;
        private LineKind[] kinds = [];
        private LineEnd lastEnd;
        private FieldValue[] values = [];
        private readonly Dictionary<int, (string Problem, int Column)> problems = [];

        /// <summary>Stands for a line too long to keep, skipped by the reader up to how it ended.</summary>
        public static Batch OverlongMarker(LineEnd end) => new() { IsOverlongMarker = true, count = 1, kinds = [LineKind.Overlong], lastEnd = end };

        public void Reset(int capacity)
        {
            if (Buffer.Length < capacity) Buffer = new byte[capacity];
            Filled = 0;
            count = 0;
            problems.Clear();
        }

        public void Grow(int capacity)
        {
            var larger = new byte[capacity];
            Buffer.AsSpan(0, Filled).CopyTo(larger);
            Buffer = larger;
        }

        /// <summary>Discards the bytes up to and including <paramref name="index"/>.</summary>
        public void DropThrough(int index)
        {
            Buffer.AsSpan(index + 1, Filled - index - 1).CopyTo(Buffer);
            Filled -= index + 1;
        }

        public void Parse(LineFields parser, int maxLineBytes)
        {
            var width = parser.Count;
            var bytes = Buffer.AsSpan(0, Filled);
            var start = 0;
            while (start < bytes.Length)
            {
                var newline = bytes[start..].IndexOf((byte)'\n');
                var end = newline < 0 ? bytes.Length : start + newline;
                if (count == kinds.Length)
                {
                    Array.Resize(ref kinds, Math.Max(1024, 2 * count));
                    Array.Resize(ref values, kinds.Length * width);
                }
                var slots = values.AsSpan(count * width, width);
                lastEnd = newline < 0 ? LineEnd.EndOfFile : LineEnd.Newline;
                if (end - start > maxLineBytes)
                {
                    kinds[count] = LineKind.Overlong;
                    slots.Clear();
                }
                else if (!parser.TryRead(bytes[start..end], slots, out var blank, out var problem, out var column))
                {
                    kinds[count] = LineKind.Malformed;
                    problems[count] = (problem, column);
                    slots.Clear(); // what was read before the error is not a record's
                }
                else kinds[count] = blank ? LineKind.Blank : LineKind.Record;
                count++;
                start = end + 1;
            }
        }

        public void Deliver(ref long nextLine, int width, ScannedLineHandler onLine)
        {
            for (var i = 0; i < count; i++)
            {
                var end = i == count - 1 ? lastEnd : LineEnd.Newline;
                var line = problems.TryGetValue(i, out var p)
                    ? new ScannedLine(nextLine++, kinds[i], end, p.Problem, p.Column)
                    : new ScannedLine(nextLine++, kinds[i], end);
                onLine(line, kinds[i] == LineKind.Overlong ? default : values.AsSpan(i * width, width));
            }
        }
    }
}
