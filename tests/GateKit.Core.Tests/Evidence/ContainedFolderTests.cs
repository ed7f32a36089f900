using System.Diagnostics;
using System.Security.Cryptography;
using GateKit.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

/// <summary>
/// Files under a pack's files folder are opened by their relative path without following links
/// (openat2 on Linux); without openat2 they are opened by full path. Both ways give the same bytes
/// and the same errors for missing files and pipes; only the contained way refuses links.
/// </summary>
public sealed class ContainedFolderTests
{
    private static (TempFolder Temp, string Root) Tree()
    {
        var temp = new TempFolder();
        var root = temp.Combine("files");
        Directory.CreateDirectory(Path.Combine(root, "a", "b"));
        File.WriteAllText(Path.Combine(root, "a", "b", "caf\u00e9 1.txt"), "contents under two folders");
        File.WriteAllText(temp.Combine("outside.txt"), "outside the folder");
        Directory.CreateSymbolicLink(Path.Combine(root, "inner-link"), Path.Combine(root, "a"));
        File.CreateSymbolicLink(Path.Combine(root, "out-link"), temp.Combine("outside.txt"));
        if (!OperatingSystem.IsWindows())
        {
            using var mkfifo = Process.Start("mkfifo", [Path.Combine(root, "pipe")]);
            mkfifo.WaitForExit();
        }
        return (temp, root);
    }

    private static FileDigest Hash(ContainedFolder folder, string relative)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return FileHasher.Hash(folder, relative, new byte[16], hash, null, CancellationToken.None);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_under_folders_gives_its_bytes(bool useOpenAt2)
    {
        var (temp, root) = Tree();
        using var _ = temp;
        using var folder = ContainedFolder.Open(root, useOpenAt2);
        Assert.Equal(useOpenAt2 && OperatingSystem.IsLinux(), folder.Contained);

        var digest = Hash(folder, "a/b/caf\u00e9 1.txt");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("contents under two folders"u8)), digest.Sha256);
        Assert.Equal(26, digest.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Missing_files_and_pipes_are_errors_that_name_them(bool useOpenAt2)
    {
        var (temp, root) = Tree();
        using var _ = temp;
        using var folder = ContainedFolder.Open(root, useOpenAt2);

        var missing = Assert.Throws<FileNotFoundException>(() => Hash(folder, "a/none.txt"));
        Assert.Contains(Path.Join(root, "a/none.txt"), missing.Message);
        if (!OperatingSystem.IsWindows())
        {
            var pipe = Assert.Throws<IOException>(() => Hash(folder, "pipe")); // refused, not waited on
            Assert.Contains("not a regular file", pipe.Message);
        }
    }

    [Fact]
    public void Contained_opens_refuse_links_inside_and_out()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (temp, root) = Tree();
        using var _ = temp;
        using var folder = ContainedFolder.Open(root);

        // A folder on the way that is a link (as when one is swapped in after the pack was listed), even one that stays inside.
        var inner = Assert.Throws<IOException>(() => Hash(folder, "inner-link/b/caf\u00e9 1.txt"));
        Assert.Contains("symbolic link", inner.Message);
        var outer = Assert.Throws<IOException>(() => Hash(folder, "out-link"));
        Assert.Contains("symbolic link", outer.Message);
        Assert.True(folder.Contained);
    }

    [Fact]
    public void Without_openat2_links_are_followed_so_the_listing_must_decide()
    {
        var (temp, root) = Tree();
        using var _ = temp;
        using var folder = ContainedFolder.Open(root, useOpenAt2: false);

        Assert.Equal(26, Hash(folder, "inner-link/b/caf\u00e9 1.txt").Length);
    }
}
