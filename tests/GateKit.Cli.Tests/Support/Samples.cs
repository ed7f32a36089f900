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

    // The same search as SchemaAssert: above the binaries, else above the test project's sources.
    private static string FindRoot() => GateKit.Tests.Support.SchemaAssert.RepositoryRoot;
}
