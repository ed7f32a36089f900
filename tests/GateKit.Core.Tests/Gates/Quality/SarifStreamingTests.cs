using System.Text;
using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Standard;
using GateKit.Results;
using GateKit.Tests.Support;
using static GateKit.Tests.Gates.Quality.StandardReports;

namespace GateKit.Tests.Gates.Quality;

/// <summary>
/// A large SARIF log (generated here, tens of MB, never committed) is streamed: what the reading holds is bounded by the rules and
/// the kept items, not by the results, and the counts, the listed findings and the "more not listed" count are exact.
/// </summary>
public sealed class SarifStreamingTests : IDisposable
{
    private const int Results = 60_000;
    private const int Rules = 7;
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>A Roslyn-shaped log (results before tool): result i has rule CA(i mod 7), level error for every third, else warning.</summary>
    private static void WriteLog(string path, int results, string tail = "")
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("{\n  \"$schema\": \"http://json.schemastore.org/sarif-2.1.0\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"results\": [\n");
        for (var i = 0; i < results; i++)
        {
            if (i > 0) writer.Write(",\n");
            writer.Write($$"""
                        {
                          "ruleId": "CA{{i % Rules}}",
                          "ruleIndex": {{i % Rules}},
                          "level": "{{(i % 3 == 0 ? "error" : "warning")}}",
                          "message": { "text": "Result number {{i}} says something about the code at this place, as analyzers do" },
                          "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///src/project/File{{i % 500}}.cs" },
                            "region": { "startLine": {{i / 500 + 1}}, "startColumn": 9, "endLine": {{i / 500 + 1}}, "endColumn": 20 } } } ],
                          "properties": { "warningLevel": 1 }
                        }
                """);
        }
        writer.Write("\n      ],\n      \"tool\": { \"driver\": { \"name\": \"gen\", \"rules\": [");
        writer.Write(string.Join(", ", Enumerable.Range(0, Rules).Select(r => $"{{ \"id\": \"CA{r}\" }}")));
        writer.Write("] } }\n    }\n  ]" + tail + "\n}\n");
    }

    [Fact]
    public void A_large_log_is_counted_exactly_holding_a_bounded_number_of_items()
    {
        WriteLog(_root.Combine("big.sarif"), Results);
        Assert.True(new FileInfo(_root.Combine("big.sarif")).Length > 20_000_000);
        var reading = new SarifReader().Read([new ReportSource("big.sarif", _root.Combine("big.sarif"))], new ReadContext("r", long.MaxValue), CancellationToken.None);
        Assert.Empty(reading.Findings);
        Assert.Equal(Results / 3, reading.Metrics[SarifReader.Error]);
        Assert.Equal(Results - Results / 3, reading.Metrics[SarifReader.Warning]);
        Assert.Equal(Results / Rules + (Results % Rules > 0 ? 1 : 0), reading.Metrics["sarif.rule.CA0"]);
        // Each item is kept for a metric that has fewer than the cap: at most cap × (levels + rules) items.
        Assert.InRange(reading.Items.Count, SarifTally.ItemsKeptPerMetric, SarifTally.ItemsKeptPerMetric * (2 + Rules));
        foreach (var (metric, value) in reading.Metrics)
            Assert.Equal(value, reading.Items.Count(i => i.Metrics.Contains(metric)) + reading.Unlisted!.GetValueOrDefault(metric));
    }

    [Fact]
    public void A_violated_condition_on_a_large_log_lists_fifty_and_counts_the_rest()
    {
        WriteLog(_root.Combine("big.sarif"), Results);
        var outcome = Evaluate(_root.Path, ConfigFor("sarif", "big.sarif", Condition(SarifReader.Error, "<=", "0", "P1")));
        Assert.Equal(QualityGate.ItemsPerCondition, outcome.Findings.Count(f => f.Code == QualityCodes.SarifResult && f.Message.StartsWith("CA")));
        Assert.Contains(outcome.Findings, f => f.Message == $"c: {Results / 3 - QualityGate.ItemsPerCondition} more not listed");
    }

    [Theory]
    [InlineData(",\n  \"extra\": [1, 2,]", "not valid JSON")]
    [InlineData(",\n  \"runs\": []", "duplicate property 'runs'")]
    [InlineData(",\n  \"comment\": \"\\ud800\"", "does not decode")]
    public void A_problem_at_the_end_of_a_large_log_is_a_P0_at_its_line_and_adds_no_result(string tail, string problem)
    {
        WriteLog(_root.Combine("big.sarif"), 2_000, tail);
        var lines = File.ReadAllLines(_root.Combine("big.sarif"));
        var expectedLine = lines.Length - 1;
        var outcome = Evaluate(_root.Path, ConfigFor("sarif", "big.sarif", Condition(SarifReader.Error)));
        var malformed = Assert.Single(outcome.Findings, f => f.Priority == Priority.P0);
        Assert.Equal((QualityCodes.ReportMalformed, "big.sarif", expectedLine), (malformed.Code, malformed.Location!.File, malformed.Location.Line));
        Assert.Contains(problem, malformed.Message);
        Assert.False(outcome.Metrics.ContainsKey("c"));
    }
}
