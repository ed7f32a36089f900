using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GateKit.Config;

namespace GateKit.Gates.Evidence;

/// <summary>The evidence gate (evidence packs as `gatekit evidence verify` checks them): everything GateKit knows about it (see <see cref="IGateDescriptor"/>).</summary>
public sealed class EvidenceGateDescriptor : GateDescriptor<EvidenceConfig>
{
    public override string Name => EvidenceGate.GateName;

    public override IJsonTypeInfoResolver SectionTypes => EvidenceConfigJsonContext.Default;

    public override IGate Create() => new EvidenceGate();

    protected override void Validate(EvidenceConfig section, Action<string, string> add) => EvidenceConfigRules.Validate(section, add);
}

/// <summary>Source-generated metadata of gates.evidence; read with gatekit.json's strict options (<see cref="ConfigContract"/>).</summary>
[JsonSerializable(typeof(EvidenceConfig))]
internal sealed partial class EvidenceConfigJsonContext : JsonSerializerContext;

/// <summary><c>config.Gates.Evidence</c>: the evidence gate's section, or null when it is not configured.</summary>
public static class EvidenceConfigSection
{
    extension(GatesConfig gates)
    {
        public EvidenceConfig? Evidence => gates.Section<EvidenceConfig>(EvidenceGate.GateName);
    }
}
