using System.Text.Json.Nodes;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.History;

/// <summary>
/// The history as flat records for BI tools: one row per run and gate, fixed columns first, then one
/// column per metric (sorted), blank where a run did not have that metric.
/// </summary>
public static class HistoryExport
{
    private static readonly string[] FixedColumns = ["runId", "timestamp", "gate", "profile", "status"];

    public static string ToCsv(IReadOnlyList<HistoryRecord> records)
    {
        var metrics = MetricColumns(records);
        var rows = records.Select(r => (IReadOnlyList<CsvField>)FixedValues(r).Select(CsvField.Text)
            .Concat(metrics.Select(m => r.Metrics.TryGetValue(m, out var v) ? CsvField.Number(v) : CsvField.Text("")))
            .ToList());
        return CsvWriter.Write(FixedColumns.Concat(metrics).ToList(), rows);
    }

    public static byte[] ToJson(IReadOnlyList<HistoryRecord> records)
    {
        var array = new JsonArray();
        foreach (var r in records)
        {
            var row = new JsonObject();
            var values = FixedValues(r);
            for (var i = 0; i < FixedColumns.Length; i++) row[FixedColumns[i]] = values[i];
            foreach (var (metric, value) in r.Metrics) row[metric] = value;
            array.Add((JsonNode)row); // the node itself: Add<T> would wrap a value (reflection)
        }
        return CanonicalJson.Serialize(System.Text.Json.JsonSerializer.SerializeToElement(array, ResultJsonContext.Default.JsonNode));
    }

    private static List<string> MetricColumns(IReadOnlyList<HistoryRecord> records) =>
        records.SelectMany(r => r.Metrics.Keys).Where(k => !FixedColumns.Contains(k)).Distinct().Order(StringComparer.Ordinal).ToList();

    private static string[] FixedValues(HistoryRecord r) =>
        [r.RunId, r.Timestamp, r.Gate, r.Profile ?? "", r.Status.Name()];
}
