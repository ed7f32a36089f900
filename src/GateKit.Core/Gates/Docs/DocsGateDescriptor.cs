using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GateKit.Config;

namespace GateKit.Gates.Docs;

/// <summary>The docs gate (references between documentation files): everything GateKit knows about it (see <see cref="IGateDescriptor"/>).</summary>
public sealed class DocsGateDescriptor : GateDescriptor<DocsConfig>
{
    public override string Name => DocsGate.GateName;

    public override IJsonTypeInfoResolver SectionTypes => DocsConfigJsonContext.Default;

    public override IReadOnlyList<JsonConverter> Converters { get; } =
        [new StrictEnumConverter<SlugDialect>()];

    public override IGate Create() => new DocsGate();

    protected override void Validate(DocsConfig section, Action<string, string> add) => DocsConfigValidator.Validate(section, add);
}

/// <summary>Source-generated metadata of gates.docs; read with gatekit.json's strict options (<see cref="ConfigContract"/>).</summary>
[JsonSerializable(typeof(DocsConfig))]
internal sealed partial class DocsConfigJsonContext : JsonSerializerContext;

/// <summary><c>config.Gates.Docs</c>: the docs gate's section, or null when it is not configured.</summary>
public static class DocsConfigSection
{
    extension(GatesConfig gates)
    {
        public DocsConfig? Docs => gates.Section<DocsConfig>(DocsGate.GateName);
    }
}
