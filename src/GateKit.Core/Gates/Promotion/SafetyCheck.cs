using System.Text.Json;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>
/// Sub-gate 4: no auto-pause sustained for longer than the limit outside an active incident, and every
/// suppression explained with its audit trail and not expired (runbook, "Fleet Suppression Governance": who,
/// when, scope, what, why — with the ticket — and until when). Evidence dated after the evaluation time (an
/// auto-pause that had not begun, a suppression not yet made) is excluded.
/// </summary>
/// <remarks>The document: <c>{ "incident": { "active": bool }, "autoPause": { "active": bool, "since": time },
/// "suppressions": [ { "id", "owner", "createdAt", "scope", "path", "reason", "approvalRef", "expiresAt" } ] }</c>;
/// <c>path</c> is policy, rollout, governance or transport, or the runbook's words policyGated, rolloutGated,
/// governanceGated, transportGated.</remarks>
internal static class SafetyCheck
{
    /// <summary>The suppression paths, and the runbook's names for them (its safety-gate decision paths) as aliases.</summary>
    private static readonly string[] SuppressionPaths =
        ["policy", "rollout", "governance", "transport", "policyGated", "rolloutGated", "governanceGated", "transportGated"];

    /// <summary>The audit trail every suppression carries: who, when, scope, what, why (reason and ticket), until.</summary>
    private static readonly string[] AuditFields = ["owner", "createdAt", "scope", "path", "reason", "approvalRef", "expiresAt"];

    public static void Evaluate(PromotionEvaluation e)
    {
        const string sub = PromotionSubGates.Safety;
        var config = e.Config.Safety;
        e.Threshold("safety.auto_pause_minutes", "<=", config.SustainedMinutes);
        using var document = e.ReadJson(sub, config.Path, PromotionCodes.SafetyEvidenceMissing);
        if (document is null) return;
        var file = new Location(config.Path.Replace('\\', '/'));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            e.Fail(sub, PromotionCodes.EvidenceMalformed, "the safety document is not a JSON object", file);
            return;
        }

        var incident = Member(root, "incident") is { ValueKind: JsonValueKind.Object } i && Member(i, "active")?.ValueKind == JsonValueKind.True;
        if (Member(root, "autoPause") is { ValueKind: JsonValueKind.Object } pause && Member(pause, "active")?.ValueKind == JsonValueKind.True)
        {
            var sinceText = Member(pause, "since") is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
            var sinceOk = IsoTime.TryParse(sinceText, out var since);
            // An auto-pause that began after the evaluation time was not active as of then.
            if (!(sinceOk && e.AfterEvaluation(sub, since)))
            {
                var minutes = sinceOk ? (e.Now - since).TotalMinutes : double.PositiveInfinity;
                e.Metrics["safety_auto_pause_minutes"] = double.IsFinite(minutes) ? minutes : -1;
                // An auto-pause with no start time is taken as sustained: fail closed.
                if (!incident && minutes > config.SustainedMinutes)
                    e.Fail(sub, PromotionCodes.SafetyAutoPauseSustained, !sinceOk
                        ? "auto-pause is active with no valid start time (autoPause.since) and no active incident"
                        : $"auto-pause active since {sinceText} ({minutes:0} min, limit {config.SustainedMinutes}) with no active incident", file);
            }
        }

        var suppressions = Member(root, "suppressions");
        if (suppressions is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Null) })
        {
            e.Fail(sub, PromotionCodes.EvidenceMalformed, "suppressions is not an array", file);
            return;
        }
        var count = 0;
        var index = 0;
        foreach (var item in suppressions is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : default)
        {
            var at = $"suppressions[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                e.Fail(sub, PromotionCodes.EvidenceMalformed, $"{at} is not an object", file);
                continue;
            }
            var id = Text(item, "id") is { } n ? $"{at} ({n})" : at;
            var createdText = Text(item, "createdAt");
            var createdOk = IsoTime.TryParse(createdText, out var created);
            // A suppression made after the evaluation time was not in effect then: not evidence either way.
            if (createdOk && e.AfterEvaluation(sub, created)) continue;
            count++;

            var missing = AuditFields.Where(f => Text(item, f) is null).ToList();
            var path = Text(item, "path");
            var problems = new List<string>();
            if (missing.Count > 0) problems.Add($"missing {string.Join(", ", missing)}");
            if (path is not null && !SuppressionPaths.Contains(path))
                problems.Add($"path '{path}' is none of {string.Join(", ", SuppressionPaths)}");
            if (problems.Count > 0)
                e.Fail(sub, PromotionCodes.SafetySuppressionUnexplained, $"{id} lacks its audit trail (who, when, scope, what, why, until): {string.Join("; ", problems)}", file);

            if (createdText is not null && !createdOk)
                e.Fail(sub, PromotionCodes.SafetySuppressionDateInvalid, $"{id} createdAt '{createdText}' is not an ISO-8601 date-time with an offset", file);
            var expiresText = Text(item, "expiresAt");
            if (expiresText is null) continue;
            if (!IsoTime.TryParse(expiresText, out var expires))
                e.Fail(sub, PromotionCodes.SafetySuppressionDateInvalid, $"{id} expiresAt '{expiresText}' is not an ISO-8601 date-time with an offset", file);
            else if (expires <= e.Now)
                e.Fail(sub, PromotionCodes.SafetySuppressionExpired, $"{id} expired at {expiresText}", file);
        }
        e.Metrics["safety_suppressions"] = count;
        e.Metrics["safety_incident_active"] = incident ? 1 : 0;
    }

    private static JsonElement? Member(JsonElement o, string name) => o.TryGetProperty(name, out var v) ? v : null;

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;
}
