using GateKit.Config;

namespace GateKit.Inputs;

/// <summary>Input paths in the config may name the run's tag as {tag}; one rule for every gate.</summary>
public static class PathTemplate
{
    public const string TagPlaceholder = "{tag}";

    public static bool UsesTag(string template) => template.Contains(TagPlaceholder, StringComparison.Ordinal);

    /// <summary>The path with the tag in place; a usage error (exit 2) when the path needs a tag and the run has none.</summary>
    public static string Expand(string template, string? tag, string gate)
    {
        if (!UsesTag(template)) return template;
        if (tag is null) throw new RequestException(RequestText.Of($"{gate} gate: paths use {TagPlaceholder} but no tag was given: pass {RequestInput.Tag} or set gates.release.tag"));
        if (TagProblem(tag) is { } problem) throw new UsageException($"{gate} gate: the tag {problem}");
        return template.Replace(TagPlaceholder, tag, StringComparison.Ordinal);
    }

    /// <summary>
    /// Why a tag cannot stand in a path, or null when it can: it becomes part of file names, which hold
    /// no NUL nor other control character (where the path leads is FileRoot's to check). The one rule
    /// for validate-config (gates.release.tag) and for run (the request's tag or the config's).
    /// </summary>
    public static string? TagProblem(string tag) =>
        tag.Any(char.IsControl) ? "contains a control character" : null;
}
