using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GateKit.Config;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>The promotion gate (whether a rollout may expand): everything GateKit knows about it (see <see cref="IGateDescriptor"/>).</summary>
public sealed class PromotionGateDescriptor : GateDescriptor<PromotionConfig>
{
    public override string Name => PromotionGate.GateName;

    public override IJsonTypeInfoResolver SectionTypes => PromotionConfigJsonContext.Default;

    public override IGate Create() => new PromotionGate();

    public override void WriteSummary(SummaryWriter summary, GateResult gate) => PromotionSummarySection.Write(summary, gate);

    protected override void Validate(PromotionConfig section, Action<string, string> add) => PromotionConfigValidator.Validate(section, add);
}

/// <summary>Source-generated metadata of gates.promotion; read with gatekit.json's strict options (<see cref="ConfigContract"/>).</summary>
[JsonSerializable(typeof(PromotionConfig))]
internal sealed partial class PromotionConfigJsonContext : JsonSerializerContext;

/// <summary><c>config.Gates.Promotion</c>: the promotion gate's section, or null when it is not configured.</summary>
public static class PromotionConfigSection
{
    extension(GatesConfig gates)
    {
        public PromotionConfig? Promotion => gates.Section<PromotionConfig>(PromotionGate.GateName);
    }
}
