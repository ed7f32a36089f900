namespace GateKit.Rollout;

/// <summary>
/// An exclusive lock on a lock file, held for the life of the object. On Unix .NET takes an
/// advisory flock for FileShare.None, so another process (or another GateKit) waits here; the
/// lock is released by the OS if the holder dies, so a crash never leaves the state locked.
/// </summary>
public sealed class StateLock : IDisposable
{
    private readonly FileStream stream;

    private StateLock(FileStream stream) => this.stream = stream;

    public static StateLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        var wait = 5;
        while (true)
        {
            try
            {
                return new StateLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 100);
            }
            catch (IOException e)
            {
                throw new IOException($"could not lock {path} within {timeout.TotalSeconds:0} s: another apply holds it ({e.Message})", e);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
