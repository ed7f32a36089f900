using System.Diagnostics;
using GateKit.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

/// <summary>
/// The hostile inputs of the evidence issue. Reads that must not happen are aimed at a FIFO outside
/// the pack: opening it for reading blocks until a writer comes, so a verifier that follows the path
/// would hang and the bounded wait fails the test.
/// </summary>
public sealed class EvidenceHostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static string MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Verifies within the bound; if the verifier hung on the FIFO, releases it and fails.</summary>
    private static EvidenceReport VerifyWithoutTouching(string manifest, string fifo)
    {
        var run = Task.Run(() => EvidenceTrees.Verify(manifest));
        if (!run.Wait(Bound))
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            run.Wait(Bound);
            Assert.Fail($"verify opened {fifo}, which is outside the pack");
        }
        return run.Result;
    }

    public static TheoryData<string, string> OutsidePaths => new()
    {
        { "../../outside.fifo", EvidenceCodes.PathTraversal },
        { "logs/../../../outside.fifo", EvidenceCodes.PathTraversal },
        { "ABSOLUTE", EvidenceCodes.PathAbsolute },
        { "..\\..\\outside.fifo", EvidenceCodes.PathTraversal },
        { "C:/outside.fifo", EvidenceCodes.PathAbsolute },
    };

    [Theory]
    [MemberData(nameof(OutsidePaths))]
    public void Absolute_and_dot_dot_paths_are_refused_without_reading(string path, string code)
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("out"));
        var fifo = MakeFifo(temp.Combine("outside.fifo"));
        var listed = path == "ABSOLUTE" ? fifo : path;
        EvidenceTrees.Edit(pack.ManifestPath, m =>
        {
            var files = m["files"]!.AsArray();
            files.Insert(0, new System.Text.Json.Nodes.JsonObject { ["path"] = listed, ["size"] = 0, ["sha256"] = EvidenceTrees.Sha256([]) });
        });
        var report = VerifyWithoutTouching(pack.ManifestPath, fifo);
        Assert.False(report.Valid);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((code, "$.files[0]"), (problem.Code, problem.JsonPath));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("folder")]
    public void Symlinks_that_leave_the_pack_are_refused_without_reading(string kind)
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("out"));
        var outside = Directory.CreateDirectory(temp.Combine("outside")).FullName;
        var fifo = MakeFifo(Path.Combine(outside, "secret"));
        string listed;
        if (kind == "file")
        {
            File.CreateSymbolicLink(Path.Combine(pack.PackDirectory, "files", "link"), fifo);
            listed = "link";
        }
        else
        {
            Directory.CreateSymbolicLink(Path.Combine(pack.PackDirectory, "files", "linked"), outside);
            listed = "linked/secret";
        }
        EvidenceTrees.Edit(pack.ManifestPath, m =>
        {
            var files = m["files"]!.AsArray();
            var entries = files.Select(f => f!.DeepClone()).Append(new System.Text.Json.Nodes.JsonObject { ["path"] = listed, ["size"] = 0, ["sha256"] = EvidenceTrees.Sha256([]) })
                .OrderBy(f => (string)f!["path"]!, StringComparer.Ordinal).ToList();
            files.Clear();
            foreach (var e in entries) files.Add(e);
        });
        var report = VerifyWithoutTouching(pack.ManifestPath, fifo);
        Assert.False(report.Valid);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((EvidenceCodes.PathOutsideRoot, listed), (problem.Code, problem.Path));
    }

    [Fact]
    public void A_symlink_inside_the_pack_is_followed()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("out"));
        var files = Path.Combine(pack.PackDirectory, "files");
        File.Move(Path.Combine(files, "report.json"), Path.Combine(files, "logs", "report.real"));
        File.CreateSymbolicLink(Path.Combine(files, "report.json"), "logs/report.real");
        var report = EvidenceTrees.Verify(pack.ManifestPath);
        // The link's target is not listed, so it is extra; the listed path itself verifies through the link.
        Assert.Equal([(EvidenceCodes.FileExtra, "logs/report.real")], report.Problems.Select(p => (p.Code, p.Path)));
    }

    [Fact]
    public void Packing_refuses_an_input_symlink_that_leaves_the_input_and_leaves_nothing_behind()
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        File.WriteAllText(temp.Combine("secret.txt"), "outside");
        File.CreateSymbolicLink(Path.Combine(input, "logs", "escape.txt"), temp.Combine("secret.txt"));
        var e = Assert.Throws<EvidencePackException>(() => EvidenceTrees.Pack(input, temp.Combine("out")));
        Assert.Contains("escape.txt", e.Message);
        Assert.Contains("leaves the input folder", e.Message);
        Assert.False(Directory.Exists(temp.Combine("out")) && Directory.EnumerateFileSystemEntries(temp.Combine("out")).Any());
    }

    /// <summary>Runs within the bound; if it hung on the FIFO, releases it with a writer and fails.</summary>
    private static T WithinBound<T>(Func<T> work, string fifo)
    {
        var run = Task.Run(work);
        if (!run.Wait(Bound))
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            run.Wait(Bound);
            Assert.Fail($"{fifo} was opened and waited on");
        }
        return run.Result;
    }

    [Fact]
    public void Packing_a_tree_with_a_named_pipe_is_an_error_naming_it_not_a_hang()
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        var fifo = MakeFifo(Path.Combine(input, "logs", "pipe"));
        var outcome = WithinBound(() =>
        {
            try { EvidenceTrees.Pack(input, temp.Combine("out")); return null; }
            catch (EvidencePackException e) { return e; }
        }, fifo);
        Assert.NotNull(outcome);
        Assert.Contains("logs/pipe", outcome.Message.Replace('\\', '/'));
        Assert.Contains("not a regular file", outcome.Message);
        Assert.False(Directory.Exists(temp.Combine("out")) && Directory.EnumerateFileSystemEntries(temp.Combine("out")).Any());
    }

    [Fact]
    public void A_named_pipe_in_a_pack_is_reported_not_waited_on()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("out"));
        var listed = Path.Combine(pack.PackDirectory, "files", "report.json");
        File.Delete(listed);
        var fifo = MakeFifo(listed);
        var report = WithinBound(() => EvidenceTrees.Verify(pack.ManifestPath), fifo);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((EvidenceCodes.FileUnreadable, "report.json"), (problem.Code, problem.Path));
        Assert.Contains("not a regular file", problem.Message);
    }

    [Theory]
    [InlineData("append")]
    [InlineData("rewrite-same-size")]
    [InlineData("delete")]
    public void A_file_that_changes_while_being_packed_is_an_error_and_no_pack_is_left(string change)
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        var outRoot = temp.Combine("out");
        var victim = Path.Combine(input, "logs", "run.log");
        var request = EvidenceTrees.Request(input, outRoot) with
        {
            AfterFileCopied = path =>
            {
                if (path != victim) return;
                var original = File.GetLastWriteTimeUtc(victim);
                switch (change)
                {
                    case "append": File.AppendAllText(victim, "more"); break;
                    case "rewrite-same-size":
                        File.WriteAllText(victim, new string('x', (int)new FileInfo(victim).Length));
                        File.SetLastWriteTimeUtc(victim, original.AddSeconds(1));
                        break;
                    default: File.Delete(victim); break;
                }
            },
        };
        var e = Assert.Throws<EvidencePackException>(() => EvidencePacker.Pack(request, CancellationToken.None));
        Assert.Contains("logs/run.log", e.Message.Replace('\\', '/'));
        Assert.Contains("changed while it was being packed", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outRoot));
    }
}

[CollectionDefinition(nameof(MemoryMeasured), DisableParallelization = true)]
public sealed class MemoryMeasured;

[Collection(nameof(MemoryMeasured))]
public sealed class EvidenceLargeFileTests
{
    private const long TenGiB = 10L * 1024 * 1024 * 1024;

    /// <summary>SHA-256 of 10 GiB of zero bytes (computed with <c>openssl dgst -sha256</c>).</summary>
    private const string TenGiBOfZeros = "732377e7f4a2abdc13ddfa1eb4c9c497fd2a2b294674d056cf51581b47dd586d";

    /// <summary>
    /// The whole 10 GiB are read and hashed (a sparse file: no disk used, about 7 s of SHA-256 on one
    /// core), and the pack verifies: memory stays at a buffer, whatever the file's size.
    /// </summary>
    [Fact]
    public void A_10_GiB_sparse_file_is_hashed_whole_with_memory_independent_of_its_size()
    {
        using var temp = new TempFolder();
        var packDir = temp.Combine("pack");
        var big = Path.Combine(packDir, "files", "big.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(big)!);
        using (var stream = new FileStream(big, FileMode.CreateNew)) stream.SetLength(TenGiB);
        var (bytes, _) = EvidenceManifest.Build(new PackMetadata("sparse", "abc", "test", "me"),
            [new ManifestFile("big.bin", TenGiB, TenGiBOfZeros)], EvidenceTrees.Tool, ["**/*"], [], true, EvidenceTrees.Now);
        var manifest = Path.Combine(packDir, "manifest.json");
        File.WriteAllBytes(manifest, bytes);

        long seen = 0;
        var options = new VerifyOptions { Progress = n => Interlocked.Add(ref seen, n) };
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var report = EvidenceVerifier.Verify(manifest, bytes, options, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(report.Valid, string.Join("; ", report.Problems.Select(p => p.Message)));
        Assert.Equal(TenGiB, report.BytesHashed);
        Assert.Equal(TenGiB, Interlocked.Read(ref seen));
        Assert.True(allocated < 16 * 1024 * 1024, $"hashing a 10 GiB file allocated {allocated / (1024 * 1024)} MiB");
    }
}
