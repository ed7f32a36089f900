using System.Security.Cryptography;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Engine;

/// <summary>
/// One-time set-up that every run needs later, started on the thread pool as a run begins so that it
/// happens on another core while the config is parsed: loading and initialising OpenSSL (the first
/// SHA-256, about 2 ms; the config's digest is the first one the run takes) and building the result's
/// serialization metadata (System.Text.Json configures it on first use). Nothing is done twice:
/// whichever thread comes second finds it ready, or waits for it.
/// </summary>
internal static class RunWarmUp
{
    public static void Start()
    {
        _ = Task.Run(() => SHA256.HashData(ReadOnlySpan<byte>.Empty), CancellationToken.None);
        _ = Task.Run(() => ResultJsonContext.Default.Options.GetTypeInfo(typeof(RunResult)), CancellationToken.None);
    }
}
