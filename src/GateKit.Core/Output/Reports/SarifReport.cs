using System.Text.Json;
using GateKit.Results;

namespace GateKit.Output.Reports;

/// <summary>
/// SARIF 2.1.0 (OASIS static analysis results format) for code scanning: one run; the finding codes are
/// the rules; each finding is a result with its level (P0 error, P1 warning, P2 note), its file and
/// 1-based line and column when known, and a partial fingerprint that does not change when lines move
/// (<see cref="ReportText.Fingerprint"/>). A waived finding carries an external suppression with the
/// waiver's reason. Findings without a file point at the config file.
/// Within GitHub code scanning's documented upload limits ("SARIF support for code scanning": at most
/// 25,000 results per run, files at most 10 MB gzip-compressed): the most severe findings are kept and a
/// toolExecutionNotification and run.properties.gatekit.trimmed say how many were left out.
/// </summary>
public sealed class SarifReport : IReportWriter
{
    /// <summary>GitHub code scanning's hard limit on results per run.</summary>
    public const int MaxResults = 25_000;

    /// <summary>GitHub's file limit: 10 MB, gzip-compressed (upload tools compress the file before sending it).</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The partialFingerprints key; the version changes if the fingerprint's recipe ever does.</summary>
    public const string FingerprintKey = "gatekitFinding/v1";

    public string Name => "sarif";

    public byte[] Write(RunResult result)
    {
        var all = result.Gates.SelectMany(g => g.Findings.Select(f => (Gate: g.Name, Finding: f))).ToList();
        // Most severe first when trimming: unwaived before waived, then P0, P1, P2; ties keep result order.
        var bySeverity = Enumerable.Range(0, all.Count).OrderBy(i => all[i].Finding.IsWaived).ThenBy(i => all[i].Finding.Priority).ThenBy(i => i).ToList();
        var keep = Math.Min(all.Count, MaxResults);
        while (true)
        {
            var kept = bySeverity.Take(keep).Order().Select(i => all[i]).ToList();
            var bytes = Serialize(result, kept, all.Count);
            var size = CompressedSize(bytes);
            if (size <= MaxBytes || keep == 0) return bytes;
            keep = (int)Math.Min(keep - 1, (long)keep * MaxBytes / size * 9 / 10);
        }
    }

    private static byte[] Serialize(RunResult result, IReadOnlyList<(string Gate, Finding Finding)> findings, int total)
    {
        var rules = findings.Select(f => f.Finding.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i);
        var trimmed = total - findings.Count;
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, SkipValidation = false }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "GateKit");
            w.WriteString("version", ReportText.Clean(result.Tool.Version));
            w.WriteStartArray("rules");
            foreach (var code in rules)
            {
                var gates = string.Join(", ", findings.Where(f => f.Finding.Code == code).Select(f => f.Gate).Distinct());
                var clean = ReportText.Clean(code);
                w.WriteStartObject();
                w.WriteString("id", clean);
                w.WriteString("name", clean);
                // The catalogue's text (gatekit explain, docs/codes.md) where the code is known; a code from an older
                // or newer result still gets a rule that says where it came from.
                var doc = CodeCatalog.Find(code).FirstOrDefault();
                w.WriteStartObject("shortDescription");
                w.WriteString("text", doc?.Meaning ?? $"GateKit finding '{clean}' ({ReportText.Clean(gates)} gate)");
                w.WriteEndObject();
                w.WriteStartObject("help");
                w.WriteString("text", doc is null
                    ? $"Raised by the {ReportText.Clean(gates)} gate. Fix what the message names, or accept it for a time with a waiver for code '{clean}' in the config."
                    : $"{doc.Fix} More: gatekit explain {clean}.");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", !result.Interrupted && result.Gates.All(g => g.Status != GateStatus.Error));
            if (trimmed > 0)
            {
                w.WriteStartArray("toolExecutionNotifications");
                w.WriteStartObject();
                w.WriteString("level", "warning");
                w.WriteStartObject("message");
                w.WriteString("text", TrimNote(trimmed, total));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartArray("results");
            foreach (var (gate, finding) in findings) WriteResult(w, result, gate, finding, ruleIndex[finding.Code]);
            w.WriteEndArray();

            w.WriteStartObject("properties");
            w.WriteStartObject("gatekit");
            w.WriteString("runId", ReportText.Clean(result.RunId));
            w.WriteString("decision", result.Decision.Name());
            if (trimmed > 0)
            {
                w.WriteStartObject("trimmed");
                w.WriteNumber("kept", findings.Count);
                w.WriteNumber("total", total);
                w.WriteString("note", TrimNote(trimmed, total));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The gzip size of the file; small files are under the limit whatever compression does.</summary>
    public static long CompressedSize(byte[] bytes)
    {
        if (bytes.Length <= MaxBytes) return bytes.Length;
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(bytes);
        return compressed.Length;
    }

    private static string TrimNote(int trimmed, int total) =>
        $"{trimmed} of {total} findings left out to stay within code scanning's upload limits ({MaxResults} results per run, {MaxBytes / (1024 * 1024)} MB gzip-compressed); the most severe are kept and result.json has them all.";

    private static void WriteResult(Utf8JsonWriter w, RunResult result, string gate, Finding finding, int ruleIndex)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", ReportText.Clean(finding.Code));
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", finding.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" });
        w.WriteStartObject("message");
        w.WriteString("text", ReportText.Message(finding.Message));
        w.WriteEndObject();

        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", RelativeUri(ReportText.FilePath(result, finding)));
        w.WriteEndObject();
        if (finding.Location?.Line is >= 1 and var line)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", line);
            if (finding.Location.Column is >= 1 and var column) w.WriteNumber("startColumn", column);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, ReportText.Fingerprint(gate, finding));
        w.WriteEndObject();

        if (finding.Waiver is { } waiver)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("justification", ReportText.Message($"{waiver.Reason} (waiver {waiver.Id}, owner {waiver.Owner}, expires {waiver.Expires})"));
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteStartObject("properties");
        w.WriteString("gate", ReportText.Clean(gate));
        w.WriteString("priority", finding.Priority.ToString());
        if (finding.Subject is { } subject) w.WriteString("subject", ReportText.Message(subject));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A relative URI reference: each path segment percent-encoded, so spaces, newlines and '#' cannot change its meaning.</summary>
    private static string RelativeUri(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
