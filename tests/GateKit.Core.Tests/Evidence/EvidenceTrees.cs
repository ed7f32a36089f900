using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GateKit.Evidence;
using GateKit.Results;

namespace GateKit.Tests.Evidence;

/// <summary>Small real trees to pack, and packing/verifying them with test defaults.</summary>
internal static class EvidenceTrees
{
    public static readonly ToolInfo Tool = new("gatekit", "0.0.0-test");
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A tree with nested folders, an empty file, a binary file and a name written in NFD.</summary>
    public static string Sample(string root)
    {
        var input = Path.Combine(root, "in");
        Write(input, "report.json", """{"passed":true}""");
        Write(input, "logs/run.log", string.Join('\n', Enumerable.Range(0, 500).Select(i => $"line {i}")));
        Write(input, "logs/empty.txt", "");
        Write(input, "Cafe\u0301.md", "NFD name");
        var binary = new byte[300_000];
        new Random(7).NextBytes(binary);
        File.WriteAllBytes(Path.Combine(input, "data.bin"), binary);
        return input;
    }

    public static void Write(string root, string relative, string content)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
    }

    public static PackRequest Request(string input, string outRoot, string packId = "pack-1", bool deterministic = true) =>
        new(input, outRoot, new PackMetadata(packId, "0123abc", "release readiness", "alice"), Tool, deterministic, Now);

    public static PackResult Pack(string input, string outRoot, string packId = "pack-1", bool deterministic = true) =>
        EvidencePacker.Pack(Request(input, outRoot, packId, deterministic), CancellationToken.None);

    public static EvidenceReport Verify(string manifest, bool lenient = false) =>
        EvidenceVerifier.Verify(manifest, File.ReadAllBytes(manifest), new VerifyOptions(lenient), CancellationToken.None);

    /// <summary>Edits a manifest as JSON and, unless told otherwise, re-seals its digest (so that only the edit is wrong).</summary>
    public static void Edit(string manifest, Action<JsonObject> edit, bool reseal = true)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(manifest))!.AsObject();
        edit(root);
        if (reseal && root.ContainsKey(EvidenceManifest.DigestMember)) root[EvidenceManifest.DigestMember] = EvidenceManifest.DigestOf(root);
        File.WriteAllBytes(manifest, EvidenceManifest.Canonical(root));
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static IReadOnlyList<string> Codes(EvidenceReport report) => report.Problems.Select(p => p.Code).ToList();
}
