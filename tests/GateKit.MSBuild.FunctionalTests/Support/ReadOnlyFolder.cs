namespace GateKit.MSBuild.Tests.Support;

/// <summary>
/// Makes a folder unwritable for the duration of a test. Permission bits do not stop root (as CI
/// runs), so there the folder is also made immutable with chattr; the folder is probed either way,
/// so that a test relying on it cannot pass without it.
/// </summary>
public sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private bool _immutable;

    private ReadOnlyFolder(string path) => _path = path;

    public static ReadOnlyFolder Make(string path)
    {
        var folder = new ReadOnlyFolder(path);
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("read-only folders are made with Unix permissions here");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        if (Writable(path))
        {
            var chattr = Dotnet.RunProgram("chattr", path, null, "+i", path);
            folder._immutable = chattr.ExitCode == 0;
            if (!folder._immutable || Writable(path))
            {
                folder.Dispose();
                throw new InvalidOperationException($"cannot make {path} read-only here (chattr: {chattr.Output.Trim()})");
            }
        }
        return folder;
    }

    public void Dispose()
    {
        if (_immutable) Dotnet.RunProgram("chattr", _path, null, "-i", _path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static bool Writable(string path)
    {
        var probe = Path.Combine(path, ".probe");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
