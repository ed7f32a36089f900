using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GateKit.Gates;

namespace GateKit.Config;

/// <summary>
/// The System.Text.Json contract of gatekit.json for a set of gate descriptors: the root's source-generated
/// metadata (<see cref="ConfigJsonContext"/>) combined with each gate's, and <see cref="GatesConfig"/> given one
/// nullable property per descriptor. Every reader and walker of the config model (the loader, its error wording,
/// the null check) goes through <see cref="Options"/>, so a gate's section is read exactly as the root is:
/// strictly (unknown properties, comments, trailing commas and integer enums are errors).
/// </summary>
internal static class ConfigContract
{
    private static readonly Lock Gate = new();
    private static (IReadOnlyList<IGateDescriptor> Descriptors, JsonSerializerOptions Options)? cache;

    /// <summary>The options for the catalogue's current descriptors (built once per descriptor list).</summary>
    public static JsonSerializerOptions Options
    {
        get
        {
            var descriptors = GateCatalog.Descriptors;
            lock (Gate)
            {
                if (cache is not { } cached || !ReferenceEquals(cached.Descriptors, descriptors))
                    cache = cached = (descriptors, Build(descriptors));
                return cached.Options;
            }
        }
    }

    public static JsonTypeInfo<GateKitConfig> Root => (JsonTypeInfo<GateKitConfig>)Options.GetTypeInfo(typeof(GateKitConfig));

    /// <summary>The metadata of a config model type, or null when the model has no such type.</summary>
    public static JsonTypeInfo? Info(Type type) => Options.TryGetTypeInfo(type, out var info) ? info : null;

    private static JsonSerializerOptions Build(IReadOnlyList<IGateDescriptor> descriptors)
    {
        var options = new JsonSerializerOptions(ConfigJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver
                .Combine([ConfigJsonContext.Default, .. descriptors.Select(d => d.SectionTypes)])
                .WithAddedModifier(info => AddSections(info, descriptors)),
        };
        foreach (var converter in descriptors.SelectMany(d => d.Converters)) options.Converters.Add(converter);
        options.MakeReadOnly();
        return options;
    }

    private static void AddSections(JsonTypeInfo info, IReadOnlyList<IGateDescriptor> descriptors)
    {
        if (info.Type != typeof(GatesConfig)) return;
        info.Properties.Clear();
        foreach (var descriptor in descriptors) info.Properties.Add(descriptor.SectionProperty(info.Options));
    }
}
