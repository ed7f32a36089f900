using System.CommandLine;
using GateKit.Output.Ci;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>
/// <c>--ci auto|github|azure|gitlab|none</c>: which CI's job log gets the run's findings and verdict in its
/// own form (Azure logging commands, a GitLab section); GitHub's is the `--github` reporting, unchanged.
/// </summary>
internal static class CiLogOption
{
    public static Option<string> Create() => new Option<string>("--ci")
    {
        Description = "Write findings and the verdict into this CI's job log: auto (detect TF_BUILD, GITLAB_CI, GITHUB_ACTIONS), github, azure, gitlab or none.",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong([.. CiSurfaces.Names]);

    /// <summary>Writes the run into the job log of the CI <paramref name="value"/> names or detects; nothing for GitHub (see --github) or none.</summary>
    public static void Write(string? value, RunResult result, FailOn failOn, TextWriter log)
    {
        var text = CiSurfaces.Resolve(value, Environment.GetEnvironmentVariable) switch
        {
            CiSurface.Azure => AzurePipelinesLog.Commands(result, failOn),
            CiSurface.GitLab => GitLabLogSection.Text(result),
            _ => null,
        };
        if (text is not null) log.Write(text);
    }
}
