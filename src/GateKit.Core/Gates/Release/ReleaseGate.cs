using System.Text;
using System.Text.Json;
using GateKit.Config;
using GateKit.Inputs;
using GateKit.Json;
using GateKit.Results;

namespace GateKit.Gates.Release;

/// <summary>
/// The release gate (spec: "release — required artifacts"): every declared artifact for the tag
/// exists, is non-empty, parses, validates against its schema and meets its assertions; monitoring
/// snapshots are OK; the sign-off exists.
/// </summary>
public sealed class ReleaseGate : IGate
{
    public const string GateName = "release";

    private const int MaxViolationsPerArtifact = 20;
    private const int MaxShownValueLength = 200;
    private const string SignoffSubject = "signoff";
    private const string MaxFileBytesName = "gates.release.maxFileBytes";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Name => GateName;

    public GateOutcome Evaluate(GateContext context, CancellationToken cancellationToken)
    {
        var config = context.Config.Gates.Release
            ?? throw new InvalidOperationException("release gate: gates.release is not configured");
        var tag = context.Tag;
        // Checked before anything is read: a missing tag is a usage error, not a finding.
        foreach (var path in config.Artifacts.Select(a => a.Path).Append(config.Signoff ?? "")) PathTemplate.Expand(path, tag, GateName);

        var evaluation = new Evaluation(context.Files, config.MaxFileBytes);
        var ok = 0;
        foreach (var artifact in config.Artifacts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (evaluation.EvaluateArtifact(artifact, Substitute(artifact.Path, tag))) ok++;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (config.Signoff is { } signoff) evaluation.EvaluateSignoff(Substitute(signoff, tag));
        if (config.Artifacts.Count == 0 && config.Signoff is null)
            evaluation.Add(new Finding(ReleaseCodes.NothingEvaluated, Priority.P0, "the release gate declares no artifact and no sign-off: nothing was evaluated"));

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["artifacts_total"] = config.Artifacts.Count,
            ["artifacts_ok"] = ok,
        };
        return new GateOutcome(evaluation.Findings, metrics, [], evaluation.SortedInputs(), [], new StatusRules(config.PartialAt, config.P2WarnAt));
    }

    private static string Substitute(string path, string? tag) => PathTemplate.Expand(path, tag, GateName);

    /// <summary>What a missing or broken artifact costs, by kind (spec: failure classes follow incident classes).</summary>
    private static Priority PriorityOf(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Json => Priority.P0,
        ArtifactKind.Monitoring => Priority.P1,
        _ => Priority.P2,
    };

    /// <summary>The state of one evaluation: findings in order, inputs read, schemas loaded.</summary>
    private sealed class Evaluation(FileRoot files, long maxFileBytes)
    {
        private readonly Dictionary<string, InputDigest> inputs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (ArtifactSchemaValidator? Validator, Finding? Problem)> schemas = new(StringComparer.Ordinal);

        public List<Finding> Findings { get; } = [];

        public void Add(Finding finding) => Findings.Add(finding);

        public IReadOnlyList<InputDigest> SortedInputs() =>
            [.. inputs.Values.OrderBy(i => i.Path, StringComparer.Ordinal)];

        /// <summary>Evaluates one artifact; true when it produced no finding.</summary>
        public bool EvaluateArtifact(ArtifactConfig artifact, string path)
        {
            var before = Findings.Count;
            var broken = artifact.Priority ?? PriorityOf(artifact.Kind);
            var file = Read(path, artifact.Id, broken, ReleaseCodes.ArtifactMissing, ReleaseCodes.ArtifactUnreadable, ReleaseCodes.ArtifactEmpty);
            if (file is not null && artifact.Kind != ArtifactKind.Document) CheckJson(artifact, file, broken);
            return Findings.Count == before;
        }

        public void EvaluateSignoff(string path) =>
            Read(path, SignoffSubject, Priority.P0, ReleaseCodes.SignoffMissing, ReleaseCodes.SignoffMissing, ReleaseCodes.SignoffMissing);

        private InputFile? Read(string path, string subject, Priority priority, string missing, string unreadable, string empty)
        {
            var display = path.Replace('\\', '/');
            var failure = files.TryRead(path, out var file, out var problem, maxFileBytes, MaxFileBytesName);
            switch (failure)
            {
                case ReadFailure.OutsideRoot:
                    Add(new Finding(ReleaseCodes.PathOutsideRoot, Priority.P0, $"{subject}: {problem}; it was not read", new Location(display), subject));
                    return null;
                case ReadFailure.Missing:
                    Add(new Finding(missing, priority, $"{subject}: {problem}", new Location(display), subject));
                    return null;
                case ReadFailure.Unreadable:
                    Add(new Finding(unreadable, priority, $"{subject}: {problem}", new Location(display), subject));
                    return null;
            }
            inputs.TryAdd(file!.Digest.Path, file.Digest);
            if (IsBlank(file.Bytes))
            {
                Add(new Finding(empty, priority, $"{subject}: {display} is empty", new Location(file.RelativePath), subject));
                return null;
            }
            return file;
        }

        private void CheckJson(ArtifactConfig artifact, InputFile file, Priority broken)
        {
            var bytes = WithoutBom(file.Bytes);
            string text;
            try
            {
                // Decoded strictly first: invalid UTF-8 is a malformed report, not a crash later on.
                text = StrictUtf8.GetString(bytes.Span);
            }
            catch (DecoderFallbackException e)
            {
                var (line, column) = LineColumnOfByte(bytes.Span, e.Index);
                Add(new Finding(ReleaseCodes.ArtifactMalformed, broken, $"{artifact.Id}: {file.RelativePath} is not valid UTF-8",
                    new Location(file.RelativePath, line, column), artifact.Id));
                return;
            }

            JsonDocument document;
            try
            {
                document = Json.StrictJson.Parse(bytes);
            }
            catch (JsonException e)
            {
                var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
                var column = e.BytePositionInLine is { } c ? (int)c + 1 : (int?)null;
                Add(new Finding(ReleaseCodes.ArtifactMalformed, broken, $"{artifact.Id}: {file.RelativePath} is not valid JSON: {JsonErrorText.Of(e)}",
                    new Location(file.RelativePath, line, column), artifact.Id));
                return;
            }

            using (document)
            {
                if (artifact.Schema is { } schemaPath) CheckSchema(artifact, file, bytes, text, schemaPath);
                foreach (var assertion in artifact.Assertions ?? [])
                    CheckAssertion(artifact, file, bytes, document.RootElement, assertion);
                if (artifact.Kind == ArtifactKind.Monitoring) CheckMonitoring(artifact, file, bytes, document.RootElement);
            }
        }

        private void CheckSchema(ArtifactConfig artifact, InputFile file, ReadOnlyMemory<byte> bytes, string text, string schemaPath)
        {
            var validator = LoadSchema(artifact, schemaPath);
            if (validator is null) return;
            var violations = validator.Validate(text);
            foreach (var violation in violations.Take(MaxViolationsPerArtifact))
            {
                var at = JsonPathLocator.Locate(bytes.Span, violation.JsonPath);
                Add(new Finding(ReleaseCodes.SchemaViolation, Priority.P0,
                    $"{artifact.Id}: {violation.JsonPath} violates {schemaPath.Replace('\\', '/')}: {violation.Message}",
                    new Location(file.RelativePath, at?.Line, at?.Column, violation.JsonPath), artifact.Id));
            }
            if (violations.Count > MaxViolationsPerArtifact)
            {
                var more = violations.Count - MaxViolationsPerArtifact;
                Add(new Finding(ReleaseCodes.SchemaViolation, Priority.P0,
                    $"{artifact.Id}: {more} more schema violation{(more == 1 ? "" : "s")} not listed (first {MaxViolationsPerArtifact} shown)",
                    new Location(file.RelativePath), artifact.Id));
            }
        }

        // A schema shared by several artifacts is read and parsed once; a broken one is reported for each.
        private ArtifactSchemaValidator? LoadSchema(ArtifactConfig artifact, string schemaPath)
        {
            if (!schemas.TryGetValue(schemaPath, out var loaded))
            {
                loaded = LoadSchemaUncached(schemaPath);
                schemas[schemaPath] = loaded;
            }
            if (loaded.Problem is { } problem) Add(problem with { Subject = artifact.Id, Message = $"{artifact.Id}: {problem.Message}" });
            return loaded.Validator;
        }

        private (ArtifactSchemaValidator?, Finding?) LoadSchemaUncached(string schemaPath)
        {
            var display = schemaPath.Replace('\\', '/');
            switch (files.TryRead(schemaPath, out var file, out var problem, maxFileBytes, MaxFileBytesName))
            {
                case ReadFailure.OutsideRoot:
                    return (null, new Finding(ReleaseCodes.PathOutsideRoot, Priority.P0, $"schema {problem}; it was not read", new Location(display)));
                case ReadFailure.Missing or ReadFailure.Unreadable:
                    return (null, new Finding(ReleaseCodes.SchemaUnreadable, Priority.P0, $"schema {problem}", new Location(display)));
            }
            inputs.TryAdd(file!.Digest.Path, file.Digest);
            string text;
            try
            {
                text = StrictUtf8.GetString(WithoutBom(file.Bytes).Span);
            }
            catch (DecoderFallbackException)
            {
                return (null, new Finding(ReleaseCodes.SchemaUnreadable, Priority.P0, $"schema {display} is not valid UTF-8", new Location(file.RelativePath)));
            }
            if (IsBlank(file.Bytes))
                return (null, new Finding(ReleaseCodes.SchemaUnreadable, Priority.P0, $"schema {display} is empty", new Location(file.RelativePath)));
            if (!ArtifactSchemaValidator.TryLoad(text, out var validator, out var reason))
                return (null, new Finding(ReleaseCodes.SchemaUnreadable, Priority.P0, $"schema {display} cannot be used: {reason}", new Location(file.RelativePath)));
            return (validator, null);
        }

        private void CheckAssertion(ArtifactConfig artifact, InputFile file, ReadOnlyMemory<byte> bytes, JsonElement root, AssertionConfig assertion)
        {
            if (!JsonPointer.TryResolve(root, assertion.Pointer, out var actual))
            {
                Add(new Finding(ReleaseCodes.AssertionFailed, Priority.P0,
                    $"{artifact.Id}: assertion {assertion.Pointer} = {Show(assertion.Expected)} failed: {assertion.Pointer} not found",
                    new Location(file.RelativePath), artifact.Id));
                return;
            }
            // Deep equality compares numbers by value: 1 equals 1.0.
            if (JsonElement.DeepEquals(actual, assertion.Expected)) return;
            Add(new Finding(ReleaseCodes.AssertionFailed, Priority.P0,
                $"{artifact.Id}: assertion {assertion.Pointer} failed: expected {Show(assertion.Expected)}, found {Show(actual)}",
                LocationOf(file, bytes, root, assertion.Pointer), artifact.Id));
        }

        private static readonly string[] HighSeverities = ["HIGH", "CRITICAL"];
        private static readonly string[] LowSeverities = ["LOW", "MEDIUM", "INFO"];

        private void CheckMonitoring(ArtifactConfig artifact, InputFile file, ReadOnlyMemory<byte> bytes, JsonElement root)
        {
            if (!JsonPointer.TryResolve(root, artifact.StatusPointer, out var status))
            {
                Add(new Finding(ReleaseCodes.MonitoringStatusInvalid, Priority.P0,
                    $"{artifact.Id}: no monitoring status at {artifact.StatusPointer}; expected \"OK\" or \"ALERT\"",
                    new Location(file.RelativePath), artifact.Id));
                return;
            }
            var value = status.ValueKind == JsonValueKind.String ? status.GetString() : null;
            if (value == "OK") return;
            if (value != "ALERT")
            {
                Add(new Finding(ReleaseCodes.MonitoringStatusInvalid, Priority.P0,
                    $"{artifact.Id}: monitoring status at {artifact.StatusPointer} is {Show(status)}; expected \"OK\" or \"ALERT\"",
                    LocationOf(file, bytes, root, artifact.StatusPointer), artifact.Id));
                return;
            }
            var severity = JsonPointer.TryResolve(root, artifact.SeverityPointer, out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()!
                : null;
            // Phase 4 runbook: ALERT with HIGH severity is P1. A severity that is missing or not one we know
            // fails closed: it is treated as high, and the finding says so.
            var known = severity is not null && LowSeverities.Contains(severity.Trim().ToUpperInvariant());
            var high = !known;
            var described = severity is null ? $"no severity at {artifact.SeverityPointer} (treated as high: a missing severity fails closed)"
                : known || HighSeverities.Contains(severity.Trim().ToUpperInvariant()) ? $"severity {Truncate(severity)}"
                : $"unknown severity {Show(s)} at {artifact.SeverityPointer} (treated as high; known: {string.Join(", ", HighSeverities.Concat(LowSeverities))})";
            Add(new Finding(ReleaseCodes.MonitoringAlert, high ? Priority.P1 : Priority.P2,
                $"{artifact.Id}: monitoring ALERT with {described}",
                LocationOf(file, bytes, root, artifact.StatusPointer), artifact.Id));
        }

        private static Location LocationOf(InputFile file, ReadOnlyMemory<byte> bytes, JsonElement root, string pointer)
        {
            var path = PathOfPointer(root, pointer);
            var at = path is null ? null : JsonPathLocator.Locate(bytes.Span, path);
            return new Location(file.RelativePath, at?.Line, at?.Column, path);
        }
    }

    /// <summary>A JSON Pointer that resolves, written as a JSON path (<c>/a/0</c> → <c>$.a[0]</c>).</summary>
    private static string? PathOfPointer(JsonElement root, string pointer)
    {
        if (!JsonPointer.TryResolve(root, pointer, out _)) return null;
        var path = new StringBuilder("$");
        var current = root;
        foreach (var raw in pointer.Length == 0 ? [] : pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Array)
            {
                path.Append('[').Append(token).Append(']');
                current = current[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)];
            }
            else
            {
                path.Append(JsonPathLocator.Member(token));
                current = current.GetProperty(token);
            }
        }
        return path.ToString();
    }

    private static string Show(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) value.WriteTo(writer);
        return Truncate(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Truncate(string text) =>
        text.Length <= MaxShownValueLength ? text : text[..MaxShownValueLength] + "…";

    private static ReadOnlyMemory<byte> WithoutBom(byte[] bytes) =>
        bytes.AsMemory(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0);

    private static bool IsBlank(byte[] bytes) =>
        WithoutBom(bytes).Span.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']) < 0;

    private static (int Line, int Column) LineColumnOfByte(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        var before = bytes[..index];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, index - lineStart + 1);
    }
}
