using GateKit.Results;

namespace GateKit;

/// <summary>The exit codes of the spec, the same in every host. Computed here and nowhere else.</summary>
public static class ExitCodes
{
    public const int Go = 0;
    public const int NoGo = 1;
    public const int Usage = 2;
    public const int InvalidInput = 3;
    public const int Runtime = 4;
    public const int Interrupted = 5;

    public static int ForRun(RunResult result, FailOn failOn)
    {
        if (result.Interrupted) return Interrupted;
        if (result.Gates.Any(g => g.Status == GateStatus.Error)) return Runtime;
        return result.Decision switch
        {
            Decision.NoGo => NoGo,
            Decision.GoWithConditions when failOn == FailOn.Warn => NoGo,
            _ => Go,
        };
    }
}

/// <summary>Which decision makes a run exit 1: only no-go (default), or go-with-conditions too.</summary>
public enum FailOn { Fail, Warn }
