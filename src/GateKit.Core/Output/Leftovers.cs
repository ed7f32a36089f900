using System.Globalization;

namespace GateKit.Output;

/// <summary>
/// Staging folders and temporary files that a killed process left behind (kill -9 runs no cleanup).
/// Each is named <c>.{what}.{pid}.{32 hex}.{staging|tmp}</c>, so that the next command can prove it
/// abandoned: its owner process is gone, or it is older than <see cref="MaxAge"/> (a process id can be
/// reused). A live owner's work in progress is never touched.
/// </summary>
public static class Leftovers
{
    public const string StagingSuffix = "staging";
    public const string TempSuffix = "tmp";

    /// <summary>Older than this, a leftover is abandoned whoever owns its process id now.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>The name of a new staging folder or temporary file for <paramref name="what"/>, owned by this process.</summary>
    public static string Name(string what, string suffix) => $".{what}.{Environment.ProcessId}.{Guid.NewGuid():N}.{suffix}";

    /// <summary>Removes the abandoned leftovers directly in <paramref name="folder"/>; the count removed. Errors are ignored: another process may be removing the same.</summary>
    public static int Clean(string folder, DateTimeOffset now)
    {
        if (!Directory.Exists(folder)) return 0;
        var removed = 0;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos(".*"))
        {
            if (!IsAbandoned(entry, now)) continue;
            try
            {
                if (entry is DirectoryInfo d) d.Delete(recursive: true);
                else entry.Delete();
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static bool IsAbandoned(FileSystemInfo entry, DateTimeOffset now)
    {
        var parts = entry.Name.Split('.');
        if (parts.Length < 5 || parts[^1] is not (StagingSuffix or TempSuffix) || parts[^2].Length != 32) return false;
        if (!int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        if (now - entry.LastWriteTimeUtc > MaxAge) return true;
        return OperatingSystem.IsLinux() && !Directory.Exists($"/proc/{pid}");
    }
}
