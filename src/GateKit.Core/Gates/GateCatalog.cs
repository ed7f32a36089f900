using GateKit.Config;
using GateKit.Gates.Quality;

namespace GateKit.Gates;

/// <summary>Every gate GateKit knows, in the order a run evaluates them.</summary>
public static class GateCatalog
{
    private static readonly (string Name, Func<GatesConfig, bool> IsConfigured, Func<IGate> Create)[] Entries =
    [
        (QualityGate.GateName, g => g.Quality is not null, () => new QualityGate()),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToList();

    public static IReadOnlyList<string> Configured(GatesConfig gates) =>
        Entries.Where(e => e.IsConfigured(gates)).Select(e => e.Name).ToList();

    public static IGate Create(string name) => Entries.Single(e => e.Name == name).Create();
}
