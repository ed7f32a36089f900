namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// One file a report entry matched (a shard when a glob matched several): its path relative to the
/// file root ('/'-separated, as findings name it) and its resolved full path inside the root.
/// </summary>
public sealed record ReportSource(string RelativePath, string FullPath);
