using GateKit.Config;
using GateKit.History;
using GateKit.Results;

namespace GateKit.Engine;

/// <summary>
/// Everything one run depends on, gathered by the host: the loaded config, the selection, the
/// thresholds' inputs, the clock, git identity and earlier history. Core evaluates nothing else.
/// </summary>
public sealed record RunRequest(
    LoadedConfig Config,
    IReadOnlyList<string> Gates,
    string? Profile,
    IReadOnlyList<string> Sets,
    string? Tag,
    bool Deterministic,
    TimeProvider Clock,
    GitInfo? Git,
    IReadOnlyList<HistoryRecord> History,
    ToolInfo Tool)
{
    /// <summary>Called before each gate is evaluated (progress output; fault injection in tests).</summary>
    public Action<string, CancellationToken>? OnGateStarting { get; init; }

    /// <summary>Who runs the evaluation (a host's --by), for gates that record it (promotion); null when not given.</summary>
    public string? By { get; init; }
    /// <summary>The state folder the run is written to (the docs gate never reads it as documentation).</summary>
    public string? StateDirectory { get; init; }
    /// <summary>The git ref new-code metrics compare with by default (see <see cref="RunOptions.BaseRef"/>).</summary>
    public string? BaseRef { get; init; }
}
