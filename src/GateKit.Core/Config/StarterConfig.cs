using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GateKit.Config;

/// <summary>A starter gatekit.json (canonical JSON bytes) and, line by line, why each part is there.</summary>
public sealed record StarterConfig(byte[] Json, IReadOnlyList<string> Explanation)
{
    /// <summary>At most this many files are looked at, so that init answers quickly in a huge tree.</summary>
    public const int MaxFilesScanned = 200_000;

    /// <summary>At most this many reports or packs of one kind are written; the rest are named in the explanation.</summary>
    public const int MaxPerKind = 10;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "node_modules", "bin", "obj", "packages" };

    /// <summary>
    /// Looks at the tree under <paramref name="root"/> (hidden folders, node_modules, bin and obj skipped):
    /// Markdown files make a docs gate, JSONL case reports make quality reports each with a "has cases"
    /// condition, standard reports (TRX, JUnit, Cobertura, lcov, SARIF, recognised by name) make quality reports
    /// with the condition teams gate on first (no failed test, line coverage, no analyzer error), evidence pack
    /// manifests (manifest.json with a pack_id) make evidence packs. Evidence folders without a manifest are
    /// named in the explanation only. Null when nothing was found.
    /// </summary>
    public static StarterConfig? Propose(string root)
    {
        var files = Scan(root);
        var gates = new JsonObject();
        var explanation = new List<string>();

        var markdown = files.Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)).ToList();
        if (markdown.Count > 0)
        {
            gates["docs"] = new JsonObject { ["roots"] = new JsonArray(new JsonObject { ["path"] = "." }) };
            explanation.Add($"docs: {markdown.Count} Markdown file(s) (e.g. {markdown[0]}): every relative link and #anchor is checked; external links are never fetched.");
        }

        var reports = new JsonArray();
        var conditions = new JsonArray();
        var reportIds = new HashSet<string>(StringComparer.Ordinal);
        var cases = files.Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var path in cases.Take(MaxPerKind))
        {
            var id = UniqueId(Path.GetFileNameWithoutExtension(path), reportIds);
            reports.Add((JsonNode)new JsonObject { ["id"] = id, ["path"] = path });
            conditions.Add((JsonNode)new JsonObject
            {
                ["id"] = $"{id}_cases", ["description"] = $"{path} holds at least one case.", ["report"] = id,
                ["aggregate"] = "count", ["op"] = ">=", ["threshold"] = 1, ["severity"] = "P0",
            });
        }
        if (cases.Count > 0)
            explanation.Add($"quality: {cases.Count} JSONL case report(s), each with a condition that it holds a case; add conditions on your metrics (rate, mean, p95 of a JSON Pointer).");
        if (cases.Count > MaxPerKind) explanation.Add($"quality: {cases.Count - MaxPerKind} more JSONL file(s) left out: {string.Join(", ", cases.Skip(MaxPerKind).Take(5))}…");

        // A glob in a file's own name would be read as a pattern: such files are left out.
        var standard = files.Where(f => StandardFormat(f) is not null && !f.Contains('*', StringComparison.Ordinal)).ToList();
        foreach (var group in standard.GroupBy(f => StandardFormat(f)!.Value).OrderBy(g => g.Key.Format, StringComparer.Ordinal))
        {
            var (format, display, starter) = group.Key;
            var paths = ShardPaths(group.ToList());
            foreach (var path in paths)
            {
                var id = UniqueId(paths.Count == 1 ? format : $"{format}_{Path.GetFileNameWithoutExtension(path)}", reportIds);
                reports.Add((JsonNode)new JsonObject { ["id"] = id, ["path"] = path, ["format"] = format });
                conditions.Add((JsonNode)new JsonObject
                {
                    ["id"] = $"{id}_{starter.Metric.Replace('.', '_')}", ["description"] = starter.Description, ["report"] = id,
                    ["metric"] = starter.Metric, ["op"] = starter.Op, ["threshold"] = starter.Threshold, ["severity"] = starter.Severity,
                });
            }
            explanation.Add($"quality: {group.Count()} {display} report(s) (e.g. {group.First()}) read as {(paths.Count == 1 && paths[0].Contains('*', StringComparison.Ordinal) ? $"the shards of {paths[0]}" : string.Join(", ", paths))}: {starter.Description}");
        }
        if (reports.Count > 0) gates["quality"] = new JsonObject { ["reports"] = reports, ["conditions"] = conditions };

        var manifests = files.Where(f => Path.GetFileName(f) == Evidence.EvidenceManifest.FileName && IsPackManifest(Path.Combine(root, f))).ToList();
        if (manifests.Count > 0)
        {
            var packs = new JsonArray();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in manifests.Take(MaxPerKind))
            {
                var folder = Path.GetFileName(Path.GetDirectoryName(path)) is { Length: > 0 } name ? name : "pack";
                packs.Add((JsonNode)new JsonObject { ["id"] = UniqueId(folder, ids), ["manifest"] = path });
            }
            gates["evidence"] = new JsonObject { ["packs"] = packs };
            explanation.Add($"evidence: {manifests.Count} evidence pack(s): each file's size and SHA-256 is verified against its manifest.");
        }
        var evidenceFolders = files.Select(f => Path.GetDirectoryName(f)?.Replace('\\', '/') ?? "")
            .Where(d => d.Split('/').Any(s => s.Equals("evidence", StringComparison.OrdinalIgnoreCase)))
            .Where(d => !manifests.Any(m => m.StartsWith(d + "/", StringComparison.Ordinal)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (evidenceFolders.Count > 0)
            explanation.Add($"evidence: {evidenceFolders[0]} looks like evidence but has no pack; 'gatekit evidence pack' makes one, then add its manifest under gates.evidence.packs.");

        if (gates.Count == 0) return null;
        var config = new JsonObject { ["schemaVersion"] = 1, ["gates"] = gates };
        // Indented for the person who edits it next; relaxed escaping keeps non-ASCII paths readable (it is a config, not HTML).
        using var bytes = new MemoryStream();
        using (var writer = new Utf8JsonWriter(bytes, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            config.WriteTo(writer);
        bytes.WriteByte((byte)'\n');
        return new StarterConfig(bytes.ToArray(), explanation);
    }

    /// <summary>A starter condition on a standard report: the metric teams gate on first, at a priority that warns rather than blocks where a team sets its own bar.</summary>
    private sealed record StarterCondition(string Metric, string Op, double Threshold, string Severity, string Description);

    private static readonly StarterCondition NoFailedTests = new("tests.failed", "<=", 0, "P0", "no test fails.");
    private static readonly StarterCondition LineCoverage = new("coverage.line", ">=", 0.8, "P1", "line coverage is at least 80% (a starting point: set your own).");
    private static readonly StarterCondition NoAnalyzerErrors = new("sarif.error", "<=", 0, "P1", "no analyzer result at error level.");

    /// <summary>The standard report format a file looks like, by its name (format id, name for people, starter condition); null for any other file.</summary>
    private static (string Format, string Display, StarterCondition Starter)? StandardFormat(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".trx", StringComparison.Ordinal)) return ("trx", "TRX", NoFailedTests);
        if (name.EndsWith(".sarif", StringComparison.Ordinal) || name.EndsWith(".sarif.json", StringComparison.Ordinal)) return ("sarif", "SARIF", NoAnalyzerErrors);
        if (name.EndsWith(".lcov", StringComparison.Ordinal) || name == "lcov.info") return ("lcov", "lcov", LineCoverage);
        if (!name.EndsWith(".xml", StringComparison.Ordinal)) return null;
        if (name.Contains("cobertura", StringComparison.Ordinal) || name == "coverage.xml") return ("cobertura", "Cobertura", LineCoverage);
        if (name.Contains("junit", StringComparison.Ordinal) || name.StartsWith("test-", StringComparison.Ordinal) || name.StartsWith("test_", StringComparison.Ordinal)) return ("junit", "JUnit", NoFailedTests);
        return null;
    }

    /// <summary>
    /// The report paths for the files of one format: the file itself when there is one; one glob over all of them when
    /// they share a name (<c>**/coverage.cobertura.xml</c>) or an extension (<c>**/*.trx</c>), so the matrix legs'
    /// shards of later runs are read too; else each file (at most <see cref="MaxPerKind"/>).
    /// </summary>
    private static IReadOnlyList<string> ShardPaths(IReadOnlyList<string> files)
    {
        if (files.Count == 1) return files;
        var names = files.Select(Path.GetFileName).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 1) return [$"**/{names[0]}"];
        var extensions = files.Select(Path.GetExtension).Distinct(StringComparer.Ordinal).ToList();
        if (extensions.Count == 1 && extensions[0] is { Length: > 1 } extension && extension != ".xml" && extension != ".json") return [$"**/*{extension}"];
        return files.Take(MaxPerKind).ToList();
    }

    private static bool IsPackManifest(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("pack_id", out _);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>An id the config accepts (^[A-Za-z0-9][A-Za-z0-9_.-]*$), made unique with a number.</summary>
    private static string UniqueId(string name, HashSet<string> taken)
    {
        var id = new StringBuilder();
        foreach (var c in name) id.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        var text = id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) ? id.ToString() : "r" + id;
        var unique = text;
        for (var n = 2; !taken.Add(unique); n++) unique = $"{text}_{n}";
        return unique;
    }

    /// <summary>Files under the root, relative with '/' and sorted ordinally so the proposal is deterministic.</summary>
    private static List<string> Scan(string root)
    {
        var found = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0 && found.Count < MaxFilesScanned)
        {
            var folder = pending.Pop();
            IEnumerable<string> entries;
            try { entries = Directory.EnumerateFileSystemEntries(folder).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (name.StartsWith('.')) continue;
                var info = new FileInfo(entry);
                if (info.Attributes.HasFlag(FileAttributes.ReparsePoint)) continue;
                if (info.Attributes.HasFlag(FileAttributes.Directory))
                {
                    if (!SkippedFolders.Contains(name)) pending.Push(entry);
                }
                // A file literally named with {tag} would be read as the run's tag: left out.
                else if (!Inputs.PathTemplate.UsesTag(name)) found.Add(Path.GetRelativePath(root, entry).Replace('\\', '/'));
            }
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
