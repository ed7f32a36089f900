namespace GateKit.Cli.Tests.Support;

/// <summary>The repository's samples, copied into temp folders so tests never write into the checkout.</summary>
public static class Samples
{
    public static string RepositoryRoot => GateKit.Tests.Support.SchemaAssert.RepositoryRoot;

    public static string Quickstart => Path.Combine(RepositoryRoot, "samples", "quickstart");

    /// <summary>The promotion gate's sample: config and one minimal evidence file of each kind, promoting as of <see cref="PromotionAsOf"/>.</summary>
    public static string Promotion => Path.Combine(RepositoryRoot, "samples", "promotion");

    /// <summary>The .NET sample: projects, the reports the real tools made for them, and a quality gate on those reports.</summary>
    public static string Dotnet => Path.Combine(RepositoryRoot, "samples", "dotnet");

    /// <summary>The time the promotion sample's evidence promotes at (the README's --now).</summary>
    public const string PromotionAsOf = "2026-11-23T12:00:00Z";

    /// <summary>Copies a folder (without any .gatekit state, nor build output under bin/ or obj/) to <paramref name="target"/>.</summary>
    public static string CopyTo(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is ".gatekit" or "bin" or "obj")) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
