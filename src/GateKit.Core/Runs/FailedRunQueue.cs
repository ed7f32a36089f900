namespace GateKit.Runs;

/// <summary>
/// The failed-run queue as a run's summary shows it: how many recorded runs ended in error, were
/// interrupted or were refused for an invalid config, and the newest of them, newest first.
/// </summary>
public sealed record FailedRunQueue(int Count, IReadOnlyList<RunIndexEntry> Newest)
{
    /// <summary>How many of the newest failed runs a summary names.</summary>
    public const int Shown = 3;

    /// <param name="entries">The run index, oldest first (<see cref="RunIndex.Read"/>).</param>
    public static FailedRunQueue Of(IReadOnlyList<RunIndexEntry> entries)
    {
        var failed = entries.Where(e => e.Failed).ToList();
        return new FailedRunQueue(failed.Count, failed.TakeLast(Shown).Reverse().ToList());
    }
}
