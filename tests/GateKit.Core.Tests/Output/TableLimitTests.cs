using System.Text.RegularExpressions;
using GateKit.Output;
using GateKit.Results;
using static GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Output;

/// <summary>
/// Every table of summary.md and report.html that grows with the config or the inputs (thresholds, trends,
/// input files) lists at most <see cref="TableLimit.MaxRows"/> rows and counts the rest in one line: a run of
/// 1,000,000 conditions ended in an OutOfMemoryException building report.html.
/// </summary>
public sealed class TableLimitTests
{
    public enum Table { Thresholds, Trends, Inputs }

    private static RunResult WithRows(Table table, int rows)
    {
        var gate = Gate("quality", GateStatus.Pass, []);
        var keys = Enumerable.Range(0, rows).Select(i => $"m{i:D7}").ToList();
        return Run("r", Decision.Go, table switch
        {
            Table.Thresholds => gate with { Thresholds = keys.Select(k => new ThresholdUse($"quality.{k}", ">=", 0.5, null, "config", Priority.P1)).ToList() },
            Table.Trends => gate with { Trends = keys.Select(k => new Trend(k, [0.5, 0.75], 0.5, 0.25)).ToList() },
            _ => gate with { Inputs = keys.Select(k => new InputDigest($"data/{k}.json", new string('a', 64), 10)).ToList() },
        });
    }

    private static readonly Dictionary<Table, (string Singular, string Plural)> Words = new()
    {
        [Table.Thresholds] = ("threshold", "thresholds"),
        [Table.Trends] = ("trend", "trends"),
        [Table.Inputs] = ("input file", "input files"),
    };

    public static TheoryData<Table, int> Cases()
    {
        var data = new TheoryData<Table, int>();
        foreach (var table in Enum.GetValues<Table>())
            foreach (var rows in new[] { 1, TableLimit.MaxRows, TableLimit.MaxRows + 1, TableLimit.MaxRows + 7 })
                data.Add(table, rows);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_table_lists_at_most_the_limit_and_counts_the_rest_in_both_outputs(Table table, int rows)
    {
        var result = WithRows(table, rows);
        var listed = Math.Min(rows, TableLimit.MaxRows);
        var hidden = rows - listed;
        var (singular, plural) = Words[table];
        var more = hidden == 0 ? null : $"… and {hidden} more {(hidden == 1 ? singular : plural)} (see result.json)";

        foreach (var text in new[] { MarkdownSummary.Render(result, new SummaryOptions()), HtmlReport.Render(result) })
        {
            // Each row names its key once: the first `listed` keys are there, the next one is not.
            Assert.Equal(listed, Regex.Matches(text, @"m\d{7}").Select(m => m.Value).Distinct().Count());
            Assert.Contains($"m{listed - 1:D7}", text);
            Assert.DoesNotContain($"m{listed:D7}", text);
            if (more is null) Assert.DoesNotContain("more " + plural, text);
            else Assert.Contains(more, text);
        }
    }
}
