using System.Runtime.InteropServices;

namespace GateKit.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into cancellation instead of termination, so that a run can write a
/// complete, interrupted result (exit 5) rather than dying mid-write. A signal always ends the process
/// within <see cref="Grace"/> with exit 5: work that does not notice the cancellation by then (a read the
/// OS will not interrupt, a loop without a check) is ended there, still with exit 5; nothing is
/// half-written because every write is staged and renamed. A second signal
/// ends the process at once, also with exit 5 (not the 130/143 of the default handler).
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>
    /// How long cancelled work may take to finish on its own before the process is ended. Writing the interrupted
    /// result, its summary and GitHub's step summary took more than 1 s on a 2-core CI machine running the test
    /// suite (the step summary was lost); 3 s keeps them and stays well inside the runners' own kill delay after
    /// SIGTERM (GitHub Actions and GitLab wait several seconds before SIGKILL).
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

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
