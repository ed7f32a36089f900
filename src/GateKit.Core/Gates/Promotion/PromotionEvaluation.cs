using System.Text.Json;
using GateKit.Inputs;
using GateKit.Results;

namespace GateKit.Gates.Promotion;

/// <summary>Receives a well-formed record by its line number, with the fields read from it.</summary>
internal delegate void RecordHandler(long line, ReadOnlySpan<FieldValue> values);

/// <summary>
/// The state of one promotion evaluation: findings in sub-gate order, the evidence numbers, the inputs
/// read, and the evidence excluded as dated after the evaluation time.
/// </summary>
internal sealed class PromotionEvaluation(FileRoot files, DateTimeOffset now, PromotionConfig config)
{
    /// <summary>At most this many findings per telemetry file for bad lines; the rest are counted.</summary>
    public const int MaxLineFindings = 20;

    private readonly Dictionary<string, InputDigest> inputs = new(StringComparer.Ordinal);

    public FileRoot Files { get; } = files;
    public DateTimeOffset Now { get; } = now;
    public PromotionConfig Config { get; } = config;
    public DateTimeOffset WindowStart { get; } = now.AddDays(-config.WindowDays);

    public List<Finding> Findings { get; } = [];
    public Dictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);
    public List<ThresholdUse> Thresholds { get; } = [];

    public IReadOnlyList<InputDigest> SortedInputs() => [.. inputs.Values.OrderBy(i => i.Path, StringComparer.Ordinal)];

    /// <summary>Every sub-gate failure holds promotion: P0, with the sub-gate as subject.</summary>
    public void Fail(string subGate, string code, string message, Location? location = null) =>
        Findings.Add(new Finding(code, Priority.P0, $"{subGate}: {message}", location, subGate));

    public void Note(string subGate, string code, string message, Location? location = null) =>
        Findings.Add(new Finding(code, Priority.P2, $"{subGate}: {message}", location, subGate));

    public void Threshold(string key, string op, double value) =>
        Thresholds.Add(new ThresholdUse($"promotion.{key}", op, value, null, "config", Priority.P0));

    /// <summary>Reads a JSON evidence document; null (with a finding) when it is missing or malformed.</summary>
    public JsonDocument? ReadJson(string subGate, string path, string missingCode)
    {
        var display = path.Replace('\\', '/');
        switch (Files.TryRead(path, out var file, out var problem, Config.MaxFileBytes, "gates.promotion.maxFileBytes"))
        {
            case ReadFailure.OutsideRoot:
                Fail(subGate, PromotionCodes.PathOutsideRoot, $"{problem}; it was not read", new Location(display));
                return null;
            case ReadFailure.Missing:
                Fail(subGate, missingCode, $"evidence {problem}", new Location(display));
                return null;
            case ReadFailure.Unreadable:
                Fail(subGate, PromotionCodes.EvidenceMalformed, problem, new Location(display));
                return null;
        }
        inputs.TryAdd(file!.Digest.Path, file.Digest);
        try
        {
            return Json.StrictJson.Parse(file.Bytes);
        }
        catch (JsonException e)
        {
            Fail(subGate, PromotionCodes.EvidenceMalformed, $"{file.RelativePath} is not valid JSON: {Json.JsonErrorText.Of(e)}",
                new Location(file.RelativePath, e.LineNumber is { } l ? (int)l + 1 : null, e.BytePositionInLine is { } c ? (int)c + 1 : null));
            return null;
        }
    }

    /// <summary>
    /// Streams a JSONL evidence file through <paramref name="fields"/>, calling <paramref name="onRecord"/>
    /// for every well-formed record. Malformed lines in the middle are P0 findings with their line; a
    /// malformed last line without a newline is a torn write, a note. False when the file is missing.
    /// </summary>
    public bool ScanJsonl(string subGate, string path, string missingCode, LineFields fields, RecordHandler onRecord, CancellationToken cancellationToken)
    {
        var display = path.Replace('\\', '/');
        if (!Files.TryResolve(path, out var full, out var problem))
        {
            Fail(subGate, PromotionCodes.PathOutsideRoot, $"{problem}; it was not read", new Location(display));
            return false;
        }
        if (!File.Exists(full))
        {
            Fail(subGate, missingCode, $"evidence {display} does not exist", new Location(display));
            return false;
        }
        var bad = 0L;
        void Bad(string code, string message, long line, int? column, bool p0 = true)
        {
            if (++bad > MaxLineFindings) return;
            var location = new Location(display, (int)Math.Min(line, int.MaxValue), column);
            if (p0) Fail(subGate, code, message, location);
            else Note(subGate, code, message, location);
        }
        try
        {
            var digest = JsonlScanner.Scan(full, NormalizeRelative(path), Config.MaxLineBytes, fields,
                (in ScannedLine line, ReadOnlySpan<FieldValue> values) =>
                {
                    switch (line.Kind)
                    {
                        case LineKind.Record:
                            onRecord(line.Number, values);
                            break;
                        case LineKind.Malformed when line.End == LineEnd.EndOfFile:
                            Bad(PromotionCodes.TelemetryLineTorn, $"{display}:{line.Number}: the last line is incomplete (a torn write?) and was ignored: {line.Problem}",
                                line.Number, line.Column, p0: false);
                            break;
                        case LineKind.Malformed:
                            Bad(PromotionCodes.TelemetryLineMalformed, $"{display}:{line.Number}: not a JSON record: {line.Problem}", line.Number, line.Column);
                            break;
                        case LineKind.Overlong:
                            Bad(PromotionCodes.TelemetryLineTooLong, $"{display}:{line.Number}: line longer than {Config.MaxLineBytes} bytes; not read", line.Number, null);
                            break;
                    }
                },
                cancellationToken);
            inputs.TryAdd(digest.Path, digest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(subGate, PromotionCodes.EvidenceMalformed, $"{display} cannot be read: {e.Message}", new Location(display));
            return false;
        }
        if (bad > MaxLineFindings)
            Fail(subGate, PromotionCodes.TelemetryLineMalformed, $"{display}: {bad - MaxLineFindings} more bad line(s) not listed (first {MaxLineFindings} shown)", new Location(display));
        return true;
    }

    private readonly Dictionary<string, long> invalidRecords = new(StringComparer.Ordinal);

    /// <summary>A record-level problem (bad timestamp, negative count): P0; the first few are listed, the rest counted.</summary>
    public void InvalidRecord(string subGate, string path, long line, string message)
    {
        var count = invalidRecords[subGate] = invalidRecords.GetValueOrDefault(subGate) + 1;
        if (count > MaxLineFindings) return;
        var display = path.Replace('\\', '/');
        Fail(subGate, PromotionCodes.TelemetryRecordInvalid, $"{display}:{line}: {message}", new Location(display, (int)Math.Min(line, int.MaxValue)));
    }

    /// <summary>Reports how many invalid records were not listed.</summary>
    public void EndRecords(string subGate, string path)
    {
        var count = invalidRecords.GetValueOrDefault(subGate);
        if (count > MaxLineFindings)
            Fail(subGate, PromotionCodes.TelemetryRecordInvalid, $"{path.Replace('\\', '/')}: {count - MaxLineFindings} more invalid record(s) not listed (first {MaxLineFindings} shown)",
                new Location(path.Replace('\\', '/')));
    }

    private readonly Dictionary<string, long> excluded = new(StringComparer.Ordinal);

    /// <summary>
    /// True (and counted) when evidence is dated after the evaluation time: it did not exist as of then, so
    /// every sub-gate excludes it the same way (a drill completed "tomorrow" is no more evidence than tomorrow's telemetry).
    /// </summary>
    public bool AfterEvaluation(string subGate, DateTimeOffset at)
    {
        if (at <= Now) return false;
        excluded[subGate] = excluded.GetValueOrDefault(subGate) + 1;
        return true;
    }

    /// <summary>Reports what <see cref="AfterEvaluation"/> excluded: a metric per sub-gate, the total, and a note each.</summary>
    public void ReportExcluded()
    {
        Metrics["excluded_after_evaluation"] = excluded.Values.Sum();
        foreach (var sub in PromotionSubGates.InOrder)
        {
            if (excluded.GetValueOrDefault(sub) is not (> 0 and var count)) continue;
            Metrics[$"{sub}_excluded_after_evaluation"] = count;
            Note(sub, PromotionCodes.EvidenceAfterEvaluation,
                $"{count} piece(s) of evidence dated after the evaluation time ({UtcTime.Seconds(Now)}) were excluded");
        }
    }

    public static double Epoch(DateTimeOffset t) => t.ToUnixTimeSeconds();

    private static string NormalizeRelative(string relative)
    {
        var forward = relative.Replace('\\', '/');
        while (forward.StartsWith("./", StringComparison.Ordinal)) forward = forward[2..];
        return forward;
    }
}
