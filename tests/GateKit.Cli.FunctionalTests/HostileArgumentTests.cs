using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// What the globbing library or the file system would throw on is invalid input named by where it
/// came from, never "unexpected error" (issue 20, kinds 4 and 7): a glob with ".." inside, a tag with
/// a control character (refused alike by validate-config and run).
/// </summary>
public sealed class HostileArgumentTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--exclude", "**/../**")]
    [InlineData("--include", "a/../../b")]
    public void An_unusable_pack_glob_is_a_usage_error_naming_the_option(string option, string pattern)
    {
        _temp.Write("in/a.txt", "hi\n");
        var run = GateKitProcess.Run(_temp.Path, "evidence", "pack", "--in", "in", "--out-root", "out", "--pack-id", "p1", "--git-ref", "abc",
            "--run-reason", "r", "--operator", "o", option, pattern);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option} '{pattern}'", run.StdErr);
        Assert.DoesNotContain("unexpected error", run.StdErr);
        Assert.False(Directory.Exists(_temp.Combine("out/p1")));
    }

    [Fact]
    public void An_unusable_waiver_glob_is_invalid_config_with_its_path()
    {
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        var config = Path.Combine(sample, "gatekit.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"subject\": \"cost_per_case\",", "\"subject\": \"cost_per_case\", \"file\": \"**/../**\","));
        foreach (var command in new[] { "validate-config", "run" })
        {
            var run = GateKitProcess.Run(sample, command);
            Assert.Equal(3, run.ExitCode);
            Assert.Contains("$.waivers[0].file: not a usable glob", run.StdErr);
        }
    }

    [Fact]
    public void A_tag_with_a_control_character_is_refused_by_validate_config_and_run_alike()
    {
        var sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));
        var config = Path.Combine(sample, "gatekit.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"tag\": \"v1.4.0\"", "\"tag\": \"v1.4.0\\u0000\""));
        foreach (var command in new[] { "validate-config", "run" })
        {
            var run = GateKitProcess.Run(sample, command);
            Assert.Equal(3, run.ExitCode);
            Assert.Contains("$.gates.release.tag: the tag contains a control character", run.StdErr);
        }
        var flag = GateKitProcess.Run(Samples.CopyTo(Samples.Quickstart, _temp.Combine("second")), "run", "--tag", "v1\t2");
        Assert.Equal(2, flag.ExitCode);
        Assert.Contains("the tag contains a control character", flag.StdErr);
    }
}
