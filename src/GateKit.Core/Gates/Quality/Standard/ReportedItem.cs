using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// One thing a report lists that explains a metric: a failed test, an analyzer result. The gate turns it
/// into a finding when a condition on one of <see cref="Metrics"/> is violated, at that condition's severity,
/// so a reviewer sees exactly which tests or results broke it, at their file and line.
/// </summary>
/// <param name="Code">The finding code (<see cref="QualityCodes.TestFailed"/>, <see cref="QualityCodes.SarifResult"/>).</param>
/// <param name="Message">One line: the test's or rule's name and the first line of its message.</param>
/// <param name="Source">Where in the sources, as the report spells the path (possibly absolute, from another machine); null when the report does not say.</param>
/// <param name="InReport">Where in the report shard (relative to the file root), used when the source cannot be placed in the root.</param>
/// <param name="Metrics">The metric names it counts towards (<c>tests.failed</c>, <c>sarif.error</c>, <c>sarif.rule.CS0219</c>).</param>
/// <param name="Identity">What names it across runs: a failed test's full name (clipped), compared with the previous run's for <c>tests.new_failed</c>.</param>
public sealed record ReportedItem(string Code, string Message, Location? Source, Location InReport, IReadOnlyList<string> Metrics, string? Identity = null);
