namespace GateKit.Gates.Promotion;

/// <summary>
/// Sub-gate 3: the manual backlog (pending confirmations + manual-only intents) of the latest snapshot
/// in the window is at most the limit, and pending confirmations show no sustained upward trend: fewer
/// than <see cref="BacklogConfig.SustainedRises"/> consecutive rises, snapshot to snapshot in time order
/// (runbook, manual backlog gate). Memory holds the window's snapshots, 24 bytes each.
/// </summary>
internal static class BacklogCheck
{
    private const int Timestamp = 0, Pending = 1, ManualOnly = 2;

    public static void Evaluate(PromotionEvaluation e, CancellationToken cancellationToken)
    {
        const string sub = PromotionSubGates.Backlog;
        var config = e.Config.Backlog;
        var fields = new LineFields([
            (config.TimestampPointer, FieldKind.Time, default),
            (config.PendingPointer, FieldKind.Number, default),
            (config.ManualOnlyPointer, FieldKind.Number, default),
        ]);
        e.Threshold("backlog.max", "<=", config.Max);
        // Fewer than the sustained count: the result schema's operators have no strict "<".
        e.Threshold("backlog.consecutive_rises", "<=", config.SustainedRises - 1);

        var pendingSeries = new List<(DateTimeOffset At, double Pending)>();
        (DateTimeOffset At, double Pending, double ManualOnly, long Line)? last = null;
        var found = e.ScanJsonl(sub, config.Path, PromotionCodes.BacklogEvidenceMissing, fields, (line, v) =>
        {
            if (!v[Timestamp].Valid)
            {
                e.InvalidRecord(sub, config.Path, line, $"{config.TimestampPointer} is {(v[Timestamp].Present ? "not an ISO-8601 date-time with an offset" : "missing")}");
                return;
            }
            var at = v[Timestamp].Time;
            if (e.AfterEvaluation(sub, at) || at < e.WindowStart) return;
            if (!ReliabilityCheck.Count(e, sub, config.Path, line, v[Pending], config.PendingPointer, out var pending)
                | !ReliabilityCheck.Count(e, sub, config.Path, line, v[ManualOnly], config.ManualOnlyPointer, out var manualOnly)) return;
            pendingSeries.Add((at, pending));
            if (last is null || at >= last.Value.At) last = (at, pending, manualOnly, line);
        }, cancellationToken);
        e.EndRecords(sub, config.Path);
        if (!found) return;

        e.Metrics["backlog_snapshots"] = pendingSeries.Count;
        if (last is not { } latest)
        {
            e.Fail(sub, PromotionCodes.BacklogNoSnapshot, $"no backlog snapshot in the {e.Config.WindowDays}-day window of {config.Path.Replace('\\', '/')}");
            return;
        }
        var backlog = latest.Pending + latest.ManualOnly;
        e.Metrics["backlog_current"] = backlog;
        e.Metrics["backlog_pending"] = latest.Pending;
        e.Metrics["backlog_manual_only"] = latest.ManualOnly;
        e.Metrics["backlog_latest_line"] = latest.Line;
        if (backlog > config.Max)
            e.Fail(sub, PromotionCodes.BacklogExceeded,
                $"manual backlog {backlog} ({latest.Pending} pending + {latest.ManualOnly} manual-only, line {latest.Line}) is above {config.Max}");

        var (rises, from, to) = LongestRise(pendingSeries);
        e.Metrics["backlog_pending_consecutive_rises"] = rises;
        if (rises >= config.SustainedRises)
            e.Fail(sub, PromotionCodes.BacklogRising,
                $"pending confirmations rose {rises} times in a row, from {from} to {to} (a sustained rise is {config.SustainedRises})");
    }

    /// <summary>
    /// The longest run of strict rises of pending, snapshot to snapshot in time order (snapshots with one time
    /// keep their file order), with the values it rose from and to. 1,1,1,1,2 is one rise; 0,1,2,2,3 is two.
    /// </summary>
    internal static (int Rises, double From, double To) LongestRise(IEnumerable<(DateTimeOffset At, double Pending)> snapshots)
    {
        int best = 0, current = 0;
        double bestFrom = 0, bestTo = 0, start = 0;
        double? previous = null;
        foreach (var (_, pending) in snapshots.OrderBy(s => s.At))
        {
            if (previous is { } p && pending > p)
            {
                if (current++ == 0) start = p;
                if (current > best) (best, bestFrom, bestTo) = (current, start, pending);
            }
            else current = 0;
            previous = pending;
        }
        return (best, bestFrom, bestTo);
    }
}
