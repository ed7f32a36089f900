using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Evidence;

/// <summary>One packed file: path relative to the pack's files folder, size in bytes, SHA-256.</summary>
public sealed record ManifestFile(string Path, long Size, string Sha256);

/// <summary>The metadata every pack must carry (runbook: pack_id, schema_version, git_ref, run_reason, operator_id).</summary>
public sealed record PackMetadata(string PackId, string GitRef, string RunReason, string OperatorId);

/// <summary>
/// The layout and the bytes of an evidence manifest (schema: schemas/evidence-manifest.schema.json):
/// <c>&lt;pack&gt;/manifest.json</c> beside <c>&lt;pack&gt;/files/</c>, canonical JSON, snake_case
/// names as in the runbook. <c>manifest_sha256</c> is the SHA-256 of the canonical manifest without
/// that member, so an edit anywhere in the manifest shows.
/// </summary>
public static class EvidenceManifest
{
    public const int SchemaVersion = 1;
    public const string FileName = "manifest.json";
    public const string FilesFolder = "files";
    public const string DigestMember = "manifest_sha256";

    /// <summary>Every member the manifest may have at its root; any other is an error.</summary>
    public static IReadOnlyList<string> RootMembers { get; } =
        ["schema_version", "pack_id", "git_ref", "run_reason", "operator_id", "created_at", "run_manifest", "files", DigestMember];

    /// <summary>
    /// The manifest bytes. With <paramref name="deterministic"/> nothing that differs between runs or
    /// folders is written: no time, no source path, no host details beyond OS, runtime and architecture.
    /// </summary>
    public static (byte[] Bytes, string Sha256) Build(PackMetadata metadata, IReadOnlyList<ManifestFile> files, ToolInfo tool,
        IReadOnlyList<string> include, IReadOnlyList<string> exclude, bool deterministic, DateTimeOffset now)
    {
        var fileArray = new JsonArray();
        long total = 0;
        foreach (var f in files)
        {
            fileArray.Add((JsonNode)new JsonObject { ["path"] = f.Path, ["size"] = f.Size, ["sha256"] = f.Sha256 });
            total += f.Size;
        }
        var machine = new JsonObject
        {
            ["os"] = OsName(),
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["architecture"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        };
        if (!deterministic)
        {
            machine["os_description"] = RuntimeInformation.OSDescription;
            machine["processor_count"] = Environment.ProcessorCount;
        }
        var root = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["pack_id"] = metadata.PackId,
            ["git_ref"] = metadata.GitRef,
            ["run_reason"] = metadata.RunReason,
            ["operator_id"] = metadata.OperatorId,
            ["run_manifest"] = new JsonObject
            {
                ["deterministic"] = deterministic,
                ["inputs"] = new JsonObject
                {
                    ["include"] = new JsonArray(include.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
                    ["exclude"] = new JsonArray(exclude.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
                    ["file_count"] = files.Count,
                    ["total_bytes"] = total,
                },
                ["tool"] = new JsonObject { ["name"] = tool.Name, ["version"] = tool.Version },
                ["machine"] = machine,
            },
            ["files"] = fileArray,
        };
        if (!deterministic) root["created_at"] = UtcTime.Seconds(now);
        var digest = DigestOf(root);
        root[DigestMember] = digest;
        return (Canonical(root), digest);
    }

    /// <summary>The SHA-256 of the canonical manifest without its <c>manifest_sha256</c> member.</summary>
    public static string DigestOf(JsonObject manifest) =>
        DigestOf(JsonSerializer.SerializeToElement(manifest, ResultJsonContext.Default.JsonNode));

    /// <inheritdoc cref="DigestOf(JsonObject)"/>
    public static string DigestOf(JsonElement manifest) =>
        CanonicalJson.Sha256(manifest, DigestMember);

    public static byte[] Canonical(JsonNode node) =>
        CanonicalJson.Serialize(JsonSerializer.SerializeToElement(node, ResultJsonContext.Default.JsonNode));

    private static string OsName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other";
}
