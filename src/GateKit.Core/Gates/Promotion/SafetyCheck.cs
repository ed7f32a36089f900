using System.Text.Json;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>
/// Sub-gate 4: no auto-pause sustained for longer than the limit outside an active incident, and
/// every suppression explained (a known path and a reason) and not expired.
/// </summary>
/// <remarks>The document: <c>{ "incident": { "active": bool }, "autoPause": { "active": bool, "since": time },
/// "suppressions": [ { "id", "path": "policy|rollout|governance|transport", "reason", "expiresAt" } ] }</c>.</remarks>
internal static class SafetyCheck
{
    private static readonly string[] SuppressionPaths = ["policy", "rollout", "governance", "transport"];

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
            var minutes = IsoTime.TryParse(sinceText, out var since) ? (e.Now - since).TotalMinutes : double.PositiveInfinity;
            e.Metrics["safety_auto_pause_minutes"] = double.IsFinite(minutes) ? minutes : -1;
            // An auto-pause with no start time is taken as sustained: fail closed.
            if (!incident && minutes > config.SustainedMinutes)
                e.Fail(sub, PromotionCodes.SafetyAutoPauseSustained, sinceText is null || !double.IsFinite(minutes)
                    ? "auto-pause is active with no valid start time (autoPause.since) and no active incident"
                    : $"auto-pause active since {sinceText} ({minutes:0} min, limit {config.SustainedMinutes}) with no active incident", file);
        }

        var suppressions = Member(root, "suppressions");
        if (suppressions is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Null) })
        {
            e.Fail(sub, PromotionCodes.EvidenceMalformed, "suppressions is not an array", file);
            return;
        }
        var count = 0;
        foreach (var item in suppressions is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : default)
        {
            var at = $"suppressions[{count}]";
            count++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                e.Fail(sub, PromotionCodes.EvidenceMalformed, $"{at} is not an object", file);
                continue;
            }
            var id = Text(item, "id") is { } n ? $"{at} ({n})" : at;
            var path = Text(item, "path");
            if (path is null || !SuppressionPaths.Contains(path) || Text(item, "reason") is null)
                e.Fail(sub, PromotionCodes.SafetySuppressionUnexplained,
                    $"{id} needs a path ({string.Join(", ", SuppressionPaths)}) and a reason; found path {path ?? "none"}", file);
            var expiresText = Text(item, "expiresAt");
            if (!IsoTime.TryParse(expiresText, out var expires))
                e.Fail(sub, PromotionCodes.SafetySuppressionExpiryMissing, expiresText is null
                    ? $"{id} has no expiry (expiresAt)"
                    : $"{id} expiresAt '{expiresText}' is not an ISO-8601 date-time with an offset", file);
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
