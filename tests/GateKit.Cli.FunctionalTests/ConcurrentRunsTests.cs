using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// Concurrent writers lose nothing (issue 20, kind 6): parallel runs into one state folder each get
/// their own run id and folder, every index and history line survives whole, and "latest" never moves
/// back to an older run.
/// </summary>
public sealed class ConcurrentRunsTests : IDisposable
{
    private const int Processes = 8;
    private const int Rounds = 20;
    private const int StartLength = 19; // yyyyMMddTHHmmssfffZ
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string[] Lines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];

    [Fact]
    public async Task Eight_parallel_runs_for_twenty_rounds_keep_every_run_line_and_the_newest_latest()
    {
        // What is under test is the state folder, not the gates: one condition on a one-line report makes each of
        // the 160 processes about a third cheaper than the quickstart's schema-validated artifacts (bench/README.md).
        _temp.Write("sample/data/cases.jsonl", "{\"passed\":true}\n");
        _temp.Write("sample/gatekit.json", Configs.Quality("""{ "id": "pass_rate", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 0.9, "severity": "P0" }"""));
        var sample = _temp.Combine("sample");
        var state = _temp.Combine("state");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 1; round <= Rounds; round++)
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, Processes)
                .Select(_ => Task.Run(() => GateKitProcess.Run(sample, "run", "--out", state, "--format", "json"))));
            foreach (var run in runs)
            {
                Assert.True(run.ExitCode == 0, $"round {round}: exit {run.ExitCode}: {run.StdErr}");
                var id = JsonDocument.Parse(run.StdOut).RootElement.GetProperty("runId").GetString()!;
                Assert.True(ids.Add(id), $"round {round}: run id {id} was given twice");
            }

            var folders = Directory.GetDirectories(Path.Combine(state, "runs")).Select(Path.GetFileName).ToHashSet();
            Assert.Subset(folders!, ids);
            var index = Lines(Path.Combine(state, "index.jsonl"));
            Assert.Equal(ids.Count, index.Length);
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal),
                index.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("runId").GetString()!).Order(StringComparer.Ordinal));
            foreach (var history in Directory.GetFiles(Path.Combine(state, "history")))
            {
                var lines = Lines(history);
                Assert.Equal(ids.Count, lines.Length);
                Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
            }
            // Run ids begin with their start time: "latest" names one of the last started.
            var latest = File.ReadAllText(Path.Combine(state, "latest")).Trim();
            Assert.Contains(latest, ids);
            Assert.Equal(ids.Max(StringComparer.Ordinal)![..StartLength], latest[..StartLength]);
        }
    }
}
