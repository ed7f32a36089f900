using System.Security.Cryptography;
using System.Text;
using GateKit.Config;
using GateKit.Engine;

namespace GateKit.MSBuild;

/// <summary>
/// One run at a time per state folder across MSBuild nodes: with <c>-m</c>, projects that share a
/// config would otherwise append to the same history and race for the same run id. The lock file
/// lives in the temp folder, so a read-only state folder is reported by the run, not by the lock.
/// </summary>
internal static class StateLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static IDisposable Acquire(RunOptions options, CancellationToken cancellationToken)
    {
        var config = Path.GetFullPath(options.ConfigPath);
        if (Directory.Exists(config)) config = Path.Combine(config, ConfigLoader.DefaultFileName);
        var state = Path.GetFullPath(options.StateDirectory ?? Output.RunStore.DefaultStateDirectory(Path.GetDirectoryName(config)!));
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..16];
        var folder = Path.Combine(Path.GetTempPath(), "gatekit-locks");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".lock");

        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
