using GateKit.Config;
using GateKit.Decisions;
using GateKit.Tests.Support;

namespace GateKit.Tests.Decisions;

public sealed class DecisionStoreTests : IDisposable
{
    private readonly TempFolder _state = new();

    public void Dispose() => _state.Dispose();

    private static DecisionRecord Record(string id, string by) =>
        new(1, id, "r1", Verdict.Reject, by, "race", null, false, [], null, "2026-12-01T00:00:00.000Z", new string('0', 64));

    [Fact]
    public void Of_writers_racing_for_one_slot_exactly_one_wins_and_its_record_is_the_one_kept()
    {
        var store = new DecisionStore(_state.Path);
        for (var round = 1; round <= 200; round++)
        {
            var id = $"r1-d{round:000}";
            using var start = new Barrier(4);
            var outcomes = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
            {
                start.SignalAndWait();
                try { store.Save(Record(id, $"w{w}")); return $"w{w}"; }
                catch (UsageException) { return null; }
            })).ToArray();
            var winners = outcomes.Select(t => t.Result).OfType<string>().ToList();
            Assert.Single(winners);
            var kept = store.For("r1");
            Assert.Equal(round, kept.Count);
            Assert.Equal(winners[0], kept[^1].By);
        }
    }

    /// <summary>A decision record that is torn, hand-edited or of another shape: invalid input naming the file and where.</summary>
    [Theory]
    [InlineData("{\"schemaVersion\": 1, \"decisionId\": \"r1-d0", "$.decisionId", 1, "not a GateKit decision record")]
    [InlineData("", "$", 1, "not a GateKit decision record")]
    [InlineData("null", "$", null, "expected a GateKit decision record, found null")]
    [InlineData("[1]", "$", 1, "not a GateKit decision record")]
    [InlineData("{\"by\": \"a\",\n \"by\": \"b\"}", "$.by", 2, "duplicate")]
    [InlineData("{\"verdict\": \"maybe\"}", "$.verdict", 1, "not a GateKit decision record")]
    public void A_malformed_decision_record_is_invalid_input_naming_the_file_and_position(string content, string jsonPath, int? line, string problem)
    {
        var path = _state.Write("decisions/r1/001.json", content);
        var error = Assert.Throws<ConfigException>(() => new DecisionStore(_state.Path).For("r1")).Errors.Single();
        Assert.Equal(path, error.File);
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem);
    }
}
