using GateKit.Config;
using GateKit.Inputs;
using GateKit.History;
using GateKit.Results;
using GateKit.Thresholds;

namespace GateKit.Gates;

/// <summary>
/// Everything a gate may use. A gate reads files only through <see cref="Files"/>, time only from
/// <see cref="Now"/>, and never writes: the same context gives the same outcome.
/// </summary>
public sealed record GateContext(
    GateKitConfig Config,
    FileRoot Files,
    DateTimeOffset Now,
    ResolvedThresholds Thresholds,
    string? Tag,
    IReadOnlyList<HistoryRecord> History)
{
    /// <summary>Who runs the evaluation, when the host was told (promotion evaluate --by).</summary>
    public string? By { get; init; }
    /// <summary>The run's state folder (full path), which a gate never reads as input; null when there is none.</summary>
    public string? StateDirectory { get; init; }
    /// <summary>
    /// The git ref new-code metrics (coverage.new_lines, sarif.new) compare with when a condition names no
    /// <c>changed.base</c>: the host's --base, else the pull request's target on GitHub; null when neither is known.
    /// </summary>
    public string? BaseRef { get; init; }
}

/// <summary>
/// What a gate found, before waivers. The status is not the gate's to decide: Core derives it from
/// the unwaived findings with <see cref="Rules"/>, unless the gate reports <see cref="ExplicitStatus"/>
/// (skipped by policy), or a <see cref="Verdict"/> over the waived findings.
/// </summary>
public sealed record GateOutcome(
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ThresholdUse> Thresholds,
    IReadOnlyList<InputDigest> Inputs,
    IReadOnlyList<Trend> Trends,
    StatusRules Rules,
    GateStatus? ExplicitStatus = null)
{
    /// <summary>
    /// For a gate that answers with a verdict (promotion): the verdict over the findings after waivers, whose
    /// status becomes the gate's. Waivers apply first, so a waived finding never decides the verdict.
    /// </summary>
    public Func<IReadOnlyList<Finding>, Promotion.PromotionVerdict>? Verdict { get; init; }
    /// <summary>The quality gate's failed tests per test report id, recorded for the next run (<see cref="GateResult.FailedTests"/>).</summary>
    public IReadOnlyDictionary<string, FailedTestsRecord>? FailedTests { get; init; }
}

/// <summary>One gate: a pure evaluation of its inputs.</summary>
public interface IGate
{
    string Name { get; }

    GateOutcome Evaluate(GateContext context, CancellationToken cancellationToken);
}
