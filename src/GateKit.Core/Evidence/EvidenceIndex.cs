using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GateKit.Evidence;

/// <summary>
/// The evidence index: <c>&lt;out-root&gt;/index.jsonl</c>, one canonical JSON line per pack, in the
/// order packs were made. Append-only: earlier lines are carried over byte for byte. Each append
/// writes the whole file to a temporary file and renames it over the old one (readers never see a
/// torn line), under a lock file so that two packers cannot lose each other's line.
/// </summary>
public static class EvidenceIndex
{
    public const string FileName = "index.jsonl";
    private const string LockName = ".index.jsonl.lock";

    public static JsonObject EntryFor(PackRequest request, PackResult result)
    {
        var entry = new JsonObject
        {
            ["pack_id"] = request.Metadata.PackId,
            ["manifest"] = $"{request.Metadata.PackId}/{EvidenceManifest.FileName}",
            ["manifest_sha256"] = result.ManifestSha256,
            ["git_ref"] = request.Metadata.GitRef,
            ["run_reason"] = request.Metadata.RunReason,
            ["operator_id"] = request.Metadata.OperatorId,
            ["file_count"] = result.FileCount,
            ["total_bytes"] = result.TotalBytes,
        };
        if (!request.Deterministic)
            entry["created_at"] = UtcTime.Seconds(request.Now);
        return entry;
    }

    /// <summary>Appends the line of one pack, unless the index already has it (same pack id and manifest digest: <see cref="AddMissing"/> may have added it meanwhile).</summary>
    public static void Append(string outRoot, JsonObject entry)
    {
        using var gate = AcquireLock(Path.Combine(outRoot, LockName));
        AppendLocked(outRoot, [entry]);
    }

    /// <summary>
    /// Indexes the packs in <paramref name="outRoot"/> that the index lacks: a pack process killed after renaming its
    /// pack into place and before appending its line (kill -9, issue 20 kind 5). A folder counts as a pack when its
    /// manifest is strict JSON whose <c>manifest_sha256</c> is its own digest (the manifest is written and flushed
    /// before the rename); the line is made from the manifest as <see cref="EntryFor"/> makes it. Returns the ids added.
    /// </summary>
    public static IReadOnlyList<string> AddMissing(string outRoot)
    {
        if (!Directory.Exists(outRoot)) return [];
        using var gate = AcquireLock(Path.Combine(outRoot, LockName));
        var indexed = Indexed(outRoot).Select(p => p.PackId).ToHashSet(StringComparer.Ordinal);
        var missing = new List<JsonObject>();
        foreach (var folder in Directory.EnumerateDirectories(outRoot).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(folder);
            if (id.StartsWith('.') || indexed.Contains(id) || EntryFromManifest(Path.Combine(folder, EvidenceManifest.FileName), id) is not { } entry) continue;
            missing.Add(entry);
        }
        AppendLocked(outRoot, missing);
        return missing.Select(e => (string)e["pack_id"]!).ToList();
    }

    private static void AppendLocked(string outRoot, IReadOnlyList<JsonObject> entries)
    {
        var path = Path.Combine(outRoot, FileName);
        var existing = File.Exists(path) ? Inputs.InputReader.ReadAll(path) : [];
        var indexed = Indexed(outRoot);
        var lines = entries.Where(e => !indexed.Contains(((string)e["pack_id"]!, (string)e["manifest_sha256"]!))).Select(EvidenceManifest.Canonical).ToList();
        if (lines.Count == 0) return;
        using var buffer = new MemoryStream(existing.Length + lines.Sum(l => l.Length + 1) + 1);
        buffer.Write(existing);
        // A file cut short by hand still gets its last line terminated before ours.
        if (existing.Length > 0 && existing[^1] != (byte)'\n') buffer.WriteByte((byte)'\n');
        foreach (var line in lines)
        {
            buffer.Write(line);
            buffer.WriteByte((byte)'\n');
        }
        Output.AtomicFile.Write(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>The packs the index names, by id and manifest digest; a line without both as strings names none.</summary>
    private static HashSet<(string PackId, string Digest)> Indexed(string outRoot)
    {
        var ids = new HashSet<(string, string)>();
        foreach (var line in Read(outRoot))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement is { ValueKind: JsonValueKind.Object } root
                    && root.TryGetProperty("pack_id", out var id) && id.ValueKind == JsonValueKind.String
                    && root.TryGetProperty("manifest_sha256", out var digest) && digest.ValueKind == JsonValueKind.String)
                    ids.Add((id.GetString()!, digest.GetString()!));
            }
            catch (JsonException) { }
        }
        return ids;
    }

    private static JsonObject? EntryFromManifest(string manifestPath, string id)
    {
        try
        {
            using var document = Json.StrictJson.Parse(Inputs.InputReader.ReadAll(manifestPath));
            var root = document.RootElement;
            string? Text(JsonElement parent, string name) =>
                parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Text(root, "pack_id") != id || Text(root, EvidenceManifest.DigestMember) is not { } digest || digest != EvidenceManifest.DigestOf(root)) return null;
            if (!root.TryGetProperty("run_manifest", out var run) || !run.TryGetProperty("inputs", out var inputs)
                || !inputs.TryGetProperty("file_count", out var count) || !inputs.TryGetProperty("total_bytes", out var total)) return null;
            var entry = new JsonObject
            {
                ["pack_id"] = id,
                ["manifest"] = $"{id}/{EvidenceManifest.FileName}",
                ["manifest_sha256"] = digest,
                ["git_ref"] = Text(root, "git_ref"),
                ["run_reason"] = Text(root, "run_reason"),
                ["operator_id"] = Text(root, "operator_id"),
                ["file_count"] = count.GetInt32(),
                ["total_bytes"] = total.GetInt64(),
            };
            if (Text(root, "created_at") is { } created) entry["created_at"] = created;
            return entry;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException
                                      or ArgumentException)
        {
            return null; // not a whole pack of ours: nothing to index
        }
    }

    /// <summary>The index's lines as text, oldest first.</summary>
    public static IReadOnlyList<string> Read(string outRoot)
    {
        var path = Path.Combine(outRoot, FileName);
        return File.Exists(path) ? Encoding.UTF8.GetString(Inputs.InputReader.ReadAll(path)).Split('\n').Where(l => l.Length > 0).ToList() : [];
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
