namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// What a standard report reader may use besides the shards: the report entry's id (the subject of its
/// findings), the per-gate byte limit of one shard (<c>gates.quality.maxFileBytes</c>) and, for new-code metrics, the lines changed since the base
/// (null when no base is known: readers then provide no new-code metric), and the file root, whose files coverage
/// readers map report paths onto (null in tests of readers that need none).
/// </summary>
public sealed record ReadContext(string ReportId, long MaxFileBytes, ChangedLines? Changed = null, Inputs.FileRoot? Root = null)
{
    /// <summary>
    /// Opens a shard as a stream through <see cref="Inputs.InputReader"/>: regular files only, at most
    /// <see cref="MaxFileBytes"/> bytes (more throws <see cref="Inputs.InputTooLargeException"/> while reading),
    /// hashed on the way so the reading can name the input.
    /// </summary>
    public ShardStream Open(ReportSource shard) => ShardStream.Open(shard, MaxFileBytes, "gates.quality.maxFileBytes");
}
