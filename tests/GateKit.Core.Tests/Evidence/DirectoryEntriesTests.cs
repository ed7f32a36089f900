using System.Diagnostics;
using GateKit.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

/// <summary>The pack listing reads entry types from the directory listing; it must agree with .NET's own enumeration.</summary>
public sealed class DirectoryEntriesTests
{
    [Fact]
    public void Types_agree_with_dotnets_enumeration()
    {
        using var temp = new TempFolder();
        var root = temp.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "folder", "inner"));
        File.WriteAllText(Path.Combine(root, "file.txt"), "x");
        File.WriteAllText(Path.Combine(root, "caf\u00e9 with space.txt"), "x");
        File.WriteAllText(temp.Combine("outside.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(root, "to-file"), temp.Combine("outside.txt"));
        Directory.CreateSymbolicLink(Path.Combine(root, "to-folder"), temp.Path);
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), temp.Combine("nowhere"));
        if (!OperatingSystem.IsWindows())
        {
            using var mkfifo = Process.Start("mkfifo", [Path.Combine(root, "pipe")]);
            mkfifo.WaitForExit();
        }

        var listed = DirectoryEntries.List(root).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(DirectoryEntries.ListPortable(root).OrderBy(e => e.Name, StringComparer.Ordinal), listed);
        Assert.Equal(EntryType.Directory, listed.Single(e => e.Name == "folder").Type);
        Assert.Equal(EntryType.File, listed.Single(e => e.Name == "file.txt").Type);
        Assert.Equal(EntryType.File, listed.Single(e => e.Name == "caf\u00e9 with space.txt").Type);
        Assert.All(listed.Where(e => e.Name is "to-file" or "to-folder" or "dangling"), e => Assert.Equal(EntryType.Link, e.Type));
    }
}
