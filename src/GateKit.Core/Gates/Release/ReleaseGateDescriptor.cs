using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GateKit.Config;

namespace GateKit.Gates.Release;

/// <summary>The release gate (artifacts that must exist, parse, validate and meet assertions; the sign-off): everything GateKit knows about it (see <see cref="IGateDescriptor"/>).</summary>
public sealed class ReleaseGateDescriptor : GateDescriptor<ReleaseConfig>
{
    public override string Name => ReleaseGate.GateName;

    public override IJsonTypeInfoResolver SectionTypes => ReleaseConfigJsonContext.Default;

    public override IReadOnlyList<JsonConverter> Converters { get; } =
        [new StrictEnumConverter<ArtifactKind>()];

    public override IGate Create() => new ReleaseGate();

    protected override void Validate(ReleaseConfig section, Action<string, string> add) => ReleaseConfigValidator.Validate(section, add);
}

/// <summary>Source-generated metadata of gates.release; read with gatekit.json's strict options (<see cref="ConfigContract"/>).</summary>
[JsonSerializable(typeof(ReleaseConfig))]
internal sealed partial class ReleaseConfigJsonContext : JsonSerializerContext;

/// <summary><c>config.Gates.Release</c>: the release gate's section, or null when it is not configured.</summary>
public static class ReleaseConfigSection
{
    extension(GatesConfig gates)
    {
        public ReleaseConfig? Release => gates.Section<ReleaseConfig>(ReleaseGate.GateName);
    }
}
