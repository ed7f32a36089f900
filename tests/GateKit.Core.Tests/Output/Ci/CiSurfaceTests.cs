using GateKit.Config;
using GateKit.Output.Ci;

namespace GateKit.Tests.Output.Ci;

/// <summary>Which CI's job log gets the run: forced by --ci, else detected from the variables each CI sets.</summary>
public sealed class CiSurfaceTests
{
    [Theory]
    [InlineData(null, "", CiSurface.None)]
    [InlineData("auto", "", CiSurface.None)]
    [InlineData(null, "TF_BUILD=True", CiSurface.Azure)]
    [InlineData(null, "TF_BUILD=true", CiSurface.Azure)]
    [InlineData(null, "TF_BUILD=False", CiSurface.None)]
    [InlineData(null, "TF_BUILD=", CiSurface.None)]
    [InlineData(null, "GITLAB_CI=true", CiSurface.GitLab)]
    [InlineData(null, "GITLAB_CI=yes", CiSurface.None)]
    [InlineData(null, "GITHUB_ACTIONS=true", CiSurface.GitHub)]
    [InlineData(null, "GITHUB_ACTIONS=true;GITLAB_CI=true", CiSurface.GitLab)]
    [InlineData(null, "GITHUB_ACTIONS=true;TF_BUILD=True", CiSurface.Azure)]
    [InlineData("none", "TF_BUILD=True", CiSurface.None)]
    [InlineData("github", "TF_BUILD=True", CiSurface.GitHub)]
    [InlineData("AZURE", "", CiSurface.Azure)]
    [InlineData("gitlab", "GITHUB_ACTIONS=true", CiSurface.GitLab)]
    public void The_surface_is_forced_or_detected(string? value, string environment, CiSurface expected)
    {
        var variables = environment.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expected, CiSurfaces.Resolve(value, name => variables.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("jenkins")]
    [InlineData("")]
    [InlineData("azure\n")]
    public void An_unknown_CI_is_a_usage_error_naming_it(string value)
    {
        var e = Assert.Throws<RequestException>(() => CiSurfaces.Resolve(value, _ => null));
        Assert.Contains($"unknown CI '{value}'", e.Message);
        Assert.Equal([RequestInput.CiSurface], e.Text.Inputs);
    }
}
