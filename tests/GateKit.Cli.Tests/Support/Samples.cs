namespace GateKit.Cli.Tests.Support;

/// <summary>The repository's samples, copied into temp folders so tests never write into the checkout.</summary>
public static class Samples
{
    // SchemaAssert finds the root from the build output or, under an artifacts path outside the
    // repository, from this project's source folder recorded at build time.
    public static string RepositoryRoot => GateKit.Tests.Support.SchemaAssert.RepositoryRoot;

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
}
