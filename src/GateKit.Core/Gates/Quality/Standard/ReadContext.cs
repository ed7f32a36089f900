namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// What a standard report reader may use besides the shards: the report entry's id (the subject of its
/// findings), the per-gate byte limit of one shard (<c>gates.quality.maxFileBytes</c>) and, for new-code metrics, the lines changed since the base
/// (null when no base is known: readers then provide no new-code metric), and the file root, whose files coverage
/// readers map report paths onto (null in tests of readers that need none).
/// </summary>
public sealed record ReadContext(string ReportId, long MaxFileBytes, ChangedLines? Changed = null, Inputs.FileRoot? Root = null)
{
    private Task<ChangedLines>? PendingChanged { get; init; } = Changed is null ? null : Task.FromResult(Changed);

    /// <summary>
    /// A context whose changed lines are still being computed (<see cref="NewCode.GitChangedLines.Start"/>), so that git
    /// diffs while the reader parses the report; null <paramref name="changed"/> when there is no base.
    /// </summary>
    public static ReadContext WhileChanging(string reportId, long maxFileBytes, Task<ChangedLines>? changed, Inputs.FileRoot? root) =>
        new(reportId, maxFileBytes, null, root) { PendingChanged = changed };

    /// <summary>The lines changed since the base; waits for them when still being computed, and throws what computing them threw.</summary>
    public ChangedLines? Changed => PendingChanged?.GetAwaiter().GetResult();

    /// <summary>
    /// Opens a shard as a stream through <see cref="Inputs.InputReader"/>: regular files only, at most
    /// <see cref="MaxFileBytes"/> bytes (more throws <see cref="Inputs.InputTooLargeException"/> while reading),
    /// hashed on the way so the reading can name the input.
    /// </summary>
    public ShardStream Open(ReportSource shard) => ShardStream.Open(shard, MaxFileBytes, "gates.quality.maxFileBytes");
}
