using GateKit.Config;

namespace GateKit.Gates.Release;

/// <summary>The release gate's rules that the JSON Schema cannot express: unique artifact ids, JSON Pointers, counts, the tag template.</summary>
public static class ReleaseConfigValidator
{
    public static void Validate(ReleaseConfig release, Action<string, string> add)
    {
        const string at = "$.gates.release";
        if (release.Artifacts.Count == 0 && release.Signoff is null) add($"{at}.artifacts", "declares no artifact");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < release.Artifacts.Count; i++)
        {
            var artifact = release.Artifacts[i];
            var a = $"{at}.artifacts[{i}]";
            ConfigValidator.CheckId(artifact.Id, $"{a}.id", ids, "artifact", add);
            ConfigValidator.RequireText(artifact.Path, $"{a}.path", add);
            if (artifact.Kind == ArtifactKind.Document && (artifact.Schema is not null || artifact.Assertions is { Count: > 0 }))
                add(a, "a document artifact cannot have a schema or assertions");
            for (var j = 0; j < (artifact.Assertions?.Count ?? 0); j++)
                ConfigValidator.CheckPointer(artifact.Assertions![j].Pointer, $"{a}.assertions[{j}].pointer", add);
            ConfigValidator.CheckPointer(artifact.StatusPointer, $"{a}.statusPointer", add);
            ConfigValidator.CheckPointer(artifact.SeverityPointer, $"{a}.severityPointer", add);
        }
        ConfigValidator.CheckCounts(release.PartialAt, release.P2WarnAt, at, add);
        if (release.Tag is { } tag && Inputs.PathTemplate.TagProblem(tag) is { } tagProblem) add($"{at}.tag", $"the tag {tagProblem}");
        if (release.MaxFileBytes < 1) add($"{at}.maxFileBytes", "must be at least 1");
    }
}
