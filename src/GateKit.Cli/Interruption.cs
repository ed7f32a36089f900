using System.Runtime.InteropServices;

namespace GateKit.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into cancellation instead of termination, so that a run can write a
/// complete, interrupted result (exit 5) rather than dying mid-write. The spec promises that a signal
/// always ends the process within a second with exit 5: work that does not notice the cancellation in
/// <see cref="Grace"/> (a read the OS will not interrupt, a loop without a check) is ended there, still
/// with exit 5; nothing is half-written because every write is staged and renamed. A second signal
/// ends the process at once, also with exit 5 (not the 130/143 of the default handler).
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>How long cancelled work may take to finish on its own before the process is ended.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private readonly TextWriter stderr;
    private Timer? deadline;
    private int signals;

    public Interruption(TextWriter stderr)
    {
        this.stderr = stderr;
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => source.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref signals) > 1) End("interrupted again; stopping now");
        deadline = new Timer(_ => End($"interrupted; stopped after {Grace.TotalSeconds:0} s"), null, Grace, Timeout.InfiniteTimeSpan);
        source.Cancel();
    }

    private void End(string message)
    {
        try { stderr.WriteLine($"gatekit: {message}"); } catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        Environment.Exit(ExitCodes.Interrupted);
    }

    public void Dispose()
    {
        foreach (var r in registrations) r.Dispose();
        deadline?.Dispose();
        source.Dispose();
    }
}
