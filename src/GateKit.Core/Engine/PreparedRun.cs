using GateKit.Config;
using GateKit.Gates.Release;
using GateKit.History;
using GateKit.Results;

namespace GateKit.Engine;

/// <summary>
/// A host's <see cref="RunOptions"/> with everything Core gathered for it: the loaded config, the gates it
/// selects, the clock, git identity and earlier history. Core evaluates nothing else.
/// </summary>
/// <param name="Gates">The selected gates (<see cref="RunEvaluator.SelectGates"/>), in the config's order.</param>
/// <param name="StateDirectory">The state folder the run is written to (the docs gate never reads it as documentation); null when none.</param>
public sealed record PreparedRun(
    RunOptions Request,
    LoadedConfig Config,
    IReadOnlyList<string> Gates,
    TimeProvider Clock,
    GitInfo? Git,
    IReadOnlyList<HistoryRecord> History,
    string? StateDirectory)
{
    /// <summary>The one tag of the whole run, resolved here only: the request's, else the release gate's configured tag.</summary>
    public string? Tag => Request.Tag ?? Config.Config.Gates.Release?.Tag;
}
