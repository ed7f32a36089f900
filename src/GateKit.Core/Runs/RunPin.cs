using GateKit.Results;

namespace GateKit.Runs;

/// <summary>A pinned input whose digest is not the one recorded.</summary>
public sealed record PinDifference(string Path, string? Pinned, string? Actual)
{
    public override string ToString() =>
        $"{Path}: pinned sha256 {Pinned ?? "(not an input then)"}, now {Actual ?? "(not read now)"}";
}

/// <summary>The inputs no longer match the pinned digests: the run is refused, nothing is written (exit 3).</summary>
public sealed class PinMismatchException(string source, IReadOnlyList<PinDifference> differences)
    : Exception($"inputs differ from the digests pinned by {source}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", differences))
{
    public IReadOnlyList<PinDifference> Differences { get; } = differences;
}

/// <summary>
/// The digests of an earlier run (its result.json): the config and every input it read. A run
/// pinned to them refuses to go on when the config no longer matches, and refuses to be recorded
/// when any input differs (spec@version discipline: same pinned inputs, comparable outcomes).
/// An interrupted run pins only what it read before the signal (<see cref="Partial"/>): the files it never
/// got to are new reads, not differences, so that an interrupted run whose inputs did not change can be rerun.
/// </summary>
public sealed record RunPin(string Source, InputDigest Config, IReadOnlyList<InputDigest> Inputs, bool Partial = false)
{
    public static RunPin From(RunResult result, string source) =>
        new(source, result.Config, result.Gates.SelectMany(g => g.Inputs).DistinctBy(i => i.Path).ToList(), result.Interrupted);

    public void CheckConfig(InputDigest actual)
    {
        if (actual.Sha256 != Config.Sha256)
            throw new PinMismatchException(Source, [new PinDifference(actual.Path, Config.Sha256, actual.Sha256)]);
    }

    public void CheckInputs(RunResult result)
    {
        var actual = result.Gates.SelectMany(g => g.Inputs).DistinctBy(i => i.Path).ToDictionary(i => i.Path, i => i.Sha256, StringComparer.Ordinal);
        var pinned = Inputs.ToDictionary(i => i.Path, i => i.Sha256, StringComparer.Ordinal);
        var differences = pinned.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Select(path => new PinDifference(path, pinned.GetValueOrDefault(path), actual.GetValueOrDefault(path)))
            .Where(d => d.Pinned != d.Actual && !(Partial && d.Pinned is null))
            .ToList();
        if (differences.Count > 0) throw new PinMismatchException(Source, differences);
    }
}
