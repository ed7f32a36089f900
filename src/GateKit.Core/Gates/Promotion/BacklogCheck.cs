namespace GateKit.Gates.Promotion;

/// <summary>
/// Sub-gate 3: the manual backlog (pending confirmations + manual-only intents) of the latest snapshot
/// in the window is at most the limit, and pending confirmations are not rising across the window
/// (a positive least-squares slope with the last above the first). Streams: constant memory.
/// </summary>
internal static class BacklogCheck
{
    private const int Timestamp = 0, Pending = 1, ManualOnly = 2;
    private const int MinSnapshotsForTrend = 3;

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

        long n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        (DateTimeOffset At, double Pending, double ManualOnly, long Line)? first = null, last = null;
        var found = e.ScanJsonl(sub, config.Path, PromotionCodes.BacklogEvidenceMissing, fields, (line, v) =>
        {
            if (!v[Timestamp].Valid)
            {
                e.InvalidRecord(sub, config.Path, line, $"{config.TimestampPointer} is {(v[Timestamp].Present ? "not an ISO-8601 date-time with an offset" : "missing")}");
                return;
            }
            var at = v[Timestamp].Time;
            if (at < e.WindowStart || at > e.Now) return;
            if (!ReliabilityCheck.Count(e, sub, config.Path, line, v[Pending], config.PendingPointer, out var pending)
                | !ReliabilityCheck.Count(e, sub, config.Path, line, v[ManualOnly], config.ManualOnlyPointer, out var manualOnly)) return;
            var x = (at - e.WindowStart).TotalDays;
            n++; sx += x; sy += pending; sxx += x * x; sxy += x * pending;
            if (first is null || at < first.Value.At) first = (at, pending, manualOnly, line);
            if (last is null || at >= last.Value.At) last = (at, pending, manualOnly, line);
        }, cancellationToken);
        e.EndRecords(sub, config.Path);
        if (!found) return;

        e.Metrics["backlog_snapshots"] = n;
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

        var denominator = n * sxx - sx * sx;
        if (n < MinSnapshotsForTrend || denominator <= 0) return;
        var slope = (n * sxy - sx * sy) / denominator;
        e.Metrics["backlog_pending_slope_per_day"] = slope;
        if (slope > 0 && latest.Pending > first!.Value.Pending)
            e.Fail(sub, PromotionCodes.BacklogRising,
                $"pending confirmations rose from {first.Value.Pending} to {latest.Pending} across {n} snapshots ({slope:0.##} per day)");
    }
}
