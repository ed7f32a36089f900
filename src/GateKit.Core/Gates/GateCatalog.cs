using GateKit.Config;
using GateKit.Gates.Promotion;
using GateKit.Gates.Docs;
using GateKit.Gates.Evidence;
using GateKit.Gates.Quality;
using GateKit.Gates.Release;

namespace GateKit.Gates;

/// <summary>Every gate GateKit knows, in the order a run evaluates them: one descriptor per gate, one line each.</summary>
public static class GateCatalog
{
    private static readonly IReadOnlyList<IGateDescriptor> BuiltIn =
    [
        new ReleaseGateDescriptor(),
        new QualityGateDescriptor(),
        new PromotionGateDescriptor(),
        new DocsGateDescriptor(),
        new EvidenceGateDescriptor(),
    ];

    // Tests only: a catalogue for the calling flow (a test-only gate), so that parallel tests keep the built-in one.
    private static readonly AsyncLocal<IReadOnlyList<IGateDescriptor>?> Override = new();

    public static IReadOnlyList<IGateDescriptor> Descriptors => Override.Value ?? BuiltIn;

    public static IReadOnlyList<string> Names => Descriptors.Select(d => d.Name).ToList();

    public static IGateDescriptor? Find(string name) => Descriptors.FirstOrDefault(d => d.Name == name);

    public static IReadOnlyList<string> Configured(GatesConfig gates) =>
        Descriptors.Where(d => gates.Section(d.Name) is not null).Select(d => d.Name).ToList();

    public static IGate Create(string name) => Descriptors.Single(d => d.Name == name).Create();

    /// <summary>Tests only: the built-in gates and <paramref name="extra"/> until the returned scope ends, in this flow.</summary>
    internal static IDisposable With(params IGateDescriptor[] extra)
    {
        var previous = Override.Value;
        Override.Value = [.. BuiltIn, .. extra];
        return new Scope(() => Override.Value = previous);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
