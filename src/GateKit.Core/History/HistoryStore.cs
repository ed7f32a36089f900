using System.Text.Json;
using GateKit.Output;

namespace GateKit.History;

/// <summary>What was read from a history file, and how many lines could not be.</summary>
public sealed record HistoryRead(IReadOnlyList<HistoryRecord> Records, int SkippedLines);

/// <summary>
/// history/&lt;gate&gt;.jsonl under the state folder: one line per run, appended, never rewritten.
/// A torn last line (a crash mid-append) or a line edited by hand is skipped when reading, and counted.
/// </summary>
public sealed class HistoryStore(string stateDirectory)
{
    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), "history");

    public string PathOf(string gate) => Path.Combine(Directory, gate + ".jsonl");

    public HistoryRead Read(string gate)
    {
        var records = new List<HistoryRecord>();
        var skipped = 0;
        foreach (var line in JsonLines.Read(PathOf(gate)))
        {
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

    public void Append(HistoryRecord record) =>
        JsonLines.Append(PathOf(record.Gate), CanonicalJson.Serialize(record, ResultJsonContext.Default.HistoryRecord));
}
