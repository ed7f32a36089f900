using GateKit.Cli.Tests.Support;

namespace GateKit.Cli.Tests;

public sealed class CommandsTests
{
    [Theory]
    [InlineData("gatekit")]
    [InlineData("result")]
    [InlineData("history")]
    [InlineData("evidence-manifest")]
    [InlineData("merge")]
    public void Schema_print_writes_the_published_schema(string name)
    {
        var run = GateKitProcess.Run(Samples.RepositoryRoot, "schema", "print", name);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "schemas", $"{name}.schema.json")), run.StdOut);
    }

    [Fact]
    public void The_shipped_sample_config_validates_against_the_published_schema()
    {
        GateKit.Tests.Support.SchemaAssert.Valid(GateKit.Tests.Support.SchemaAssert.ConfigSchema,
            File.ReadAllText(Path.Combine(Samples.Quickstart, "gatekit.json")));
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var run = GateKitProcess.Run(Samples.RepositoryRoot, "--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.StdOut.Trim());
    }
}
