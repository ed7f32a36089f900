namespace GateKit.Cli.Commands;

/// <summary>
/// Fault injection for the process-level tests (kill or signal the real tool at a known point). Off
/// unless GATEKIT_FAULT is set; see also AtomicFile.FaultVariable.
/// </summary>
internal static class FaultInjection
{
    public static void BeforeGate(string gate, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(Output.AtomicFile.FaultVariable) is not { } fault) return;
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
}
