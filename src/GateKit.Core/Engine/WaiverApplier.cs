using GateKit.Config;
using GateKit.Results;
using Microsoft.Extensions.FileSystemGlobbing;

namespace GateKit.Engine;

/// <summary>Finding codes about waivers themselves.</summary>
public static class WaiverCodes
{
    public const string Expired = "waiver_expired";
    public const string Unused = "waiver_unused";
    public const string ApprovalMissing = "waiver_approval_missing";

    /// <summary>What each code means and how to fix it; raised after waivers apply, so no waiver covers them.</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        new(Expired, "waivers", "P1", "A waiver is past its `expires` date and no longer applies; the finding it covered counts again.", "Fix the waived finding and remove the waiver, or renew it with a new `expires` after review.", Waivable: false),
        new(Unused, "waivers", "P2", "A waiver matches no finding of its gate.", "Remove the waiver (what it covered is fixed), or correct its gate, code, subject or file.", Waivable: false),
        new(ApprovalMissing, "waivers", "P1", "A waiver matches a P0 finding but has no `approvalRef`, so the finding stays unwaived.", "Add the change or approval reference that accepted the risk as `approvalRef`.", Waivable: false),
    ];
}

/// <summary>
/// Applies the config's waivers to one gate's findings, for every gate alike: a matching, unexpired
/// waiver marks a finding waived (it stays in the result); an expired waiver stops applying and is a
/// finding itself, as is one that matches nothing; a P0 finding needs a waiver with an approval reference.
/// </summary>
public static class WaiverApplier
{
    public static IReadOnlyList<Finding> Apply(string gate, IReadOnlyList<Finding> findings, IReadOnlyList<WaiverConfig> waivers, DateTimeOffset now)
    {
        var mine = waivers.Where(w => w.Gate == gate).ToList();
        if (mine.Count == 0) return findings;

        var result = new List<Finding>(findings.Count + mine.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var refusedForApproval = new HashSet<string>(StringComparer.Ordinal);
        var active = mine.Where(w => WaiverExpiry.TryParse(w.Expires, out var expires) && expires >= now).ToList();
        var isActive = active.ToHashSet(ReferenceEqualityComparer.Instance);
        var candidates = WaiverIndex.Of(active);

        foreach (var finding in findings)
        {
            var match = candidates.FirstMatch(finding, Matches);
            if (match is null) { result.Add(finding); continue; }
            used.Add(match.Id);
            if (finding.Priority == Priority.P0 && string.IsNullOrWhiteSpace(match.ApprovalRef))
            {
                refusedForApproval.Add(match.Id);
                result.Add(finding);
                continue;
            }
            result.Add(finding with { Waiver = new WaiverMark(match.Id, match.Owner, match.Reason, match.ApprovalRef, match.Expires) });
        }

        foreach (var waiver in mine)
        {
            var subject = $"waiver:{waiver.Id}";
            if (!isActive.Contains(waiver))
                result.Add(new Finding(WaiverCodes.Expired, Priority.P1,
                    $"waiver '{waiver.Id}' (owner {waiver.Owner}) expired {waiver.Expires} and no longer applies", Subject: subject));
            else if (refusedForApproval.Contains(waiver.Id))
                result.Add(new Finding(WaiverCodes.ApprovalMissing, Priority.P1,
                    $"waiver '{waiver.Id}' matches a P0 finding but has no approvalRef; P0 findings are waived only with an approval reference", Subject: subject));
            else if (!used.Contains(waiver.Id))
                result.Add(new Finding(WaiverCodes.Unused, Priority.P2,
                    $"waiver '{waiver.Id}' (owner {waiver.Owner}) matches no finding of gate '{gate}': remove it", Subject: subject));
        }
        return result;
    }

    /// <summary>
    /// The active waivers by code and subject, each either named or "any": a finding is compared only
    /// with the waivers that could match it, so many waivers and many findings cost their sum, not their
    /// product (30k waivers took 6.5 s, 60k took 62 s). The first match in config order still wins.
    /// </summary>
    private sealed class WaiverIndex
    {
        private readonly Dictionary<(string? Code, string? Subject), List<(int Order, WaiverConfig Waiver)>> buckets = [];

        public static WaiverIndex Of(IReadOnlyList<WaiverConfig> active)
        {
            var index = new WaiverIndex();
            for (var i = 0; i < active.Count; i++)
            {
                var key = (active[i].Code, active[i].Subject);
                if (!index.buckets.TryGetValue(key, out var list)) index.buckets[key] = list = [];
                list.Add((i, active[i]));
            }
            return index;
        }

        public WaiverConfig? FirstMatch(Finding finding, Func<WaiverConfig, Finding, bool> matches)
        {
            (int Order, WaiverConfig Waiver)? best = null;
            (string? Code, string? Subject)[] keys = [(finding.Code, finding.Subject), (finding.Code, null), (null, finding.Subject), (null, null)];
            foreach (var key in keys.Distinct())
            {
                if (!buckets.TryGetValue(key, out var list)) continue;
                foreach (var candidate in list)
                {
                    if (best is { } b && b.Order <= candidate.Order) break;
                    if (!matches(candidate.Waiver, finding)) continue;
                    best = candidate;
                    break;
                }
            }
            return best?.Waiver;
        }
    }

    private static bool Matches(WaiverConfig waiver, Finding finding)
    {
        if (waiver.Code is { } code && code != finding.Code) return false;
        if (waiver.Subject is { } subject && subject != finding.Subject) return false;
        if (waiver.File is { } glob)
        {
            if (finding.Location?.File is not { } file) return false;
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(glob);
            if (!matcher.Match(file).HasMatches) return false;
        }
        return true;
    }
}
