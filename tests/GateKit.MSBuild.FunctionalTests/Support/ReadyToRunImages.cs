using System.IO.Compression;
using System.Reflection.PortableExecutable;

namespace GateKit.MSBuild.Tests.Support;

/// <summary>
/// Reads the assemblies of one folder of a package as PE images: whether each carries ReadyToRun code
/// (the CLI header's ManagedNativeHeader directory) and for which platform. The PE Machine field of a
/// ReadyToRun image is the architecture (0x8664 x64, 0xAA64 arm64) XOR an OS marker (none on Windows,
/// 0x4644 macOS, 0x7B79 Linux), as crossgen2 writes it (dotnet/runtime,
/// docs/design/coreclr/botr/readytorun-format.md); an IL-only image has no native header.
/// </summary>
public static class ReadyToRunImages
{
    /// <summary>The PE Machine value crossgen2 writes for <paramref name="rid"/> (e.g. osx-arm64 → 0xAA64 ^ 0x4644).</summary>
    public static int Machine(string rid)
    {
        var (os, architecture) = (rid[..rid.IndexOf('-')], rid[(rid.IndexOf('-') + 1)..]);
        var machine = architecture switch { "x64" => 0x8664, "arm64" => 0xAA64, _ => throw new ArgumentException($"no machine for {rid}", nameof(rid)) };
        return machine ^ os switch { "win" => 0, "osx" => 0x4644, "linux" => 0x7B79, _ => throw new ArgumentException($"no OS marker for {rid}", nameof(rid)) };
    }

    /// <summary>The .dll entries directly in <paramref name="folder"/> (ending in '/'), not in its subfolders.</summary>
    public static IReadOnlyList<ZipArchiveEntry> Assemblies(ZipArchive package, string folder) =>
        package.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)
            && !e.FullName[folder.Length..].Contains('/')).ToList();

    /// <summary>Asserts every assembly directly in <paramref name="folder"/> is ReadyToRun for <paramref name="rid"/>; returns their names.</summary>
    public static IReadOnlyList<string> AssertAllFor(string package, string folder, string rid)
    {
        using var zip = ZipFile.OpenRead(package);
        var assemblies = Assemblies(zip, folder);
        Assert.NotEmpty(assemblies);
        Assert.All(assemblies, entry =>
        {
            var headers = Headers(entry);
            Assert.True(headers.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, $"{entry.FullName} in {Path.GetFileName(package)} is not ReadyToRun");
            Assert.Equal(Machine(rid), (int)headers.CoffHeader.Machine);
        });
        return assemblies.Select(e => e.Name).ToList();
    }

    /// <summary>Asserts every assembly directly in <paramref name="folder"/> is IL only (no ReadyToRun code).</summary>
    public static void AssertAllILOnly(string package, string folder)
    {
        using var zip = ZipFile.OpenRead(package);
        var assemblies = Assemblies(zip, folder);
        Assert.NotEmpty(assemblies);
        Assert.All(assemblies, entry => Assert.True(Headers(entry).CorHeader?.ManagedNativeHeaderDirectory.Size == 0, $"{entry.FullName} in {Path.GetFileName(package)} is ReadyToRun"));
    }

    private static PEHeaders Headers(ZipArchiveEntry entry)
    {
        using var image = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(image);
        image.Position = 0;
        using var pe = new PEReader(image);
        return pe.PEHeaders;
    }
}
