using System.Text.Json;
using GateKit.Json;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// Reads SARIF 2.1.0 analyzer results (Roslyn's <c>ErrorLog</c> with <c>version=2.1</c>, CodeQL): every result
/// of every run whose <c>kind</c> is <c>fail</c> (the default) and that is not suppressed (a suppression
/// whose status is absent or <c>accepted</c>, as Roslyn writes for <c>#pragma warning disable</c>) counts at its
/// level - the result's <c>level</c>, else its rule's <c>defaultConfiguration.level</c>, else <c>warning</c>
/// (SARIF §3.27.10); level <c>none</c> is not a problem and is not counted. Shards are de-duplicated: a result
/// with the same rule, file, line, column and <c>partialFingerprints</c> as one already counted (the same
/// project built for two target frameworks, two matrix legs) counts once.
/// With the lines changed since a base (<see cref="ReadContext.Changed"/>), <c>sarif.new</c> counts the results
/// whose start line was added or changed: a relative path is relative to the repository (CodeQL's <c>%SRCROOT%</c>),
/// an absolute one (Roslyn, another machine's checkout) is mapped onto the repository's files by the longest common
/// suffix (<see cref="Coverage.RepositoryPathMap"/>); absolute paths that map to no single file are named once in a
/// <c>sarif_path_unmapped</c> note, since their results cannot be judged new.
/// </summary>
public sealed class SarifReader : IStandardReportReader
{
    public const string Error = "sarif.error";
    public const string Warning = "sarif.warning";
    public const string Note = "sarif.note";
    /// <summary>Results (any level) on lines added or changed since the base; provided only with a base.</summary>
    public const string New = "sarif.new";
    /// <summary>Prefix of the per-rule counts: <c>sarif.rule.CS0219</c> counts that rule's results at any level.</summary>
    public const string RulePrefix = "sarif.rule.";

    public ReportFormat Format => ReportFormat.Sarif;
    public IReadOnlyList<string> MetricNames { get; } = [Error, Warning, Note, New, RulePrefix + "<rule id>"];

    public bool Provides(string metric) =>
        metric is Error or Warning or Note or New || (metric.StartsWith(RulePrefix, StringComparison.Ordinal) && metric.Length > RulePrefix.Length);

    public StandardReading Read(IReadOnlyList<ReportSource> shards, ReadContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var inputs = new List<InputDigest>();
        var perShard = ShardParser.ParseEach(shards, context, findings, inputs, (stream, shard) => ReadShard(stream, shard, cancellationToken), cancellationToken);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var items = new List<ReportedItem>();
        if (perShard.Count > 0) metrics[Error] = metrics[Warning] = metrics[Note] = 0;
        var newCode = context.Changed is { } changed && perShard.Count > 0 ? new ChangedResults(changed, context.Root) : null;
        if (newCode is not null) metrics[New] = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in perShard.SelectMany(r => r))
        {
            if (!seen.Add(result.Key)) continue;
            var levelMetric = result.Level switch { "error" => Error, "note" => Note, _ => Warning };
            var ruleMetric = RulePrefix + result.RuleId;
            metrics[levelMetric]++;
            metrics[ruleMetric] = metrics.GetValueOrDefault(ruleMetric) + 1;
            var item = result.Item with { Metrics = [levelMetric, ruleMetric] };
            if (newCode?.At(item.Source) is { } changedAt)
            {
                metrics[New]++;
                item = item with { Source = changedAt, Metrics = [levelMetric, ruleMetric, New] };
            }
            items.Add(item);
        }
        if (newCode is { Unmapped.Count: > 0 }) findings.Add(Unmapped(newCode.Unmapped, shards, context.ReportId));
        return new StandardReading(metrics, findings, items, inputs, CountPrefixes: [RulePrefix]);
    }

    private static Finding Unmapped(IReadOnlyCollection<string> paths, IReadOnlyList<ReportSource> shards, string reportId)
    {
        var more = paths.Count > Coverage.CoverageReportReader.ListedPaths ? $" and {paths.Count - Coverage.CoverageReportReader.ListedPaths} more" : "";
        return new Finding(QualityCodes.SarifPathUnmapped, Priority.P2,
            $"report '{reportId}': {paths.Count} result path(s) match no single file under the root, so their results are not counted in {New}: "
            + $"{string.Join("; ", paths.Take(Coverage.CoverageReportReader.ListedPaths).Select(ReportText.Clip))}{more}",
            new Location(shards[0].RelativePath), reportId);
    }

    private sealed record SarifResult(string Key, string RuleId, string Level, ReportedItem Item);

    private static List<SarifResult> ReadShard(Stream stream, ReportSource shard, CancellationToken cancellationToken)
    {
        using var document = StrictJson.Parse(stream, new JsonDocumentOptions { MaxDepth = 128 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            throw new ReportContentException(QualityCodes.ReportWrongFormat, $"declared as sarif but is {JsonReportKind.Of(root)}", 1);
        if (String(root, "version") is { } version && version != "2.1.0")
            throw new ReportContentException(QualityCodes.ReportWrongFormat,
                $"is SARIF {ReportText.Clip(version)}; only SARIF 2.1.0 is read (Roslyn: /p:ErrorLog=path%2Cversion=2.1)", 1);
        var results = new List<SarifResult>();
        foreach (var run in runs.EnumerateArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (run.ValueKind != JsonValueKind.Object || !run.TryGetProperty("results", out var list) || list.ValueKind != JsonValueKind.Array) continue;
            var rules = Rules(run);
            var bases = run.TryGetProperty("originalUriBaseIds", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
            foreach (var result in list.EnumerateArray())
                if (Result(result, rules, bases, shard) is { } read) results.Add(read);
        }
        return results;
    }

    private static SarifResult? Result(JsonElement result, JsonElement rules, JsonElement bases, ReportSource shard)
    {
        if (result.ValueKind != JsonValueKind.Object) return null;
        if (String(result, "kind") is { } kind && kind != "fail") return null;
        if (IsSuppressed(result)) return null;
        var rule = Rule(result, rules);
        var ruleId = String(result, "ruleId")
            ?? (result.TryGetProperty("rule", out var r) && r.ValueKind == JsonValueKind.Object ? String(r, "id") : null)
            ?? (rule.ValueKind == JsonValueKind.Object ? String(rule, "id") : null)
            ?? "(no rule)";
        var level = String(result, "level")
            ?? (rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("defaultConfiguration", out var configuration) && configuration.ValueKind == JsonValueKind.Object
                ? String(configuration, "level") : null)
            ?? "warning";
        if (level == "none") return null;
        var message = result.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? String(m, "text") ?? String(m, "markdown") : null;
        var source = Location(result, bases);
        var fingerprints = result.TryGetProperty("partialFingerprints", out var f) && f.ValueKind == JsonValueKind.Object
            ? string.Join("\u001f", f.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}").Order(StringComparer.Ordinal))
            : "";
        var key = string.Join("\u001e", ruleId, source?.File ?? "", source?.Line, source?.Column, fingerprints);
        var text = ReportText.FirstLine(message);
        var item = new ReportedItem(QualityCodes.SarifResult, text.Length == 0 ? $"{ReportText.Clip(ruleId)} ({level})" : $"{ReportText.Clip(ruleId)} ({level}): {text}",
            source, new Location(shard.RelativePath), []);
        return new SarifResult(key, ruleId, level, item);
    }

    private static bool IsSuppressed(JsonElement result) =>
        result.TryGetProperty("suppressions", out var suppressions) && suppressions.ValueKind == JsonValueKind.Array
        && suppressions.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && (String(s, "status") ?? "accepted") == "accepted");

    private static JsonElement Rules(JsonElement run) =>
        run.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.Object
        && tool.TryGetProperty("driver", out var driver) && driver.ValueKind == JsonValueKind.Object
        && driver.TryGetProperty("rules", out var rules) && rules.ValueKind == JsonValueKind.Array ? rules : default;

    /// <summary>The result's rule in the driver's rules, by ruleIndex, else by ruleId.</summary>
    private static JsonElement Rule(JsonElement result, JsonElement rules)
    {
        if (rules.ValueKind != JsonValueKind.Array) return default;
        if (result.TryGetProperty("ruleIndex", out var index) && index.TryGetInt32(out var i) && i >= 0 && i < rules.GetArrayLength()) return rules[i];
        var id = String(result, "ruleId");
        return id is null ? default : rules.EnumerateArray().FirstOrDefault(r => r.ValueKind == JsonValueKind.Object && String(r, "id") == id);
    }

    /// <summary>The first physical location: its file (a local path for a file: URI, the relative path otherwise, resolved against its uriBaseId) and region start.</summary>
    private static Location? Location(JsonElement result, JsonElement bases)
    {
        if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array || locations.GetArrayLength() == 0) return null;
        var first = locations[0];
        if (first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("physicalLocation", out var physical) || physical.ValueKind != JsonValueKind.Object
            || !physical.TryGetProperty("artifactLocation", out var artifact) || artifact.ValueKind != JsonValueKind.Object || String(artifact, "uri") is not { } uri)
            return null;
        var path = SarifUri.Resolve(uri, String(artifact, "uriBaseId"), bases);
        int? line = null, column = null;
        if (physical.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.Object)
        {
            line = Positive(region, "startLine");
            column = Positive(region, "startColumn");
        }
        return new Location(path, line, column);
    }

    private static int? Positive(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) && n > 0 ? n : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
