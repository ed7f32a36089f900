using System.Text.Json.Serialization;
using GateKit.Results;

namespace GateKit.Gates.Docs;

/// <summary>The docs gate: every relative link, image and anchor in the Markdown resolves.</summary>
/// <remarks>Properties with a default use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property, so an omitted one would lose its default (dotnet/runtime#84484).</remarks>
public sealed record DocsConfig
{
    /// <summary>Folders (relative to the config's folder) whose Markdown is checked, each with its slug dialect.</summary>
    public IReadOnlyList<DocsRootConfig> Roots { get; set; } = [new DocsRootConfig()];

    /// <summary>Globs, relative to each root, of the files checked.</summary>
    public IReadOnlyList<string> Include { get; set; } = ["**/*.md", "**/*.markdown"];

    public IReadOnlyList<string> Exclude { get; set; } = ["**/node_modules/**"];

    /// <summary>Known false positives: a link is ignored when every part of a rule that is given matches.</summary>
    public IReadOnlyList<DocsIgnoreRule> Ignore { get; set; } = [];

    /// <summary>Overrides the priority of a finding code, e.g. { "reference_unused": "P1" }.</summary>
    public IReadOnlyDictionary<string, Priority> Severity { get; set; } = new Dictionary<string, Priority>();

    /// <summary>External URLs are never fetched; with true each is listed as an external_link note.</summary>
    public bool ListExternal { get; set; }

    /// <summary>Larger files are reported (file_too_large) and not parsed.</summary>
    public long MaxFileBytes { get; set; } = DocsDefaults.MaxFileBytes;

    public int PartialAt { get; set; } = 2;
    public int P2WarnAt { get; set; } = 5;
}

public static class DocsDefaults
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
}

/// <remarks>See <see cref="DocsConfig"/> for why defaults use <c>set</c>.</remarks>
public sealed record DocsRootConfig
{
    public string Path { get; set; } = ".";

    public SlugDialect Slugs { get; set; } = SlugDialect.GitHub;
}

/// <summary>A link is ignored when its target matches <see cref="Target"/> (a regex) and its file matches <see cref="File"/> (a glob).</summary>
public sealed record DocsIgnoreRule
{
    public string? Target { get; init; }
    public string? File { get; init; }
}

/// <summary>How a renderer turns a heading into its anchor id (see <see cref="SlugGenerator"/>).</summary>
public enum SlugDialect
{
    [JsonStringEnumMemberName("github")] GitHub,
    [JsonStringEnumMemberName("gitlab")] GitLab,
    [JsonStringEnumMemberName("gitlab-legacy")] GitLabLegacy,
    [JsonStringEnumMemberName("mkdocs")] MkDocs,
}
