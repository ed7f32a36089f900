using GateKit.Output;

namespace GateKit.Cli.Commands;

/// <summary>
/// Fault injection for the process-level tests (kill or signal the real tool at a known point), wired into Core's
/// hooks by the commands that run gates. Off unless the hidden variable GATEKIT_FAULT is set; read here only, so
/// that Core's write path holds no test code.
/// </summary>
internal static class FaultInjection
{
    private const string Variable = "GATEKIT_FAULT";

    public static void BeforeGate(string gate, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { } fault) return;
        if (fault == $"pause-before-gate:{gate}")
        {
            Console.Error.WriteLine($"gatekit: fault: paused before gate {gate}");
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
        }
        else if (fault == $"block-before-gate:{gate}")
        {
            // Stands for a read the OS will not interrupt: the cancellation is never looked at.
            Console.Error.WriteLine($"gatekit: fault: blocked before gate {gate}");
            Thread.Sleep(TimeSpan.FromMinutes(2));
        }
    }

    /// <summary>"pause-before-rename" and "pause-before-index" stall the run at that point until it is killed.</summary>
    public static void AtWritePoint(WritePoint point)
    {
        var (fault, what) = point switch
        {
            WritePoint.StagedBeforeRename => ("pause-before-rename", "the staging folder is renamed"),
            WritePoint.StoredBeforeIndex => ("pause-before-index", "the run is indexed"),
            _ => throw new ArgumentOutOfRangeException(nameof(point), point, null),
        };
        if (Environment.GetEnvironmentVariable(Variable) != fault) return;
        Console.Error.WriteLine($"gatekit: fault: paused before {what}");
        Thread.Sleep(TimeSpan.FromMinutes(5));
    }
}
