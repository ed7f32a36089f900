using System.Text;
using System.Text.Json.Nodes;
using GateKit.Config;
using GateKit.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

public sealed class EvidencePackTests
{
    private const string ManifestSchema = "evidence-manifest.schema.json";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pack_then_verify_round_trips_and_the_manifest_follows_its_schema(bool deterministic)
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        var result = EvidenceTrees.Pack(input, temp.Combine("out"), deterministic: deterministic);

        var report = EvidenceTrees.Verify(result.ManifestPath);
        Assert.True(report.Valid, string.Join("; ", report.Problems));
        Assert.Empty(report.Problems);
        Assert.Equal(5, report.FilesHashed);
        SchemaAssert.Valid(ManifestSchema, File.ReadAllText(result.ManifestPath));

        var manifest = JsonNode.Parse(File.ReadAllText(result.ManifestPath))!.AsObject();
        var paths = manifest["files"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        Assert.Equal(["Caf\u00e9.md", "data.bin", "logs/empty.txt", "logs/run.log", "report.json"], paths);
        Assert.Equal(deterministic, manifest["created_at"] is null);
        Assert.True(File.Exists(Path.Combine(result.PackDirectory, "files", "Caf\u00e9.md")), "the copy carries the NFC name");
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "data.bin")), File.ReadAllBytes(Path.Combine(result.PackDirectory, "files", "data.bin")));
        var report_json = (string)manifest["files"]![4]!["sha256"]!;
        Assert.Equal(EvidenceTrees.Sha256(Encoding.UTF8.GetBytes("""{"passed":true}""")), report_json);
    }

    [Fact]
    public void Deterministic_manifests_are_byte_identical_on_a_second_run_and_on_a_copy_in_another_folder()
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        var first = EvidenceTrees.Pack(input, temp.Combine("out-a"));
        var second = EvidenceTrees.Pack(input, temp.Combine("out-b"));
        var copy = temp.Combine("elsewhere/deeper/tree");
        foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(input, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var third = EvidenceTrees.Pack(copy, temp.Combine("out-c"));

        var bytes = File.ReadAllBytes(first.ManifestPath);
        Assert.Equal(bytes, File.ReadAllBytes(second.ManifestPath));
        Assert.Equal(bytes, File.ReadAllBytes(third.ManifestPath));
        Assert.Equal(first.ManifestSha256, third.ManifestSha256);
    }

    [Fact]
    public void Include_and_exclude_globs_select_the_files()
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        var request = EvidenceTrees.Request(input, temp.Combine("out")) with { };
        var result = EvidencePacker.Pack(request with { Include = ["**/*.log", "**/*.json", "*.txt"], Exclude = ["logs/empty.*"] }, CancellationToken.None);
        var paths = JsonNode.Parse(File.ReadAllText(result.ManifestPath))!["files"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        Assert.Equal(["logs/run.log", "report.json"], paths);
        Assert.True(EvidenceTrees.Verify(result.ManifestPath).Valid);
    }

    [Fact]
    public void An_existing_pack_is_never_overwritten()
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        var first = EvidenceTrees.Pack(input, temp.Combine("out"), deterministic: false);
        var before = File.ReadAllBytes(first.ManifestPath);
        File.WriteAllText(Path.Combine(input, "report.json"), "changed");

        var e = Assert.Throws<UsageException>(() => EvidenceTrees.Pack(input, temp.Combine("out"), deterministic: false));
        Assert.Contains("already exists", e.Message);
        Assert.Equal(before, File.ReadAllBytes(first.ManifestPath));
        Assert.Single(EvidenceIndex.Read(temp.Combine("out")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("has space")]
    public void Pack_ids_that_cannot_be_a_folder_name_are_refused(string packId)
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        Assert.Throws<UsageException>(() => EvidenceTrees.Pack(input, temp.Combine("out"), packId));
        Assert.False(Directory.Exists(temp.Combine("out")) && Directory.EnumerateFileSystemEntries(temp.Combine("out")).Any());
    }

    [Fact]
    public void A_pack_inside_its_own_input_is_refused()
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        Assert.Throws<UsageException>(() => EvidenceTrees.Pack(input, Path.Combine(input, "packs")));
    }

    [Fact]
    public void The_index_gets_one_line_per_pack_and_keeps_earlier_lines_byte_for_byte()
    {
        using var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        var outRoot = temp.Combine("out");
        var first = EvidenceTrees.Pack(input, outRoot, "p1", deterministic: false);
        var afterFirst = File.ReadAllBytes(Path.Combine(outRoot, EvidenceIndex.FileName));
        var second = EvidenceTrees.Pack(input, outRoot, "p2");

        var all = File.ReadAllBytes(Path.Combine(outRoot, EvidenceIndex.FileName));
        Assert.Equal(afterFirst, all[..afterFirst.Length]);
        var lines = EvidenceIndex.Read(outRoot);
        Assert.Equal(2, lines.Count);
        var entries = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["p1", "p2"], entries.Select(e => (string)e["pack_id"]!));
        Assert.Equal(first.ManifestSha256, (string)entries[0]["manifest_sha256"]!);
        Assert.Equal(second.ManifestSha256, (string)entries[1]["manifest_sha256"]!);
        Assert.Equal("p2/manifest.json", (string)entries[1]["manifest"]!);
        Assert.NotNull(entries[0]["created_at"]);
        Assert.Null(entries[1]["created_at"]);
        Assert.Empty(Directory.EnumerateFiles(outRoot, "*.tmp"));
    }

    [Fact]
    public void Two_names_that_differ_only_in_case_cannot_be_packed()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("in");
        EvidenceTrees.Write(input, "Readme.md", "a");
        EvidenceTrees.Write(input, "README.md", "b");
        var e = Assert.Throws<EvidencePackException>(() => EvidenceTrees.Pack(input, temp.Combine("out")));
        Assert.Contains("differ only in case", e.Message);
        Assert.False(Directory.Exists(temp.Combine("out/pack-1")));
    }
}
