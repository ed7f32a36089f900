using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>
/// How a gate or a run shows as a check run conclusion, by the rule the exit code follows
/// (<see cref="ExitCodes.ForRun"/>): a check fails exactly when it stands for something that makes the
/// run exit non-zero. So warn and partial fail the check under <c>--fail-on warn</c> and are neutral (a
/// yellow mark that does not block a branch protection rule) otherwise; fail and error always fail; a
/// run that evaluated nothing is no-go, so its skipped gates fail too. An interrupted run is cancelled.
/// </summary>
public static class CheckConclusions
{
    public const string Success = "success";
    public const string Neutral = "neutral";
    public const string Failure = "failure";
    public const string Cancelled = "cancelled";

    /// <summary>The conclusion of one gate's check run within <paramref name="run"/>.</summary>
    public static string For(GateResult gate, RunResult run, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(run);
        return gate.Status switch
        {
            GateStatus.Pass => Success,
            GateStatus.Skipped => run.Gates.All(g => g.Status == GateStatus.Skipped) ? Failure : Neutral,
            GateStatus.Warn or GateStatus.Partial => failOn == FailOn.Warn ? Failure : Neutral,
            _ => Failure,
        };
    }

    /// <summary>The conclusion of the one check run for a whole run: failure exactly when the run exits non-zero.</summary>
    public static string For(RunResult result, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Interrupted) return Cancelled;
        if (ExitCodes.ForRun(result, failOn) != ExitCodes.Go) return Failure;
        return result.Decision == Decision.Go ? Success : Neutral;
    }
}
