using System.Text;
using System.Text.Json;
using GateKit.Output;

namespace GateKit.History;

/// <summary>What was read from a history file, and how many lines could not be.</summary>
public sealed record HistoryRead(IReadOnlyList<HistoryRecord> Records, int SkippedLines);

/// <summary>
/// history/&lt;gate&gt;.jsonl under the state folder: one line per run, appended, never rewritten.
/// Each line goes out in one write and is flushed; a torn last line (a crash mid-append) or a line
/// edited by hand is skipped when reading, and counted.
/// </summary>
public sealed class HistoryStore(string stateDirectory)
{
    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), "history");

    public string PathOf(string gate) => Path.Combine(Directory, gate + ".jsonl");

    public HistoryRead Read(string gate)
    {
        var path = PathOf(gate);
        if (!File.Exists(path)) return new HistoryRead([], 0);
        var records = new List<HistoryRecord>();
        var skipped = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize(line, ResultJsonContext.Default.HistoryRecord) is { Gate: var g } record && g == gate)
                    records.Add(record);
                else skipped++;
            }
            catch (JsonException) { skipped++; }
        }
        return new HistoryRead(records, skipped);
    }

    public void Append(HistoryRecord record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var line = CanonicalJson.Serialize(record, ResultJsonContext.Default.HistoryRecord);
        var bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        using var stream = new FileStream(PathOf(record.Gate), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        // A torn line left by an earlier crash must not swallow this one: start on a fresh line.
        if (stream.Length > 0 && LastByte(PathOf(record.Gate)) != '\n') stream.WriteByte((byte)'\n');
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static int LastByte(string path)
    {
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reader.Seek(-1, SeekOrigin.End);
        return reader.ReadByte();
    }
}
