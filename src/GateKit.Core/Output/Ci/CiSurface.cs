using GateKit.Config;

namespace GateKit.Output.Ci;

/// <summary>The CI system whose job log a run's findings and verdict are written into.</summary>
public enum CiSurface
{
    /// <summary>No CI log commands: the plain text output only.</summary>
    None,

    /// <summary>GitHub Actions: the existing `--github` reporting (workflow annotations, step summary, check runs).</summary>
    GitHub,

    /// <summary>Azure Pipelines: <c>##vso[task.logissue]</c> per finding and <c>##vso[task.complete]</c> from the decision.</summary>
    Azure,

    /// <summary>GitLab CI: one collapsible section in the job log.</summary>
    GitLab,
}

/// <summary>Which <see cref="CiSurface"/> applies: forced by <c>--ci NAME</c>, else found from the variables each CI sets.</summary>
public static class CiSurfaces
{
    /// <summary>The values <c>--ci</c> accepts, in the order they are documented.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "github", "azure", "gitlab", "none"];

    /// <summary>
    /// The surface for a requested CI name (case-insensitive): "auto" (or null) detects it from
    /// <paramref name="environment"/> — <c>TF_BUILD=True</c> is Azure Pipelines, <c>GITLAB_CI=true</c> GitLab,
    /// <c>GITHUB_ACTIONS=true</c> GitHub (the variables each CI documents as set in every job), none otherwise.
    /// An unknown value is a <see cref="RequestException"/> naming it (the host words the input: the CLI's --ci).
    /// </summary>
    public static CiSurface Resolve(string? value, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        switch (value?.ToLowerInvariant())
        {
            case null or "auto": return Detect(environment);
            case "github": return CiSurface.GitHub;
            case "azure": return CiSurface.Azure;
            case "gitlab": return CiSurface.GitLab;
            case "none": return CiSurface.None;
            default: throw new RequestException(RequestText.Of($"{RequestInput.CiSurface}: unknown CI '{value}' (known: {string.Join(", ", Names)})"));
        }
    }

    private static CiSurface Detect(Func<string, string?> environment)
    {
        static bool Is(string? actual) => string.Equals(actual?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        if (Is(environment("TF_BUILD"))) return CiSurface.Azure;
        if (Is(environment("GITLAB_CI"))) return CiSurface.GitLab;
        if (Is(environment("GITHUB_ACTIONS"))) return CiSurface.GitHub;
        return CiSurface.None;
    }
}
