using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>
/// How a gate status or a run decision shows as a check run conclusion. Warnings are neutral (a
/// yellow mark that does not block a branch protection rule); a partial gate (an evidence set or
/// report only partly there) asks a person to act; fail and error fail the check.
/// </summary>
public static class CheckConclusions
{
    public const string Success = "success";
    public const string Neutral = "neutral";
    public const string Failure = "failure";
    public const string ActionRequired = "action_required";
    public const string Cancelled = "cancelled";

    public static string For(GateStatus status) => status switch
    {
        GateStatus.Pass => Success,
        GateStatus.Skipped or GateStatus.Warn => Neutral,
        GateStatus.Partial => ActionRequired,
        _ => Failure,
    };

    public static string For(RunResult result, FailOn failOn) =>
        result.Interrupted ? Cancelled : result.Decision switch
        {
            Decision.Go => Success,
            Decision.GoWithConditions => failOn == FailOn.Warn ? Failure : Neutral,
            _ => Failure,
        };
}
