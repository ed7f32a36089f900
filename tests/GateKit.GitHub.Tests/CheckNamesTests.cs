namespace GateKit.GitHub.Tests;

public sealed class CheckNamesTests
{
    [Theory]
    [InlineData("gatekit", "quality", "test", """{"os":"ubuntu-latest","dotnet":"10.0"}""", "gatekit / quality (test, ubuntu-latest, 10.0)")]
    [InlineData("gatekit", null, "test", "null", "gatekit (test)")]
    [InlineData("gatekit", "docs", null, null, "gatekit / docs")]
    [InlineData("", "docs", "build", "", "gatekit / docs (build)")]
    [InlineData("gates", "release", "b", """{"n":3,"inc":{"a":1}}""", """gates / release (b, 3, {"a":1})""")]
    [InlineData("gatekit", "quality", "test", "linux-x64", "gatekit / quality (test, linux-x64)")]
    [InlineData("gate\nkit", "q", "j\r\n", null, "gate kit / q (j)")]
    public void Names_carry_the_job_and_matrix_identity(string baseName, string? gate, string? job, string? matrix, string expected) =>
        Assert.Equal(expected, CheckNames.For(baseName, gate, job, matrix));

    [Fact]
    public void Two_matrix_legs_get_different_names() =>
        Assert.NotEqual(CheckNames.For("gatekit", "quality", "test", """{"os":"windows"}"""), CheckNames.For("gatekit", "quality", "test", """{"os":"linux"}"""));
}
