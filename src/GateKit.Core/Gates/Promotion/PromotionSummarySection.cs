using GateKit.Output;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>The promotion gate's section of summary.md, written after the findings.</summary>
internal static class PromotionSummarySection
{
    /// <summary>
    /// The promotion gate's answer and each sub-gate's evidence, in priority order: the window, and the
    /// numbers each sub-gate decided on (records, rates, lines, counts), so a hold can be read without result.json.
    /// </summary>
    public static void Write(SummaryWriter o, GateResult gate)
    {
        if (gate.Promotion is not { } verdict) return;
        o.Section(SummarySectionKind.Gate, "Promotion");
        o.Blank();
        var failed = verdict.FailedGates;
        var facts = new List<string> { "**Decision** " + MarkdownText.Code(verdict.Decision.Name()) };
        if (failed.Count > 0) facts.Add("**Failed sub-gates** " + string.Join(", ", failed.Select(MarkdownText.Code)));
        if (verdict.MissingEvidence.Count > 0) facts.Add("**Missing evidence** " + string.Join(", ", verdict.MissingEvidence.Select(MarkdownText.Code)));
        if (verdict.EvaluatedBy is { } by) facts.Add("**Evaluated by** " + MarkdownText.Inline(by));
        var m = gate.Metrics;
        if (m.TryGetValue("window_days", out var days) && m.TryGetValue("window_start_epoch_s", out var from) && m.TryGetValue("evaluated_at_epoch_s", out var to))
            facts.Add($"**Window** {MarkdownSummary.FormatNumber(days)} days, {EpochText(from)} → {EpochText(to)}");
        o.Line(string.Join(" · ", facts));
        o.Blank();
        o.Row("Sub-gate", "Result", "Evidence");
        o.Row("---", "---", "---");
        foreach (var sub in PromotionSubGates.InOrder)
        {
            var prefix = sub + "_";
            var evidence = m
                .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key != prefix + "gate_failed")
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => kv.Key.EndsWith(EpochSuffix, StringComparison.Ordinal)
                    ? MarkdownText.Cell(kv.Key[prefix.Length..^EpochSuffix.Length]) + " " + EpochText(kv.Value)
                    : MarkdownText.Cell(kv.Key[prefix.Length..]) + " " + MarkdownSummary.FormatNumber(kv.Value))
                .ToList();
            var result = MarkdownSummary.StatusLabel(failed.Contains(sub) ? GateStatus.Fail : verdict.MissingEvidence.Contains(sub) ? GateStatus.Skipped : GateStatus.Pass);
            o.Row(MarkdownText.Cell(sub), result, evidence.Count == 0 ? MarkdownSummary.Dash : string.Join(" · ", evidence));
        }
        o.Blank();
    }

    /// <summary>Metrics are numbers, so times are stored as Unix seconds under this suffix; shown as ISO-8601.</summary>
    private const string EpochSuffix = "_epoch_s";

    private static string EpochText(double seconds) =>
        seconds is >= -62135596800 and <= 253402300799 ? UtcTime.Seconds(DateTimeOffset.FromUnixTimeSeconds((long)seconds)) : MarkdownSummary.FormatNumber(seconds);
}
