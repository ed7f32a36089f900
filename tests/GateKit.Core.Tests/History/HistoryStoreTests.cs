using GateKit.History;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.History;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly TempFolder _state = new();

    public void Dispose() => _state.Dispose();

    private static HistoryRecord Record(string id, double value) =>
        new(1, id, "2026-11-23T00:00:00.000Z", "quality", "dev", GateStatus.Pass, new SortedDictionary<string, double> { ["m"] = value });

    [Fact]
    public void Appended_records_read_back_in_order()
    {
        var store = new HistoryStore(_state.Path);
        store.Append(Record("a", 1));
        store.Append(Record("b", 2.5));
        var read = store.Read("quality");
        Assert.Equal(["a", "b"], read.Records.Select(r => r.RunId));
        Assert.Equal(2.5, read.Records[1].Metrics["m"]);
        Assert.Equal(0, read.SkippedLines);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_and_the_next_append_starts_a_fresh_line()
    {
        var store = new HistoryStore(_state.Path);
        store.Append(Record("a", 1));
        File.AppendAllText(store.PathOf("quality"), "{\"schemaVersion\":1,\"runId\":\"torn");
        Assert.Equal((1, 1), (store.Read("quality").Records.Count, store.Read("quality").SkippedLines));

        store.Append(Record("c", 3));
        var read = store.Read("quality");
        Assert.Equal(["a", "c"], read.Records.Select(r => r.RunId));
        Assert.Equal(1, read.SkippedLines);
    }

    [Fact]
    public void Export_is_flat_rfc4180_csv_and_canonical_json()
    {
        var records = new[]
        {
            Record("a", 1),
            new HistoryRecord(1, "b", "2026-11-24T00:00:00.000Z", "quality", "=cmd|' /C calc'!A0", GateStatus.Warn,
                new SortedDictionary<string, double> { ["m"] = -0.5, ["z,comma"] = 1e21 }),
        };
        var csv = HistoryExport.ToCsv(records);
        Assert.Equal(
            "runId,timestamp,gate,profile,status,m,\"z,comma\"\r\n" +
            "a,2026-11-23T00:00:00.000Z,quality,dev,pass,1,\r\n" +
            "b,2026-11-24T00:00:00.000Z,quality,'=cmd|' /C calc'!A0,warn,-0.5,1e+21\r\n", csv);

        var json = System.Text.Encoding.UTF8.GetString(HistoryExport.ToJson(records));
        Assert.StartsWith("[{\"gate\":\"quality\",\"m\":1,\"profile\":\"dev\",\"runId\":\"a\"", json);
    }
}
