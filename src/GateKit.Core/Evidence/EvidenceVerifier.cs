using System.Globalization;
using System.Text.Json;

namespace GateKit.Evidence;

/// <summary>Error makes a pack invalid; warning (only under --lenient, for missing optional fields) does not.</summary>
public enum ProblemSeverity { Error, Warning }

/// <summary>One thing wrong with a pack: code, severity, message, and the packed path and manifest JSON path it concerns.</summary>
public sealed record EvidenceProblem(string Code, ProblemSeverity Severity, string Message, string? Path = null, string? JsonPath = null, int? Line = null, int? Column = null);

/// <summary>Every problem of one pack, and how much was checked.</summary>
public sealed record EvidenceReport(string Manifest, string? PackId, bool Malformed, IReadOnlyList<EvidenceProblem> Problems, int FilesListed, int FilesHashed, long BytesHashed)
{
    public bool Valid => Problems.All(p => p.Severity == ProblemSeverity.Warning);
}

public sealed record VerifyOptions(bool Lenient = false)
{
    public int Parallelism { get; init; } = FileHasher.DefaultParallelism;

    /// <summary>Bytes hashed so far, reported from the hashing workers.</summary>
    public Action<long>? Progress { get; init; }
}

/// <summary>
/// gatekit evidence verify: checks a manifest's required fields and own digest, every listed file's
/// path (on the text first: absolute, "..", not canonical → refused without touching the disk), size
/// and SHA-256, and the pack's files folder for missing and extra files. Symbolic links that leave the
/// files folder are refused without being read. Every problem is reported, not only the first.
/// </summary>
public static class EvidenceVerifier
{
    private static readonly string[] RequiredText = ["pack_id", "git_ref", "run_reason", "operator_id"];

    private sealed record Entry(int Index, string Path, long Size, string Sha256)
    {
        /// <summary>Its JSON path in the manifest; only a problem spells it out.</summary>
        public string At => $"$.files[{Index}]";
    }

    /// <summary>A manifest entry and the file that holds it.</summary>
    private sealed record Target(Entry Entry, ScannedFile File);

    /// <param name="manifestPath">Where the manifest is; its folder is the pack.</param>
    /// <param name="manifestBytes">The manifest as read (the caller reads it, so the gate can read through its file root).</param>
    public static EvidenceReport Verify(string manifestPath, byte[] manifestBytes, VerifyOptions options, CancellationToken cancellationToken)
    {
        var packDirectory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var filesRoot = Path.Combine(packDirectory, EvidenceManifest.FilesFolder);
        using var scan = PackScan.Start(packDirectory, options.Parallelism, options.Progress, cancellationToken);

        var problems = new List<EvidenceProblem>();
        JsonDocument document;
        try
        {
            document = Json.StrictJson.Parse(manifestBytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var column = e.BytePositionInLine is { } c ? (int)c + 1 : (int?)null;
            problems.Add(new(EvidenceCodes.ManifestMalformed, ProblemSeverity.Error, $"the manifest is not valid JSON: {Json.JsonErrorText.Of(e)}", JsonPath: "$", Line: line, Column: column));
            return new EvidenceReport(manifestPath, null, true, problems, 0, 0, 0);
        }
        catch (ArgumentException e) // invalid UTF-8 surfaces as a decoder error on some inputs
        {
            problems.Add(new(EvidenceCodes.ManifestMalformed, ProblemSeverity.Error, $"the manifest is not valid JSON: {e.Message}", JsonPath: "$"));
            return new EvidenceReport(manifestPath, null, true, problems, 0, 0, 0);
        }

        using var _ = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(EvidenceCodes.ManifestMalformed, ProblemSeverity.Error, "the manifest is not a JSON object", JsonPath: "$"));
            return new EvidenceReport(manifestPath, null, true, problems, 0, 0, 0);
        }

        void Add(string code, string message, string? path = null, string? jsonPath = null, ProblemSeverity severity = ProblemSeverity.Error) =>
            problems.Add(new(code, severity, message, path, jsonPath));
        var fieldProblems = new List<EvidenceProblem>();
        void AddField(string code, string message, string? path = null, string? jsonPath = null, ProblemSeverity severity = ProblemSeverity.Error) =>
            fieldProblems.Add(new(code, severity, message, path, jsonPath));
        var optional = options.Lenient ? ProblemSeverity.Warning : ProblemSeverity.Error;

        var entries = CheckEntries(root, Add);
        if (entries.Count == 0 && root.TryGetProperty("files", out var listed) && listed.ValueKind == JsonValueKind.Array && listed.GetArrayLength() == 0)
            Add(EvidenceCodes.NothingPacked, "the pack lists no files: an empty pack proves nothing", null, "$.files");
        scan.Want(entries.Select(e => e.Path));
        // The manifest's own fields and digest are checked while the files are hashed; their problems come first, as before.
        CheckFields(root, AddField, optional);
        var targets = Locate(scan.Finish(), filesRoot, entries, Add);
        // Files reached through a link that stays inside the pack (rare) are hashed now, by their resolved path.
        var linked = targets.Select(t => t.File).Where(f => f.Digest is null && f.Error is null).ToList();
        FileHasher.ForEach(linked, options.Parallelism, (file, buffer, hash) => file.Hash(null, buffer, hash, options.Progress, cancellationToken), cancellationToken);
        problems.InsertRange(0, fieldProblems);
        long bytes = 0;
        foreach (var (entry, file) in targets)
        {
            bytes += file.Digest?.Length ?? 0;
            if (file.Error is { } error)
                Add(EvidenceCodes.FileUnreadable, $"{entry.Path} cannot be read: {error}", entry.Path, entry.At);
            else if (file.Digest is { } d && d.Length != entry.Size)
                Add(EvidenceCodes.SizeMismatch, $"{entry.Path} is {d.Length} bytes; the manifest records {entry.Size}", entry.Path, entry.At);
            else if (file.Digest is { } h && h.Sha256 != entry.Sha256)
                Add(EvidenceCodes.DigestMismatch, $"{entry.Path} has SHA-256 {h.Sha256}; the manifest records {entry.Sha256}", entry.Path, entry.At);
        }

        var positions = Config.JsonPathLocator.LocateAll(manifestBytes, problems.Where(p => p.JsonPath is not null).Select(p => p.JsonPath!).ToHashSet(StringComparer.Ordinal));
        var located = problems.Select(p => p.JsonPath is { } at && positions.TryGetValue(at, out var where) ? p with { Line = where.Line, Column = where.Column } : p).ToList();
        var ordered = located
            .OrderBy(p => p.Path is null ? 0 : 1)
            .ThenBy(p => p.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        var packId = root.TryGetProperty("pack_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return new EvidenceReport(manifestPath, packId, false, ordered, entries.Count, targets.Count, bytes);
    }


    private static void CheckFields(JsonElement root, Action<string, string, string?, string?, ProblemSeverity> add, ProblemSeverity optional)
    {
        foreach (var member in root.EnumerateObject())
            if (!EvidenceManifest.RootMembers.Contains(member.Name))
                add(EvidenceCodes.FieldUnknown, $"unknown member '{member.Name}'", null, $"$.{member.Name}", ProblemSeverity.Error);

        if (!Present(root, "schema_version", out var version))
            add(EvidenceCodes.FieldMissing, "required field schema_version is missing", null, "$", ProblemSeverity.Error);
        else if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var n) || n != EvidenceManifest.SchemaVersion)
            add(EvidenceCodes.SchemaVersionUnsupported, $"schema_version {version.GetRawText()} is not supported; this GateKit reads {EvidenceManifest.SchemaVersion}", null, "$.schema_version", ProblemSeverity.Error);

        foreach (var name in RequiredText)
        {
            if (!Present(root, name, out var value))
                add(EvidenceCodes.FieldMissing, $"required field {name} is missing", null, "$", ProblemSeverity.Error);
            else if (!IsText(value))
                add(EvidenceCodes.FieldInvalid, $"{name} must be a non-empty string", null, $"$.{name}", ProblemSeverity.Error);
        }

        if (!Present(root, "run_manifest", out var run))
            add(EvidenceCodes.FieldMissing, "field run_manifest (inputs, tool versions, machine) is missing", null, "$", optional);
        else if (run.ValueKind != JsonValueKind.Object)
            add(EvidenceCodes.FieldInvalid, "run_manifest must be an object", null, "$.run_manifest", ProblemSeverity.Error);
        else
        {
            if (!run.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.Object)
                add(EvidenceCodes.FieldMissing, "field run_manifest.tool (tool versions) is missing", null, "$.run_manifest", optional);
            // The run record names what was selected (globs, count, bytes): without it the pack cannot say what it is evidence of.
            if (!run.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Object)
                add(EvidenceCodes.FieldMissing, "field run_manifest.inputs (what was packed: include/exclude globs, file count, bytes) is missing", null, "$.run_manifest", optional);
        }

        if (Present(root, "created_at", out var created)
            && !(IsText(created) && DateTimeOffset.TryParse(created.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            add(EvidenceCodes.FieldInvalid, "created_at must be an ISO-8601 date-time", null, "$.created_at", ProblemSeverity.Error);

        if (!Present(root, EvidenceManifest.DigestMember, out var recorded))
            add(EvidenceCodes.FieldMissing, $"field {EvidenceManifest.DigestMember} (the manifest's own digest) is missing; edits to the manifest cannot be detected", null, "$", optional);
        else if (recorded.ValueKind != JsonValueKind.String || !IsSha256(recorded.GetString()!))
            add(EvidenceCodes.FieldInvalid, $"{EvidenceManifest.DigestMember} must be 64 lower-case hex digits", null, $"$.{EvidenceManifest.DigestMember}", ProblemSeverity.Error);
        else
        {
            var actual = EvidenceManifest.DigestOf(root);
            if (actual != recorded.GetString())
                add(EvidenceCodes.ManifestDigestMismatch,
                    $"the manifest was changed after packing: its digest is {actual}, it records {recorded.GetString()}", null, $"$.{EvidenceManifest.DigestMember}", ProblemSeverity.Error);
        }
    }

    private static List<Entry> CheckEntries(JsonElement root, Action<string, string, string?, string?, ProblemSeverity> add)
    {
        if (!Present(root, "files", out var files))
        {
            add(EvidenceCodes.FieldMissing, "required field files is missing", null, "$", ProblemSeverity.Error);
            return [];
        }
        if (files.ValueKind != JsonValueKind.Array)
        {
            add(EvidenceCodes.FieldInvalid, "files must be an array", null, "$.files", ProblemSeverity.Error);
            return [];
        }
        var count = files.GetArrayLength();
        var entries = new List<Entry>(count);
        var seen = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var folded = new Dictionary<string, string>(count, StringComparer.Ordinal);
        string? previous = null;
        var outOfOrder = false;
        var i = -1;
        foreach (var f in files.EnumerateArray())
        {
            i++;
            string At() => $"$.files[{i}]"; // only a problem needs it
            if (f.ValueKind != JsonValueKind.Object || f.GetPropertyCount() != 3
                || !f.TryGetProperty("path", out var pv) || pv.ValueKind != JsonValueKind.String
                || !f.TryGetProperty("size", out var zv) || zv.ValueKind != JsonValueKind.Number || !zv.TryGetInt64(out var size) || size < 0
                || !f.TryGetProperty("sha256", out var hv) || hv.ValueKind != JsonValueKind.String || hv.GetString() is not { } sha || !IsSha256(sha))
            {
                add(EvidenceCodes.EntryInvalid, "a files entry must be {\"path\": string, \"size\": integer >= 0, \"sha256\": 64 lower-case hex digits} and nothing else", null, At(), ProblemSeverity.Error);
                continue;
            }
            var path = pv.GetString()!;
            if (EvidencePath.Problem(path) is { } problem)
            {
                add(problem.Code, $"{Shown(path)}: {problem.Reason}; refused without reading it", path, At(), ProblemSeverity.Error);
                continue;
            }
            if (seen.TryGetValue(path, out var first))
            {
                add(EvidenceCodes.PathDuplicate, $"{path} is listed twice (files[{first}] and files[{i}])", path, At(), ProblemSeverity.Error);
                continue;
            }
            seen[path] = i;
            var fold = EvidencePath.CaseFold(path);
            if (folded.TryGetValue(fold, out var twin))
                add(EvidenceCodes.PathCaseCollision, $"{path} and {twin} differ only in case; they collide on a case-insensitive file system", path, At(), ProblemSeverity.Error);
            else folded[fold] = path;
            if (previous is not null && string.CompareOrdinal(previous, path) > 0) outOfOrder = true;
            previous = path;
            entries.Add(new Entry(i, path, size, sha));
        }
        if (outOfOrder) add(EvidenceCodes.FilesNotCanonical, "files are not in canonical order (ordinal by path)", null, "$.files", ProblemSeverity.Error);
        return entries;
    }

    /// <summary>The member, unless it is absent or null (both read as missing).</summary>
    private static bool Present(JsonElement o, string name, out JsonElement value) =>
        o.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Pairs every listed path with the file it names; reports missing, non-regular, escaping and extra entries.</summary>
    private static List<Target> Locate(PackListing listing, string filesRoot, List<Entry> entries, Action<string, string, string?, string?, ProblemSeverity> add)
    {
        foreach (var (code, message) in listing.Problems) add(code, message, null, null, ProblemSeverity.Error);
        var (regular, links, folders) = (listing.Regular, listing.Links, listing.Folders);
        var files = new Inputs.FileRoot(filesRoot);
        var targets = new List<Target>(entries.Count);
        var used = new HashSet<string>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (regular.TryGetValue(entry.Path, out var file))
            {
                used.Add(entry.Path);
                targets.Add(new Target(entry, file));
                continue;
            }
            if (folders.Contains(entry.Path))
            {
                add(EvidenceCodes.FileNotRegular, $"{entry.Path} is a folder, not a file", entry.Path, entry.At, ProblemSeverity.Error);
                continue;
            }
            // The path goes through a link (the file itself or a folder on the way): follow it only if it stays inside.
            if (ThroughLink(entry.Path, links) is { } link)
            {
                used.Add(link);
                if (!files.TryResolve(entry.Path, out var resolved, out _))
                    add(EvidenceCodes.PathOutsideRoot, $"{entry.Path} leaves the pack through the symbolic link {link}; it was not read", entry.Path, entry.At, ProblemSeverity.Error);
                else if (!File.Exists(resolved))
                    add(EvidenceCodes.FileMissing, $"{entry.Path} does not exist (the symbolic link {link} leads nowhere)", entry.Path, entry.At, ProblemSeverity.Error);
                else
                    targets.Add(new Target(entry, new ScannedFile(resolved)));
                continue;
            }
            add(EvidenceCodes.FileMissing, $"{entry.Path} is listed in the manifest but not in the pack", entry.Path, entry.At, ProblemSeverity.Error);
        }
        foreach (var path in regular.Keys.Concat(links).Where(p => !used.Contains(p)).Order(StringComparer.Ordinal))
            add(EvidenceCodes.FileExtra, $"{path} is in the pack but not in the manifest", path, null, ProblemSeverity.Error);
        return targets;
    }

    private static string? ThroughLink(string path, HashSet<string> links)
    {
        if (links.Count == 0) return null;
        for (var end = path.IndexOf('/'); ; end = path.IndexOf('/', end + 1))
        {
            var prefix = end < 0 ? path : path[..end];
            if (links.Contains(prefix)) return prefix;
            if (end < 0) return null;
        }
    }

    private static bool IsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static bool IsSha256(string text) => text.Length == 64 && !text.AsSpan().ContainsAnyExcept(LowerHex);

    private static string Shown(string path) => JsonSerializer.Serialize(path, Output.ResultJsonContext.Default.String);

}
