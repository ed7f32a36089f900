using GateKit.Evidence;

namespace GateKit.Gates.Evidence;

/// <summary>The rules of gates.evidence that its JSON Schema cannot express: unique ids, at least one pack.</summary>
public static class EvidenceConfigRules
{
    public static void Validate(EvidenceConfig evidence, Action<string, string> add)
    {
        const string at = "$.gates.evidence";
        if (evidence.Packs.Count == 0) add($"{at}.packs", "declares no pack");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < evidence.Packs.Count; i++)
        {
            var pack = evidence.Packs[i];
            if (!EvidenceIds.IsValid(pack.Id)) add($"{at}.packs[{i}].id", $"pack id '{pack.Id}' must match {EvidenceIds.Pattern}");
            else if (!ids.Add(pack.Id)) add($"{at}.packs[{i}].id", $"duplicate pack id '{pack.Id}'");
            if (string.IsNullOrWhiteSpace(pack.Manifest)) add($"{at}.packs[{i}].manifest", "must not be empty");
        }
        if (evidence.Parallelism < 0) add($"{at}.parallelism", "must not be negative");
        if (evidence.PartialAt < 1) add($"{at}.partialAt", "must be at least 1");
        if (evidence.MaxFileBytes < 1) add($"{at}.maxFileBytes", "must be at least 1");
        if (evidence.P2WarnAt < 0) add($"{at}.p2WarnAt", "must not be negative");
    }
}
