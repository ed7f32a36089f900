namespace GateKit.MSBuild.Tests.Support;

public static class Copy
{
    /// <summary>Copies a folder (without .gatekit state, bin or obj) to <paramref name="target"/>.</summary>
    public static string Folder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is ".gatekit" or "bin" or "obj")) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
