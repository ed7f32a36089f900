using System.Text.Json;

namespace GateKit.Gates.Promotion;

/// <summary>
/// Sub-gate 2: over the last N matching execution records in the window, ambiguous / attempted and
/// failed / attempted stay at or below their limits. Streams the telemetry: memory holds N records.
/// </summary>
internal static class ReliabilityCheck
{
    private const int Timestamp = 0, Attempted = 1, Ambiguous = 2, Failed = 3, FirstRule = 4;

    public static void Evaluate(PromotionEvaluation e, CancellationToken cancellationToken)
    {
        const string sub = PromotionSubGates.Reliability;
        var config = e.Config.Reliability;
        var rules = config.Match ?? [];
        var fields = new LineFields([
            (config.TimestampPointer, FieldKind.Time, default),
            (config.AttemptedPointer, FieldKind.Number, default),
            (config.AmbiguousPointer, FieldKind.Number, default),
            (config.FailedPointer, FieldKind.Number, default),
            .. rules.Select(r => (r.Pointer, FieldKind.Match, r.Expected)),
        ]);
        var window = new (double Attempted, double Ambiguous, double Failed, long Line)[config.LastRuns];
        long inWindow = 0;

        e.Threshold("reliability.max_ambiguity_rate", "<=", config.MaxAmbiguityRate);
        e.Threshold("reliability.max_failure_rate", "<=", config.MaxFailureRate);
        e.Threshold("reliability.min_sample", ">=", e.Config.MinSample);

        var found = e.ScanJsonl(sub, config.Path, PromotionCodes.ReliabilityEvidenceMissing, fields, (line, v) =>
        {
            for (var r = 0; r < rules.Count; r++)
                if (!v[FirstRule + r].Matches) return;
            if (!v[Timestamp].Valid)
            {
                e.InvalidRecord(sub, config.Path, line, $"{config.TimestampPointer} is {(v[Timestamp].Present ? "not an ISO-8601 date-time with an offset" : "missing")}");
                return;
            }
            if (e.AfterEvaluation(sub, v[Timestamp].Time) || v[Timestamp].Time < e.WindowStart) return;
            if (!Count(e, sub, config.Path, line, v[Attempted], config.AttemptedPointer, out var attempted)
                | !Count(e, sub, config.Path, line, v[Ambiguous], config.AmbiguousPointer, out var ambiguous)
                | !Count(e, sub, config.Path, line, v[Failed], config.FailedPointer, out var failed)) return;
            window[inWindow % window.Length] = (attempted, ambiguous, failed, line);
            inWindow++;
        }, cancellationToken);
        e.EndRecords(sub, config.Path);
        if (!found) return;

        var runs = (int)Math.Min(inWindow, window.Length);
        double sumAttempted = 0, sumAmbiguous = 0, sumFailed = 0;
        long firstLine = long.MaxValue, lastLine = 0;
        for (var i = 0; i < runs; i++)
        {
            var (a, am, f, l) = window[i];
            sumAttempted += a; sumAmbiguous += am; sumFailed += f;
            firstLine = Math.Min(firstLine, l); lastLine = Math.Max(lastLine, l);
        }
        e.Metrics["reliability_records_in_window"] = inWindow;
        e.Metrics["reliability_runs"] = runs;
        e.Metrics["reliability_attempted"] = sumAttempted;
        e.Metrics["reliability_ambiguous"] = sumAmbiguous;
        e.Metrics["reliability_failed"] = sumFailed;
        if (runs > 0)
        {
            e.Metrics["reliability_first_line"] = firstLine;
            e.Metrics["reliability_last_line"] = lastLine;
        }

        if (inWindow < e.Config.MinSample)
            e.Fail(sub, PromotionCodes.ReliabilitySampleTooSmall,
                $"{inWindow} matching execution record(s) in the {e.Config.WindowDays}-day window; at least {e.Config.MinSample} needed");
        // A window without attempts proves nothing: it never promotes.
        if (sumAttempted == 0)
        {
            e.Fail(sub, PromotionCodes.ReliabilityNoAttempts, $"no attempted executions in the last {runs} record(s); the rates are undefined");
            return;
        }
        var ambiguityRate = Numbers.Ratio(sumAmbiguous, sumAttempted);
        var failureRate = Numbers.Ratio(sumFailed, sumAttempted);
        e.Metrics["reliability_ambiguity_rate"] = ambiguityRate;
        e.Metrics["reliability_failure_rate"] = failureRate;
        if (Numbers.Compare(ambiguityRate, config.MaxAmbiguityRate) > 0)
            e.Fail(sub, PromotionCodes.ReliabilityAmbiguityRateExceeded,
                $"ambiguity rate {Numbers.Format(ambiguityRate)} ({sumAmbiguous}/{sumAttempted} over {runs} run(s)) is above {Numbers.Format(config.MaxAmbiguityRate)}");
        if (Numbers.Compare(failureRate, config.MaxFailureRate) > 0)
            e.Fail(sub, PromotionCodes.ReliabilityFailureRateExceeded,
                $"failure rate {Numbers.Format(failureRate)} ({sumFailed}/{sumAttempted} over {runs} run(s)) is above {Numbers.Format(config.MaxFailureRate)}");
    }

    /// <summary>A count is a non-negative integer; an absent one is 0 (as the runbook's rollup reads it).</summary>
    internal static bool Count(PromotionEvaluation e, string sub, string path, long line, FieldValue value, string pointer, out double count)
    {
        count = 0;
        if (!value.Present) return true;
        if (!value.Valid || value.Number < 0 || value.Number != Math.Floor(value.Number))
        {
            e.InvalidRecord(sub, path, line, $"{pointer} must be a non-negative integer count");
            return false;
        }
        count = value.Number;
        return true;
    }
}
