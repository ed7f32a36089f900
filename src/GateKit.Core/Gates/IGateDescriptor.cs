using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GateKit.Config;
using GateKit.Output;
using GateKit.Results;
using GateKit.Thresholds;

namespace GateKit.Gates;

/// <summary>
/// Everything GateKit knows about one gate, kept in the gate's own folder: its name, how its
/// <c>gates.&lt;name&gt;</c> section of gatekit.json is read, the rules that section must meet, the thresholds
/// it defines, its section of summary.md, its part of gatekit.schema.json, and the gate itself.
/// <see cref="GateCatalog"/> lists one descriptor per gate; nothing outside the folder names the gate's types.
/// </summary>
public interface IGateDescriptor
{
    /// <summary>The gate's name: its key under <c>gates</c>, in result.json, waivers and threshold keys.</summary>
    string Name { get; }

    /// <summary>
    /// How the section is read: source-generated metadata (Native AOT allows no reflection), resolved with
    /// gatekit.json's strict options (<see cref="ConfigContract"/>).
    /// </summary>
    IJsonTypeInfoResolver SectionTypes { get; }

    /// <summary>
    /// The section as the JSON property <c>gates.&lt;name&gt;</c> of <see cref="GatesConfig"/> (nullable: absent or null is
    /// not configured), made with source-generation metadata services so that Native AOT needs no reflection.
    /// </summary>
    JsonPropertyInfo SectionProperty(JsonSerializerOptions options);

    /// <summary>Converters the section's own types need (its enums, read strictly); shared ones are the contract's.</summary>
    IReadOnlyList<JsonConverter> Converters { get; }

    /// <summary>
    /// The section's rules a JSON Schema cannot express; each problem is added as (JSON path from <c>$</c>, what is wrong).
    /// </summary>
    void Validate(object section, Action<string, string> add);

    /// <summary>The thresholds the section defines, keyed "&lt;gate&gt;.&lt;id&gt;" (profiles and --set address them).</summary>
    IEnumerable<ThresholdDefinition> Thresholds(object section);

    /// <summary>
    /// The gate's part of gatekit.schema.json: a JSON object whose <c>definitions</c> hold the section's shape under
    /// the gate's name (and any shapes it refers to); the root's shared definitions (id, text, pointer, priority,
    /// range, thresholdValue) may be referred to.
    /// </summary>
    string SchemaFragment { get; }

    /// <summary>Writes the gate's own section of summary.md (after the findings), or nothing.</summary>
    void WriteSummary(SummaryWriter summary, GateResult gate);

    IGate Create();
}

/// <summary>
/// The typed base of a descriptor: the section is a <typeparamref name="TSection"/>; the schema fragment is the
/// embedded resource <c>Gates/&lt;Folder&gt;/&lt;name&gt;.schema.json</c> of the descriptor's assembly.
/// </summary>
public abstract class GateDescriptor<TSection> : IGateDescriptor where TSection : class
{
    public abstract string Name { get; }
    public abstract IJsonTypeInfoResolver SectionTypes { get; }

    public JsonPropertyInfo SectionProperty(JsonSerializerOptions options)
    {
        var property = JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<TSection?>
        {
            IsProperty = true,
            IsPublic = true,
            DeclaringType = typeof(GatesConfig),
            PropertyName = Name,
            JsonPropertyName = Name,
            Getter = gates => ((GatesConfig)gates).Section<TSection>(Name),
            Setter = (gates, section) => ((GatesConfig)gates).Set(Name, section),
        });
        // Absent and null both mean "not configured", as for a nullable property of a record.
        property.IsGetNullable = property.IsSetNullable = true;
        return property;
    }

    public virtual IReadOnlyList<JsonConverter> Converters => [];

    public void Validate(object section, Action<string, string> add) => Validate((TSection)section, add);
    public IEnumerable<ThresholdDefinition> Thresholds(object section) => Thresholds((TSection)section);

    public virtual string SchemaFragment
    {
        get
        {
            var resource = $"{Name}.schema.json";
            using var stream = GetType().Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"the {Name} gate's schema fragment '{resource}' is not embedded");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public virtual void WriteSummary(SummaryWriter summary, GateResult gate) { }

    public abstract IGate Create();

    protected abstract void Validate(TSection section, Action<string, string> add);

    protected virtual IEnumerable<ThresholdDefinition> Thresholds(TSection section) => [];
}
