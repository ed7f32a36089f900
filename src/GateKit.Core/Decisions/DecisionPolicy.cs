using GateKit.Results;

namespace GateKit.Decisions;

/// <summary>
/// When approval is allowed (operations runbook, "Decision Policy"): never with a gate that failed or
/// errored, an unresolved critical (unwaived P0) finding, an interrupted run, or an outcome that differs
/// from a repeated run (<see cref="Repetition"/>). Returns the reasons approval is refused; none means allowed.
/// Every message uses the result's own words (go-with-conditions, fail), never the model's type names.
/// </summary>
public static class DecisionPolicy
{
    public static IReadOnlyList<string> ReasonsToReject(RunResult run, IEnumerable<RunResult> others)
    {
        var reasons = new List<string>();
        if (run.Interrupted) reasons.Add("the run was interrupted: not every gate was evaluated");
        foreach (var gate in run.Gates.Where(g => g.Status is GateStatus.Fail or GateStatus.Error))
            reasons.Add($"gate '{gate.Name}' is {gate.Status.Name()} ({string.Join(", ", gate.ReasonCodes)})");
        foreach (var gate in run.Gates)
            foreach (var finding in gate.Findings.Where(f => f.Priority == Priority.P0 && !f.IsWaived))
                reasons.Add($"unresolved critical finding in '{gate.Name}': {finding.Code}: {finding.Message}");
        if (run.Decision == Decision.NoGo && reasons.Count == 0) reasons.Add($"the run's decision is no-go ({string.Join(", ", run.ReasonCodes)})");
        foreach (var other in others.Where(o => o.RunId != run.RunId && Repetition(o, run) && !SameOutcome(o, run)))
            reasons.Add($"inconsistent outcome across repeated runs (same config, inputs, gates, profile, overrides and tag): {run.RunId} is {Describe(run)}, {other.RunId} is {Describe(other)}");
        return reasons.Distinct().ToList();
    }

    /// <summary>
    /// Two runs are repetitions of each other only when everything that decides an outcome is the same:
    /// the config, the digest of every input read, the gates, the profile, the --set overrides and the tag.
    /// </summary>
    public static bool Repetition(RunResult a, RunResult b) => Differences(a, b).Count == 0;

    /// <summary>What keeps two runs from being repetitions, each worded for people ("profile: dev vs prod"); empty for repetitions.</summary>
    public static IReadOnlyList<string> Differences(RunResult a, RunResult b)
    {
        var differences = new List<string>();
        if (a.Config.Sha256 != b.Config.Sha256) differences.Add("config: a different digest");
        if (!Digests(a).SetEquals(Digests(b))) differences.Add("inputs: different files or digests");
        if (!a.Gates.Select(g => g.Name).SequenceEqual(b.Gates.Select(g => g.Name)))
            differences.Add($"gates: {string.Join(", ", a.Gates.Select(g => g.Name))} vs {string.Join(", ", b.Gates.Select(g => g.Name))}");
        if (a.Profile != b.Profile) differences.Add($"profile: {a.Profile ?? "(none)"} vs {b.Profile ?? "(none)"}");
        if (!a.Overrides.SequenceEqual(b.Overrides))
            differences.Add($"overrides: {OverridesText(a)} vs {OverridesText(b)}");
        if (a.Tag != b.Tag) differences.Add($"tag: {a.Tag ?? "(none)"} vs {b.Tag ?? "(none)"}");
        return differences;
    }

    private static string OverridesText(RunResult r) => r.Overrides.Count == 0 ? "(none)" : string.Join(" ", r.Overrides.Select(s => "--set " + s));

    public static bool SameOutcome(RunResult a, RunResult b) =>
        a.Decision == b.Decision && a.Gates.Select(g => (g.Name, g.Status)).SequenceEqual(b.Gates.Select(g => (g.Name, g.Status)));

    private static HashSet<string> Digests(RunResult r) => r.Gates.SelectMany(g => g.Inputs).Select(i => $"{i.Path}={i.Sha256}").ToHashSet();

    private static string Describe(RunResult r) =>
        string.Join(", ", r.Gates.Select(g => $"{g.Name} {g.Status.Name()}")) + $" → {r.Decision.Name()}";
}
