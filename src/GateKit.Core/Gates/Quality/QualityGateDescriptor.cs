using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GateKit.Config;
using GateKit.Thresholds;

namespace GateKit.Gates.Quality;

/// <summary>The quality gate (metric reports and the conditions their metrics must meet): everything GateKit knows about it (see <see cref="IGateDescriptor"/>).</summary>
public sealed class QualityGateDescriptor : GateDescriptor<QualityConfig>
{
    public override string Name => QualityGate.GateName;

    public override IJsonTypeInfoResolver SectionTypes => QualityConfigJsonContext.Default;

    public override IReadOnlyList<JsonConverter> Converters { get; } =
        [new StrictEnumConverter<Aggregate>(), new StrictEnumConverter<Baseline>(), new StrictEnumConverter<ReportFormat>()];

    public override IGate Create() => new QualityGate();

    protected override void Validate(QualityConfig section, Action<string, string> add) => QualityConfigValidator.Validate(section, add);

    protected override IEnumerable<ThresholdDefinition> Thresholds(QualityConfig section) =>
        section.Conditions.Select(c => new ThresholdDefinition(ThresholdCatalog.Key(Name, c.Id), c.Op, c.Threshold, c.Severity));
}

/// <summary>Source-generated metadata of gates.quality; read with gatekit.json's strict options (<see cref="ConfigContract"/>).</summary>
[JsonSerializable(typeof(QualityConfig))]
internal sealed partial class QualityConfigJsonContext : JsonSerializerContext;

/// <summary><c>config.Gates.Quality</c>: the quality gate's section, or null when it is not configured.</summary>
public static class QualityConfigSection
{
    extension(GatesConfig gates)
    {
        public QualityConfig? Quality => gates.Section<QualityConfig>(QualityGate.GateName);
    }
}
