using System.Globalization;
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
/// The log is streamed (<see cref="StrictJsonStream"/>) and only the tally is held (<see cref="SarifTally"/>), so a
/// report of any size is read in bounded memory; a result that needs its run's rules (no <c>level</c>, or no rule id)
/// or <c>originalUriBaseIds</c> before the run has given them (Roslyn writes <c>tool</c> after <c>results</c>, but
/// also writes every result's level and rule id) waits for the end of its run.
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
        var tally = new SarifTally(context.Changed is { } changed ? new ChangedResults(changed, context.Root) : null);
        ShardParser.ParseEach(shards, context, findings, inputs, (stream, shard) =>
        {
            var shardTally = tally.Shard();
            ReadShard(stream, shard, shardTally, cancellationToken);
            shardTally.Commit();
            return true;
        }, cancellationToken);
        if (tally.NewCode is { Unmapped.Count: > 0 }) findings.Add(Unmapped(tally.NewCode.Unmapped, shards, context.ReportId));
        return new StandardReading(tally.Metrics, findings, tally.Items, inputs, CountPrefixes: [RulePrefix], Unlisted: tally.Unlisted);
    }

    private static Finding Unmapped(IReadOnlyCollection<string> paths, IReadOnlyList<ReportSource> shards, string reportId)
    {
        var more = paths.Count > Coverage.CoverageReportReader.ListedPaths ? $" and {paths.Count - Coverage.CoverageReportReader.ListedPaths} more" : "";
        return new Finding(QualityCodes.SarifPathUnmapped, Priority.P2,
            $"report '{reportId}': {paths.Count} result path(s) match no single file under the root, so their results are not counted in {New}: "
            + $"{string.Join("; ", paths.Take(Coverage.CoverageReportReader.ListedPaths).Select(ReportText.Clip))}{more}",
            new Location(shards[0].RelativePath), reportId);
    }

    private static void ReadShard(Stream stream, ReportSource shard, SarifTally.ShardTally tally, CancellationToken cancellationToken)
    {
        string? version = null;
        StreamedJsonReport.Read(stream, "sarif", (json, name) =>
        {
            if (name == "version" && json.TokenType == JsonTokenType.String) version = json.String;
            else if (name == "runs" && json.TokenType == JsonTokenType.StartArray)
            {
                StreamedJsonReport.Elements(json, () => ReadRun(json, shard, tally, cancellationToken));
                return true;
            }
            else json.Skip();
            return false;
        });
        if (version is not null && version != "2.1.0")
            throw new ReportContentException(QualityCodes.ReportWrongFormat,
                $"is SARIF {ReportText.Clip(version)}; only SARIF 2.1.0 is read (Roslyn: /p:ErrorLog=path%2Cversion=2.1)", 1);
    }

    /// <summary>A rule of the run's driver: its id and <c>defaultConfiguration.level</c>.</summary>
    private sealed record Rule(string? Id, string? DefaultLevel);

    /// <summary>What a result says of itself, before its run's rules and base URIs are applied; message already one clipped line.</summary>
    private sealed class RawResult
    {
        public string? Kind, Level, RuleId, RuleObjectId, Message, Uri, UriBaseId;
        public int? RuleIndex, Line, Column;
        public bool Suppressed;
        public List<string> Fingerprints { get; } = [];
    }

    private static void ReadRun(StrictJsonStream json, ReportSource shard, SarifTally.ShardTally tally, CancellationToken cancellationToken)
    {
        List<Rule?>? rules = null;
        Dictionary<string, string>? bases = null;
        bool toolRead = false, basesRead = false;
        var waiting = new List<RawResult>();
        long count = 0;
        StreamedJsonReport.Properties(json, name =>
        {
            switch (name)
            {
                case "results" when json.TokenType == JsonTokenType.StartArray:
                    StreamedJsonReport.Elements(json, () =>
                    {
                        if (++count % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
                        if (ReadResult(json) is not { } raw) return;
                        var needsRules = raw.Level is null || (raw.RuleId is null && raw.RuleObjectId is null);
                        if ((needsRules && !toolRead) || (raw.UriBaseId is not null && !basesRead)) waiting.Add(raw);
                        else Count(raw, rules, bases, shard, tally);
                    });
                    break;
                case "tool":
                    toolRead = true;
                    rules = ReadRules(json);
                    break;
                case "originalUriBaseIds":
                    basesRead = true;
                    bases = ReadBases(json);
                    break;
                default:
                    json.Skip();
                    break;
            }
        });
        foreach (var raw in waiting) Count(raw, rules, bases, shard, tally);
    }

    private static void Count(RawResult raw, List<Rule?>? rules, Dictionary<string, string>? bases, ReportSource shard, SarifTally.ShardTally tally)
    {
        var rule = RuleOf(raw, rules);
        var ruleId = raw.RuleId ?? raw.RuleObjectId ?? rule?.Id ?? "(no rule)";
        var level = raw.Level ?? rule?.DefaultLevel ?? "warning";
        if (level == "none") return;
        var source = raw.Uri is null ? null : new Location(SarifUri.Resolve(raw.Uri, raw.UriBaseId, bases), raw.Line, raw.Column);
        var fingerprints = string.Join("\u001f", raw.Fingerprints.Order(StringComparer.Ordinal));
        var key = string.Join("\u001e", ruleId, source?.File ?? "", source?.Line, source?.Column, fingerprints);
        var text = raw.Message ?? "";
        var item = new ReportedItem(QualityCodes.SarifResult, text.Length == 0 ? $"{ReportText.Clip(ruleId)} ({level})" : $"{ReportText.Clip(ruleId)} ({level}): {text}",
            source, new Location(shard.RelativePath), []);
        tally.Add(key, ruleId, level, item);
    }

    /// <summary>The result's rule in the driver's rules, by ruleIndex, else by ruleId.</summary>
    private static Rule? RuleOf(RawResult raw, List<Rule?>? rules)
    {
        if (rules is null) return null;
        if (raw.RuleIndex is >= 0 and var i && i < rules.Count) return rules[i];
        return raw.RuleId is { } id ? rules.FirstOrDefault(r => r?.Id == id) : null;
    }

    /// <summary>A result of kind <c>fail</c> (the default) that is not suppressed (a suppression whose status is absent or <c>accepted</c>); null otherwise.</summary>
    private static RawResult? ReadResult(StrictJsonStream json)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            json.Skip();
            return null;
        }
        var raw = new RawResult();
        string? text = null, markdown = null;
        StreamedJsonReport.Properties(json, name =>
        {
            switch (name)
            {
                case "kind": raw.Kind = StreamedJsonReport.StringValue(json); break;
                case "level": raw.Level = StreamedJsonReport.StringValue(json); break;
                case "ruleId": raw.RuleId = StreamedJsonReport.StringValue(json); break;
                case "ruleIndex": raw.RuleIndex = json.Int32; json.Skip(); break;
                case "rule": raw.RuleObjectId = StreamedJsonReport.StringOf(json, "id"); break;
                case "message":
                    StreamedJsonReport.Properties(json, p =>
                    {
                        if (p == "text") text = StreamedJsonReport.StringValue(json);
                        else if (p == "markdown") markdown = StreamedJsonReport.StringValue(json);
                        else json.Skip();
                    });
                    break;
                case "suppressions" when json.TokenType == JsonTokenType.StartArray:
                    StreamedJsonReport.Elements(json, () =>
                    {
                        if (json.TokenType != JsonTokenType.StartObject)
                        {
                            json.Skip();
                            return;
                        }
                        raw.Suppressed |= (StreamedJsonReport.StringOf(json, "status") ?? "accepted") == "accepted";
                    });
                    break;
                case "locations" when json.TokenType == JsonTokenType.StartArray:
                    var index = 0;
                    StreamedJsonReport.Elements(json, () =>
                    {
                        if (index++ == 0) ReadLocation(json, raw);
                        else json.Skip();
                    });
                    break;
                case "partialFingerprints":
                    StreamedJsonReport.Properties(json, p => raw.Fingerprints.Add(p + "=" + json.TokenType switch
                    {
                        JsonTokenType.String => "\"" + json.String,
                        JsonTokenType.Number => json.Number!.Value.ToString("R", CultureInfo.InvariantCulture),
                        var other => Skipped(json, other),
                    }));
                    break;
                default:
                    json.Skip();
                    break;
            }
        });
        if ((raw.Kind is { } kind && kind != "fail") || raw.Suppressed) return null;
        raw.Message = ReportText.FirstLine(text ?? markdown);
        return raw;
    }

    private static string Skipped(StrictJsonStream json, JsonTokenType token)
    {
        json.Skip();
        return token.ToString();
    }

    /// <summary>The first physical location: its URI and base id, and the region's start.</summary>
    private static void ReadLocation(StrictJsonStream json, RawResult raw)
    {
        StreamedJsonReport.Properties(json, name =>
        {
            if (name != "physicalLocation")
            {
                json.Skip();
                return;
            }
            StreamedJsonReport.Properties(json, p =>
            {
                if (p == "artifactLocation")
                    StreamedJsonReport.Properties(json, a =>
                    {
                        if (a == "uri") raw.Uri = StreamedJsonReport.StringValue(json);
                        else if (a == "uriBaseId") raw.UriBaseId = StreamedJsonReport.StringValue(json);
                        else json.Skip();
                    });
                else if (p == "region")
                    StreamedJsonReport.Properties(json, r =>
                    {
                        if (r == "startLine") raw.Line = json.Int32 is > 0 and var line ? line : null;
                        else if (r == "startColumn") raw.Column = json.Int32 is > 0 and var column ? column : null;
                        json.Skip();
                    });
                else json.Skip();
            });
        });
        // Without a URI there is no location, whatever the region says.
        if (raw.Uri is null) raw.Line = raw.Column = null;
    }

    /// <summary>tool.driver.rules, each rule's id and default level (null for an element that is not an object).</summary>
    private static List<Rule?>? ReadRules(StrictJsonStream json)
    {
        List<Rule?>? rules = null;
        StreamedJsonReport.Properties(json, t =>
        {
            if (t != "driver")
            {
                json.Skip();
                return;
            }
            StreamedJsonReport.Properties(json, d =>
            {
                if (d != "rules" || json.TokenType != JsonTokenType.StartArray)
                {
                    json.Skip();
                    return;
                }
                rules = [];
                StreamedJsonReport.Elements(json, () =>
                {
                    if (json.TokenType != JsonTokenType.StartObject)
                    {
                        json.Skip();
                        rules.Add(null);
                        return;
                    }
                    string? id = null, level = null;
                    StreamedJsonReport.Properties(json, r =>
                    {
                        if (r == "id") id = StreamedJsonReport.StringValue(json);
                        else if (r == "defaultConfiguration") level = StreamedJsonReport.StringOf(json, "level");
                        else json.Skip();
                    });
                    rules.Add(new Rule(id, level));
                });
            });
        });
        return rules;
    }

    /// <summary>originalUriBaseIds: each id's <c>uri</c>.</summary>
    private static Dictionary<string, string> ReadBases(StrictJsonStream json)
    {
        var bases = new Dictionary<string, string>(StringComparer.Ordinal);
        StreamedJsonReport.Properties(json, id =>
        {
            if (StreamedJsonReport.StringOf(json, "uri") is { } uri) bases[id] = uri;
        });
        return bases;
    }
}
