using GateKit.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

/// <summary>Nothing evaluated is never a pass (spec), evidence included: an empty pack proves nothing.</summary>
public sealed class EmptyPackTests
{
    public static TheoryData<string, string[], string[]> Selections => new()
    {
        { "an empty folder", [], ["**/*"] },
        { "an include that matches nothing", ["report.json", "logs/run.log"], ["**/*.pdf"] },
        { "an exclude that takes everything", ["report.json"], ["**/*"] },
        { "only empty folders", [], ["**/*"] },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Packing_nothing_is_refused_and_nothing_is_written(string what, string[] files, string[] include)
    {
        using var temp = new TempFolder();
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        if (what == "only empty folders") Directory.CreateDirectory(Path.Combine(input, "a", "b"));
        foreach (var f in files) EvidenceTrees.Write(input, f, "x");
        var request = EvidenceTrees.Request(input, temp.Combine("out")) with
        {
            Include = include,
            Exclude = what == "an exclude that takes everything" ? ["**/*"] : [],
        };

        var refused = Assert.Throws<NothingPackedException>(() => EvidencePacker.Pack(request, CancellationToken.None));
        Assert.StartsWith(EvidenceCodes.NothingPacked + ": no file under ", refused.Message);
        Assert.False(Directory.Exists(temp.Combine("out")), what);
    }

    [Fact]
    public void A_manifest_with_no_files_is_invalid_even_when_lenient()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("out"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(pack.PackDirectory, EvidenceManifest.FilesFolder), "*", SearchOption.AllDirectories)) File.Delete(file);
        EvidenceTrees.Edit(pack.ManifestPath, m => m["files"] = new System.Text.Json.Nodes.JsonArray());

        foreach (var lenient in new[] { false, true })
        {
            var report = EvidenceTrees.Verify(pack.ManifestPath, lenient);
            Assert.False(report.Valid);
            Assert.Contains(EvidenceCodes.NothingPacked, EvidenceTrees.Codes(report));
        }
    }

    [Theory]
    [InlineData("inputs")]
    [InlineData("tool")]
    public void A_run_manifest_without_its_inputs_or_tool_is_invalid(string member)
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("out"));
        EvidenceTrees.Edit(pack.ManifestPath, m => m["run_manifest"]!.AsObject().Remove(member));

        var report = EvidenceTrees.Verify(pack.ManifestPath);
        Assert.False(report.Valid);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((EvidenceCodes.FieldMissing, "$.run_manifest"), (problem.Code, problem.JsonPath));
        Assert.Contains($"run_manifest.{member}", problem.Message);
        Assert.True(EvidenceTrees.Verify(pack.ManifestPath, lenient: true).Valid, "--lenient downgrades a missing optional field to a warning");
    }
}
