using GateKit.Config;
using GateKit.Gates.Promotion;
using GateKit.Gates.Docs;
using GateKit.Gates.Evidence;
using GateKit.Gates.Quality;
using GateKit.Gates.Release;

namespace GateKit.Gates;

/// <summary>Every gate GateKit knows, in the order a run evaluates them.</summary>
public static class GateCatalog
{
    private static readonly (string Name, Func<GatesConfig, bool> IsConfigured, Func<IGate> Create)[] Entries =
    [
        (ReleaseGate.GateName, g => g.Release is not null, () => new ReleaseGate()),
        (QualityGate.GateName, g => g.Quality is not null, () => new QualityGate()),
        (PromotionGate.GateName, g => g.Promotion is not null, () => new PromotionGate()),
        (DocsGate.GateName, g => g.Docs is not null, () => new DocsGate()),
        (EvidenceGate.GateName, g => g.Evidence is not null, () => new EvidenceGate()),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToList();

    public static IReadOnlyList<string> Configured(GatesConfig gates) =>
        Entries.Where(e => e.IsConfigured(gates)).Select(e => e.Name).ToList();

    public static IGate Create(string name) => Entries.Single(e => e.Name == name).Create();
}
