using System.Text.Json;
using GateKit.MSBuild.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests;

/// <summary>
/// Which packages <c>dotnet pack src/GateKit.Cli -c Release -p:GateKitNativeTool=true</c> writes, read
/// from the project's evaluation (no build: a second of CPU each), so that the default list holds all
/// the platforms while the package tests pack only one of them (NativeToolFeed); and that a RID whose
/// pack fails fails the whole pack with the child's error.
/// </summary>
public sealed class ToolPackageRuntimesTests : IDisposable
{
    private static readonly string Project = Path.Combine(PackedFeed.RepositoryRoot, "src", "GateKit.Cli", "GateKit.Cli.csproj");

    /// <summary>The platforms the package ships precompiled ReadyToRun (win-arm64's runtime pack is not in the package source).</summary>
    private static readonly string[] ReadyToRun = ["linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void By_default_the_pointer_names_native_linux_x64_then_every_ReadyToRun_platform_then_any()
    {
        var properties = Evaluate([], "ToolPackageRuntimeIdentifiers", "GateKitReadyToRunRuntimeIdentifiers", "RuntimeIdentifiers", "PublishAot");

        Assert.Equal(string.Join(';', ["linux-x64", .. ReadyToRun, "any"]), properties["ToolPackageRuntimeIdentifiers"]);
        Assert.Equal(string.Join(';', ReadyToRun), properties["GateKitReadyToRunRuntimeIdentifiers"]);
        // Restored up front for the native and any packs only: restoring a ReadyToRun RID with Native AOT
        // on would ask for its Native AOT runtime pack, which osx has not.
        Assert.Equal("linux-x64;any", properties["RuntimeIdentifiers"]);
        Assert.Equal("true", properties["PublishAot"]);
    }

    [Theory]
    [InlineData("linux-arm64")]
    [InlineData("osx-x64")]
    [InlineData("osx-arm64")]
    [InlineData("win-x64")]
    public void Each_ReadyToRun_platform_packs_framework_dependent_precompiled_and_run_by_dotnet(string rid)
    {
        var properties = Evaluate([$"-p:RuntimeIdentifier={rid}"], "PublishReadyToRun", "SelfContained", "UseAppHost", "PublishAot", "RuntimeIdentifiers",
            "PublishReadyToRunCrossgen2ExtraArgs");

        Assert.Equal("true", properties["PublishReadyToRun"]);
        Assert.Equal("false", properties["SelfContained"]);
        Assert.Equal("false", properties["UseAppHost"]);
        Assert.Equal("", properties["PublishAot"]);
        Assert.Equal("", properties["RuntimeIdentifiers"]); // restored for its own RID only
        // The framework code the tool instantiates is precompiled too (Directory.Build.props), as in the tests' tool.
        Assert.Equal("--opt-cross-module:*;--non-local-generics-module:*", properties["PublishReadyToRunCrossgen2ExtraArgs"]);
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("any")]
    public void The_native_and_any_packs_stay_as_they_were(string rid)
    {
        var properties = Evaluate([$"-p:RuntimeIdentifier={rid}"], "PublishReadyToRun", "PublishAot");

        Assert.Equal("", properties["PublishReadyToRun"]);
        Assert.Equal("true", properties["PublishAot"]);
    }

    [Fact]
    public void A_ReadyToRun_platform_that_cannot_be_packed_fails_the_pack_with_the_childs_error()
    {
        // Only the target that packs the ReadyToRun RIDs, for a RID the SDK does not know: its child
        // dotnet pack fails at restore, in a second or two, without building anything.
        var pack = Dotnet.RunProgram(TimeSpan.FromMinutes(2), "dotnet", _temp.Path, null, "msbuild", Project, "-t:GateKitPackReadyToRunToolRuntimes",
            "-p:Configuration=Release", "-p:GateKitNativeTool=true", "-p:GateKitReadyToRunRuntimeIdentifiers=gatekit-nowhere-x64",
            $"-p:ArtifactsPath={_temp.Combine("artifacts")}", $"-p:PackageOutputPath={_temp.Combine("feed")}", "-nodeReuse:false", "-tl:off");

        Assert.True(pack.ExitCode != 0, pack.Output);
        Assert.Contains("gatekit-nowhere-x64", pack.Output);
        Assert.Matches(@"error NETSDK\d{4}: .*gatekit-nowhere-x64", pack.Output); // the child's own error, passed on
        Assert.False(Directory.Exists(_temp.Combine("feed")) && Directory.EnumerateFiles(_temp.Combine("feed")).Any(), pack.Output);
    }

    private Dictionary<string, string> Evaluate(string[] extra, params string[] names)
    {
        var evaluation = Dotnet.Run(_temp.Path, null, ["msbuild", Project, "-p:Configuration=Release", "-p:GateKitNativeTool=true", .. extra,
            .. names.Select(n => $"-getProperty:{n}")]);
        Assert.True(evaluation.ExitCode == 0, evaluation.Output);
        return JsonDocument.Parse(evaluation.StdOut).RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
