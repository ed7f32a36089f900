namespace GateKit.Cli.Tests.Support;

/// <summary>The repository's samples, copied into temp folders so tests never write into the checkout.</summary>
public static class Samples
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Quickstart => Path.Combine(RepositoryRoot, "samples", "quickstart");

    /// <summary>Copies a folder (without any .gatekit state) to <paramref name="target"/>.</summary>
    public static string CopyTo(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains(".gatekit")) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GateKit.sln"))) return dir.FullName;
        var source = typeof(Samples).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        for (var dir = source is null ? null : new DirectoryInfo(source); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GateKit.sln"))) return dir.FullName;
        throw new InvalidOperationException("GateKit.sln not found above " + AppContext.BaseDirectory);
    }
}
