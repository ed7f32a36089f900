using System.Text.Json.Nodes;
using GateKit.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

public sealed class EvidenceVerifyTests
{
    private static (TempFolder Temp, PackResult Pack) Packed()
    {
        var temp = new TempFolder();
        var input = EvidenceTrees.Sample(temp.Path);
        return (temp, EvidenceTrees.Pack(input, temp.Combine("out")));
    }

    private static string Payload(PackResult pack, string relative) => Path.Combine(pack.PackDirectory, "files", relative);

    [Fact]
    public void A_changed_file_of_the_same_size_is_a_digest_mismatch()
    {
        var (temp, pack) = Packed();
        using var _ = temp;
        var bytes = File.ReadAllBytes(Payload(pack, "data.bin"));
        bytes[1000] ^= 0xFF;
        File.WriteAllBytes(Payload(pack, "data.bin"), bytes);
        var report = EvidenceTrees.Verify(pack.ManifestPath);
        Assert.False(report.Valid);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((EvidenceCodes.DigestMismatch, "data.bin", "$.files[1]"), (problem.Code, problem.Path, problem.JsonPath));
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var (temp, pack) = Packed();
        using var _ = temp;
        File.Delete(Payload(pack, "report.json"));
        File.WriteAllText(Payload(pack, "logs/run.log"), "short");
        File.WriteAllText(Payload(pack, "stowaway.txt"), "not listed");
        File.WriteAllText(Path.Combine(pack.PackDirectory, "notes.md"), "beside the manifest");
        var report = EvidenceTrees.Verify(pack.ManifestPath);
        Assert.False(report.Valid);
        Assert.Equal([EvidenceCodes.FileExtra, EvidenceCodes.SizeMismatch, EvidenceCodes.FileMissing, EvidenceCodes.FileExtra],
            EvidenceTrees.Codes(report));
        Assert.Equal([null, "logs/run.log", "report.json", "stowaway.txt"], report.Problems.Select(p => p.Path));
    }

    [Fact]
    public void A_manifest_edited_after_packing_fails_its_own_digest()
    {
        var (temp, pack) = Packed();
        using var _ = temp;
        // The attacker changes a file and its recorded digest and size consistently, but cannot re-seal.
        File.WriteAllText(Payload(pack, "report.json"), """{"passed":false}""");
        EvidenceTrees.Edit(pack.ManifestPath, m =>
        {
            var entry = m["files"]!.AsArray()[4]!.AsObject();
            entry["sha256"] = EvidenceTrees.Sha256(File.ReadAllBytes(Payload(pack, "report.json")));
            entry["size"] = 16;
        }, reseal: false);
        var report = EvidenceTrees.Verify(pack.ManifestPath);
        Assert.Equal([EvidenceCodes.ManifestDigestMismatch], EvidenceTrees.Codes(report));
        Assert.False(EvidenceTrees.Verify(pack.ManifestPath, lenient: true).Valid);
    }

    public static TheoryData<string, Action<JsonObject>, string, bool> ManifestEdits => new()
    {
        { "pack_id missing", m => m.Remove("pack_id"), EvidenceCodes.FieldMissing, false },
        { "git_ref missing", m => m.Remove("git_ref"), EvidenceCodes.FieldMissing, false },
        { "run_reason missing", m => m.Remove("run_reason"), EvidenceCodes.FieldMissing, false },
        { "operator_id missing", m => m.Remove("operator_id"), EvidenceCodes.FieldMissing, false },
        { "schema_version missing", m => m.Remove("schema_version"), EvidenceCodes.FieldMissing, false },
        { "files missing", m => m.Remove("files"), EvidenceCodes.FieldMissing, false },
        { "operator_id blank", m => m["operator_id"] = " ", EvidenceCodes.FieldInvalid, false },
        { "git_ref a number", m => m["git_ref"] = 5, EvidenceCodes.FieldInvalid, false },
        { "schema_version 2", m => m["schema_version"] = 2, EvidenceCodes.SchemaVersionUnsupported, false },
        { "unknown member", m => m["extra"] = true, EvidenceCodes.FieldUnknown, false },
        { "run_manifest missing (optional: lenient warns)", m => m.Remove("run_manifest"), EvidenceCodes.FieldMissing, true },
        { "manifest digest missing (optional: lenient warns)", m => m.Remove("manifest_sha256"), EvidenceCodes.FieldMissing, true },
        { "files out of order", m => { var f = m["files"]!.AsArray(); var first = f[0]!; f.RemoveAt(0); f.Add(first); }, EvidenceCodes.FilesNotCanonical, false },
        { "entry with an extra member", m => m["files"]![0]!["mode"] = 420, EvidenceCodes.EntryInvalid, false },
        { "negative size", m => m["files"]![0]!["size"] = -1, EvidenceCodes.EntryInvalid, false },
        { "upper-case digest", m => m["files"]![0]!["sha256"] = ((string)m["files"]![0]!["sha256"]!).ToUpperInvariant(), EvidenceCodes.EntryInvalid, false },
        { "duplicate path", m => { var f = m["files"]!.AsArray(); f.Insert(2, f[1]!.DeepClone()); }, EvidenceCodes.PathDuplicate, false },
        { "case-only collision", m => { var f = m["files"]!.AsArray(); var c = f[1]!.DeepClone(); c["path"] = "Data.bin"; f.Insert(0, c); }, EvidenceCodes.PathCaseCollision, false },
    };

    [Theory]
    [MemberData(nameof(ManifestEdits))]
    public void Manifest_rules_are_enforced_and_lenient_downgrades_only_missing_optional_fields(string name, Action<JsonObject> edit, string code, bool lenientPasses)
    {
        var (temp, pack) = Packed();
        using var _ = temp;
        EvidenceTrees.Edit(pack.ManifestPath, edit);
        var strict = EvidenceTrees.Verify(pack.ManifestPath);
        Assert.False(strict.Valid, name);
        Assert.Contains(code, EvidenceTrees.Codes(strict));
        var lenient = EvidenceTrees.Verify(pack.ManifestPath, lenient: true);
        Assert.Equal(lenientPasses, lenient.Valid);
        if (lenientPasses) Assert.All(lenient.Problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
    }

    [Theory]
    [InlineData("{\"schema_version\":1,\"pack_id\":\"x\"")]
    [InlineData("{\"schema_version\":1,,}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("\u0000\u0001garbage")]
    [InlineData("{\"pack_id\":\"a\",\"pack_id\":\"b\"}")]
    public void Truncated_or_garbled_manifests_are_malformed(string text)
    {
        using var temp = new TempFolder();
        var manifest = temp.Write("pack/manifest.json", text);
        var report = EvidenceTrees.Verify(manifest);
        Assert.True(report.Malformed);
        Assert.False(report.Valid);
        Assert.Equal([EvidenceCodes.ManifestMalformed], EvidenceTrees.Codes(report));
    }

    [Fact]
    public void A_truncated_real_manifest_is_malformed()
    {
        var (temp, pack) = Packed();
        using var _ = temp;
        var bytes = File.ReadAllBytes(pack.ManifestPath);
        File.WriteAllBytes(pack.ManifestPath, bytes[..(bytes.Length / 2)]);
        Assert.True(EvidenceTrees.Verify(pack.ManifestPath).Malformed);
    }
}
