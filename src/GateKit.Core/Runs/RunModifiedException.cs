namespace GateKit.Runs;

/// <summary>
/// A run's folder no longer holds what was recorded when it ran (a file edited, replaced or removed), or
/// the run is not in the run index, so what it says cannot be trusted: approving, signing off or handing
/// it off is refused (exit 1) and nothing is written.
/// </summary>
public sealed class RunModifiedException(string runId, IReadOnlyList<ModifiedFile> modified, string? problem = null)
    : Exception(Describe(runId, modified, problem))
{
    public string RunId { get; } = runId;

    /// <summary>The files whose SHA-256 differs from the one recorded at run time (empty when the run is not in the index).</summary>
    public IReadOnlyList<ModifiedFile> Modified { get; } = modified;

    private static string Describe(string runId, IReadOnlyList<ModifiedFile> modified, string? problem) =>
        problem is not null
            ? $"run {runId} cannot be verified: {problem}"
            : $"run {runId} was modified after it ran; refused:" + string.Concat(modified.Select(f =>
                $"{Environment.NewLine}  {f.Name}: sha256 now {f.Now ?? "(missing)"}, recorded {f.Recorded}"));
}
