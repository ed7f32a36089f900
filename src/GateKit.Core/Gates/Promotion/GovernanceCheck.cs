using System.Text.Json;
using GateKit.Json;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>
/// Sub-gate 1: the policy names who authorized it, the approval and why, when it changed and when it
/// must be reviewed; the review deadline is after the change and still ahead, and the change is not dated
/// after the evaluation time. <c>promotion apply</c> runs it again at the real time.
/// </summary>
internal static class GovernanceCheck
{
    private static readonly string[] AuthorityFields = ["actor", "approvalRef", "rationale"];

    public static void Evaluate(PromotionEvaluation e)
    {
        const string sub = PromotionSubGates.Governance;
        var policy = e.Config.Policy;
        using var document = e.ReadJson(sub, policy.Path, PromotionCodes.GovernanceEvidenceMissing);
        if (document is null) return;
        var file = new Location(policy.Path.Replace('\\', '/'));
        if (!JsonPointer.TryResolve(document.RootElement, policy.GovernancePointer, out var governance) || governance.ValueKind != JsonValueKind.Object)
        {
            e.Fail(sub, PromotionCodes.GovernanceAuthorityMissing, $"no governance object at {policy.GovernancePointer}", file);
            e.Fail(sub, PromotionCodes.GovernanceReviewDeadlineMissing, "no changedAt or reviewBy without a governance object", file);
            return;
        }

        var missing = AuthorityFields.Where(f => Text(governance, f) is null).ToList();
        if (missing.Count > 0)
            e.Fail(sub, PromotionCodes.GovernanceAuthorityMissing, $"missing or empty: {string.Join(", ", missing)}", file);

        var changedText = Text(governance, "changedAt");
        var reviewText = Text(governance, "reviewBy");
        if (changedText is null || reviewText is null)
        {
            var absent = new[] { ("changedAt", changedText), ("reviewBy", reviewText) }.Where(p => p.Item2 is null).Select(p => p.Item1);
            e.Fail(sub, PromotionCodes.GovernanceReviewDeadlineMissing, $"missing or empty: {string.Join(", ", absent)}", file);
        }
        var changedOk = IsoTime.TryParse(changedText, out var changed);
        var reviewOk = IsoTime.TryParse(reviewText, out var review);
        if (changedText is not null && !changedOk)
            e.Fail(sub, PromotionCodes.GovernanceDateInvalid, $"changedAt '{changedText}' is not an ISO-8601 date-time with an offset", file);
        if (reviewText is not null && !reviewOk)
            e.Fail(sub, PromotionCodes.GovernanceDateInvalid, $"reviewBy '{reviewText}' is not an ISO-8601 date-time with an offset", file);
        if (changedOk && reviewOk && review <= changed)
            e.Fail(sub, PromotionCodes.GovernanceReviewBeforeChange, $"reviewBy {reviewText} is not after changedAt {changedText}", file);
        if (changedOk && e.AfterEvaluation(sub, changed))
            e.Fail(sub, PromotionCodes.GovernanceChangedAfterEvaluation,
                $"changedAt {changedText} is after the evaluation time ({UtcTime.Seconds(e.Now)}): this governance was not in effect then", file);
        if (reviewOk && review <= e.Now)
            e.Fail(sub, PromotionCodes.GovernanceReviewExpired, $"reviewBy {reviewText} has passed (evaluated at {UtcTime.Seconds(e.Now)})", file);
        if (reviewOk) e.Metrics["governance_review_by_epoch_s"] = PromotionEvaluation.Epoch(review);
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;
}
