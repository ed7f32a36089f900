using System.Globalization;
using System.Text;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Merge;

/// <summary>
/// summary.md of a merge: the merged result's summary (<see cref="MarkdownSummary"/>) followed by a table of
/// the merged legs — leg, run id, decision, whether it errored, the first 12 hex digits of its SHA-256 —
/// and the legs expected but missing. Every string from an input goes through <see cref="MarkdownText"/>.
/// </summary>
public static class MergeSummary
{
    public static string Render(MergeOutcome merge)
    {
        ArgumentNullException.ThrowIfNull(merge);
        var o = new StringBuilder(MarkdownSummary.Render(merge.Result, new SummaryOptions()));
        o.Append("### Merged legs\n\n| leg | run | decision | errored | sha256 |\n| --- | --- | --- | --- | --- |\n");
        foreach (var s in merge.Record.Sources)
            o.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Cell(s.Leg)} | {MarkdownText.Code(s.RunId)} | {s.Decision.Name()} | {(s.Errored ? "yes" : "no")} | {MarkdownText.Code(s.Sha256[..12])} |\n");
        if (merge.Record.MissingLegs.Count > 0)
            o.Append("\nMissing legs: ").AppendJoin(", ", merge.Record.MissingLegs.Select(MarkdownText.Code)).Append('\n');
        return o.ToString();
    }
}
