using GateKit.Results;

namespace GateKit.Decisions;

/// <summary>
/// When approval is allowed (operations runbook, "Decision Policy"): never with a gate that failed or
/// errored, an unresolved critical (unwaived P0) finding, an interrupted run, or an outcome that differs
/// from another run of the same pinned inputs. Returns the reasons approval is refused; none means allowed.
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
        foreach (var other in others.Where(o => o.RunId != run.RunId && SamePinnedInputs(o, run) && !SameOutcome(o, run)))
            reasons.Add($"inconsistent outcome across repeated runs of the same pinned inputs: {run.RunId} is {Describe(run)}, {other.RunId} is {Describe(other)}");
        return reasons.Distinct().ToList();
    }

    /// <summary>Same config and the same digest for every input read.</summary>
    public static bool SamePinnedInputs(RunResult a, RunResult b) =>
        a.Config.Sha256 == b.Config.Sha256 && Digests(a).SetEquals(Digests(b));

    public static bool SameOutcome(RunResult a, RunResult b) =>
        a.Decision == b.Decision && a.Gates.Select(g => (g.Name, g.Status)).SequenceEqual(b.Gates.Select(g => (g.Name, g.Status)));

    private static HashSet<string> Digests(RunResult r) => r.Gates.SelectMany(g => g.Inputs).Select(i => $"{i.Path}={i.Sha256}").ToHashSet();

    private static string Describe(RunResult r) =>
        string.Join(", ", r.Gates.Select(g => $"{g.Name} {g.Status.Name()}")) + $" → {r.Decision}";
}
