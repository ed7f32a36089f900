using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit init writes a starter config that validate-config accepts, and never overwrites one.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("README.md", "docs/a.md")]
    [InlineData("results/cases.jsonl", "README.md")]
    [InlineData("evidence/rel/manifest.json", "TestResults/x.trx")]
    public void The_written_config_validates_and_the_explanation_is_printed(params string[] files)
    {
        foreach (var file in files)
            _temp.Write(file, file.EndsWith("manifest.json", StringComparison.Ordinal) ? "{\"pack_id\":\"p\"}" : file.EndsWith(".jsonl", StringComparison.Ordinal) ? "{}\n" : "# t\n");

        var init = GateKitProcess.Run(_temp.Path, "init", "--dir", _temp.Path);
        Assert.True(init.ExitCode == 0, init.StdErr);
        Assert.Contains("gatekit.json", init.StdOut, StringComparison.Ordinal);
        Assert.Contains("validate-config", init.StdOut, StringComparison.Ordinal);

        var validate = GateKitProcess.Run(_temp.Path, "validate-config");
        Assert.True(validate.ExitCode == 0, validate.StdErr);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp*"));
    }

    [Fact]
    public void An_existing_config_is_never_overwritten_exit_2_naming_it()
    {
        _temp.Write("README.md", "# t\n");
        var existing = _temp.Write("gatekit.json", "my own config");

        var init = GateKitProcess.Run(_temp.Path, "init");
        Assert.Equal(2, init.ExitCode);
        Assert.Contains(existing, init.StdErr, StringComparison.Ordinal);
        Assert.Equal("my own config", File.ReadAllText(existing));
    }

    [Fact]
    public void A_repository_with_nothing_to_gate_gets_no_config_and_exit_2()
    {
        _temp.Write("src/main.c", "int main(){}");
        var init = GateKitProcess.Run(_temp.Path, "init");
        Assert.Equal(2, init.ExitCode);
        Assert.False(File.Exists(_temp.Combine("gatekit.json")));
    }

    [Fact]
    public void A_missing_dir_is_a_usage_error()
    {
        var init = GateKitProcess.Run(_temp.Path, "init", "--dir", _temp.Combine("nope"));
        Assert.Equal(2, init.ExitCode);
        Assert.Contains("nope", init.StdErr, StringComparison.Ordinal);
    }
}
