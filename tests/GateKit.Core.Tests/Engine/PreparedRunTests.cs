using GateKit.Config;
using GateKit.Engine;
using GateKit.Gates.Release;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Engine;

public sealed class PreparedRunTests
{
    [Theory]
    [InlineData("v2.0", null, "v2.0")]
    [InlineData(null, "v1.5", "v1.5")]
    [InlineData("v2.0", "v1.5", "v2.0")]
    [InlineData(null, null, null)]
    public void The_run_has_one_tag_the_request_s_before_the_config_s(string? requested, string? configured, string? tag)
    {
        var config = new GateKitConfig { SchemaVersion = 1, Gates = new GatesConfig([new(ReleaseGate.GateName, new ReleaseConfig { Tag = configured, Artifacts = [] })]) };
        var loaded = new LoadedConfig(config, "/gatekit.json", "/", new InputDigest("gatekit.json", new string('0', 64), 1));
        var request = new RunOptions(loaded.FullPath, [], null, [], requested, null, false, new ToolInfo("gatekit", "0.0.0-test"));
        Assert.Equal(tag, new PreparedRun(request, loaded, [], new FixedClock(Configs.Now), null, [], null).Tag);
    }
}
