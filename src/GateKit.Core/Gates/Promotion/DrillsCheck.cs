using System.Text.Json;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>
/// Sub-gate 5: every required drill has exactly one record, with status "pass", completed on or after
/// the candidate's time and not after the evaluation time (a later record is excluded). Two records with
/// one id are ambiguous evidence: it fails closed.
/// </summary>
/// <remarks>The document: <c>{ "drills": [ { "id", "status", "completedAt" } ] }</c>.</remarks>
internal static class DrillsCheck
{
    public static void Evaluate(PromotionEvaluation e)
    {
        const string sub = PromotionSubGates.Drills;
        var config = e.Config.Drills;
        var candidate = IsoTime.TryParse(config.CandidateTime, out var c) ? c : e.WindowStart;
        e.Metrics["drills_required"] = config.Required.Count;
        e.Metrics["drills_candidate_epoch_s"] = PromotionEvaluation.Epoch(candidate);
        using var document = e.ReadJson(sub, config.Path, PromotionCodes.DrillsEvidenceMissing);
        if (document is null) return;
        var file = new Location(config.Path.Replace('\\', '/'));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("drills", out var drills) || drills.ValueKind != JsonValueKind.Array)
        {
            e.Fail(sub, PromotionCodes.EvidenceMalformed, "the drills document needs a \"drills\" array", file);
            return;
        }

        var byId = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var afterEvaluation = new HashSet<string>(StringComparer.Ordinal);
        foreach (var drill in drills.EnumerateArray())
        {
            var id = drill.ValueKind == JsonValueKind.Object && drill.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : null;
            if (id is null)
            {
                e.Fail(sub, PromotionCodes.EvidenceMalformed, "a drill record has no string id", file);
                continue;
            }
            // A drill completed after the evaluation time had not happened as of then: it is not evidence.
            if (IsoTime.TryParse(CompletedAt(drill), out var completedAt) && e.AfterEvaluation(sub, completedAt))
            {
                afterEvaluation.Add(id);
                continue;
            }
            if (!byId.TryGetValue(id, out var list)) byId[id] = list = [];
            list.Add(drill);
        }
        foreach (var (id, records) in byId.Where(p => p.Value.Count > 1).OrderBy(p => p.Key, StringComparer.Ordinal))
            e.Fail(sub, PromotionCodes.DrillDuplicate, $"drill '{id}' has {records.Count} records; exactly one is expected", file);

        var passed = 0;
        foreach (var id in config.Required)
        {
            if (!byId.TryGetValue(id, out var records))
            {
                e.Fail(sub, PromotionCodes.DrillMissing, afterEvaluation.Contains(id)
                    ? $"required drill '{id}' has no record completed by the evaluation time ({UtcTime.Seconds(e.Now)}); a later one was excluded"
                    : $"required drill '{id}' has no record", file);
                continue;
            }
            if (records.Count > 1) continue;
            var drill = records[0];
            var status = drill.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var completedText = CompletedAt(drill);
            var ok = true;
            if (status != "pass")
            {
                e.Fail(sub, PromotionCodes.DrillNotPassed, $"drill '{id}' status is {(status is null ? "missing" : $"'{status}'")}, not 'pass'", file);
                ok = false;
            }
            if (!IsoTime.TryParse(completedText, out var completed))
            {
                e.Fail(sub, PromotionCodes.DrillDateInvalid, $"drill '{id}' completedAt {(completedText is null ? "is missing" : $"'{completedText}' is not an ISO-8601 date-time with an offset")}", file);
                ok = false;
            }
            else if (completed < candidate)
            {
                e.Fail(sub, PromotionCodes.DrillStale, $"drill '{id}' completed at {completedText}, before the candidate ({UtcTime.Seconds(candidate)})", file);
                ok = false;
            }
            if (ok) passed++;
        }
        e.Metrics["drills_passed"] = passed;
    }

    private static string? CompletedAt(JsonElement drill) =>
        drill.TryGetProperty("completedAt", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
}
