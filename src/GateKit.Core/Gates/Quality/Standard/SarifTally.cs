using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GateKit.Results;

namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// The SARIF results of a report's shards, counted as they stream past, holding only what the metrics and findings
/// need: the counts per level and rule, a 64-bit digest of each de-duplication key (rule, file, line, column,
/// partialFingerprints: two million distinct results, about a 1 GB log, collide with a chance of about 1 in 10 million) and, per metric, the first <see cref="ItemsKeptPerMetric"/> results as items; the rest are
/// only counted in <see cref="Unlisted"/>. A shard's results join the tally only when the whole shard was read
/// (<see cref="ShardTally.Commit"/>), so a truncated shard adds nothing, as a shard read whole would.
/// </summary>
public sealed class SarifTally(ChangedResults? newCode)
{
    /// <summary>Twice what a violated condition lists, so that a second condition on the same results still has its own to list.</summary>
    public const int ItemsKeptPerMetric = 2 * QualityGate.ItemsPerCondition;

    private HashSet<ulong> seen = [];
    private readonly Dictionary<string, int> kept = new(StringComparer.Ordinal);

    public SortedDictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);
    public List<ReportedItem> Items { get; } = [];
    public Dictionary<string, int> Unlisted { get; } = new(StringComparer.Ordinal);
    public ChangedResults? NewCode => newCode;

    public ShardTally Shard() => new(this);

    /// <summary>The results of one shard, joined to the tally by <see cref="Commit"/>.</summary>
    public sealed class ShardTally(SarifTally tally)
    {
        private readonly HashSet<ulong> keys = [];
        private readonly Dictionary<string, double> counts = new(StringComparer.Ordinal);
        private readonly List<ReportedItem> items = [];
        private readonly Dictionary<string, int> kept = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> unlisted = new(StringComparer.Ordinal);

        /// <summary>Counts a result unless one with the same key was counted already (in this shard or an earlier one).</summary>
        public void Add(string key, string ruleId, string level, ReportedItem item)
        {
            var digest = Digest(key);
            if (tally.seen.Contains(digest) || !keys.Add(digest)) return;
            var levelMetric = level switch { "error" => SarifReader.Error, "note" => SarifReader.Note, _ => SarifReader.Warning };
            var ruleMetric = SarifReader.RulePrefix + ruleId;
            item = item with { Metrics = [levelMetric, ruleMetric] };
            if (tally.NewCode?.At(item.Source) is { } changedAt)
                item = item with { Source = changedAt, Metrics = [levelMetric, ruleMetric, SarifReader.New] };
            foreach (var metric in item.Metrics) counts[metric] = counts.GetValueOrDefault(metric) + 1;
            var keep = item.Metrics.Any(m => tally.kept.GetValueOrDefault(m) + kept.GetValueOrDefault(m) < ItemsKeptPerMetric);
            if (keep) items.Add(item);
            foreach (var metric in item.Metrics)
            {
                var into = keep ? kept : unlisted;
                into[metric] = into.GetValueOrDefault(metric) + 1;
            }
        }

        /// <summary>The shard was read whole: its results join the tally.</summary>
        public void Commit()
        {
            if (tally.seen.Count == 0) tally.seen = keys;
            else tally.seen.UnionWith(keys);
            foreach (var metric in (string[])[SarifReader.Error, SarifReader.Warning, SarifReader.Note]) tally.Metrics.TryAdd(metric, 0);
            if (tally.NewCode is not null) tally.Metrics.TryAdd(SarifReader.New, 0);
            foreach (var (metric, count) in counts) tally.Metrics[metric] = tally.Metrics.GetValueOrDefault(metric) + count;
            tally.Items.AddRange(items);
            foreach (var (metric, count) in kept) tally.kept[metric] = tally.kept.GetValueOrDefault(metric) + count;
            foreach (var (metric, count) in unlisted) tally.Unlisted[metric] = tally.Unlisted.GetValueOrDefault(metric) + count;
        }
    }

    private static ulong Digest(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
