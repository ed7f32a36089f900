using System.Text;
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

    public static void Append(string outRoot, JsonObject entry)
    {
        var path = Path.Combine(outRoot, FileName);
        using var gate = AcquireLock(Path.Combine(outRoot, LockName));
        var existing = File.Exists(path) ? Inputs.InputReader.ReadAll(path) : [];
        var line = EvidenceManifest.Canonical(entry);
        using var buffer = new MemoryStream(existing.Length + line.Length + 2);
        buffer.Write(existing);
        // A file cut short by hand still gets its last line terminated before ours.
        if (existing.Length > 0 && existing[^1] != (byte)'\n') buffer.WriteByte((byte)'\n');
        buffer.Write(line);
        buffer.WriteByte((byte)'\n');
        Output.AtomicFile.Write(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
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
