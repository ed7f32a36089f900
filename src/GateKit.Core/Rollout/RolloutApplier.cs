using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GateKit.Config;
using GateKit.Gates.Promotion;
using GateKit.Inputs;
using GateKit.Json;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Rollout;

/// <summary>What an apply asks for; the governance fields are required for every intent.</summary>
public sealed record ApplyRequest(
    RolloutIntent Intent,
    string By,
    string ApprovalRef,
    string Rationale,
    string ReviewBy,
    int ExpandStep,
    string? IdempotencyKey,
    DateTimeOffset Now);

public enum ApplyStatus { Applied, Replayed, Refused }

/// <summary>The outcome: the record written (or replayed), or why the apply was refused.</summary>
public sealed record ApplyOutcome(ApplyStatus Status, ApplyRecord? Record, string? Reason);

/// <summary>
/// Changes the rollout posture under an exclusive lock: reads the state and the ledger, replays an
/// idempotency key already used, refuses expand/resume unless the latest promotion decision is promote
/// and the policy's kill switch is off, then appends the ledger record and replaces the state atomically.
/// </summary>
public sealed class RolloutApplier(string stateDirectory, LoadedConfig config)
{
    public const string Folder = "promotion";
    public const string StateFile = "state.json";
    public const string LedgerFile = "ledger.jsonl";
    public const string LockFile = ".lock";

    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), Folder);
    public string StatePath => Path.Combine(Directory, StateFile);
    public string LedgerPath => Path.Combine(Directory, LedgerFile);

    public ApplyOutcome Apply(ApplyRequest request)
    {
        Validate(request);
        using var held = StateLock.Acquire(Path.Combine(Directory, LockFile), LockTimeout);
        var state = ReadState();
        var (replay, last) = ReadLedger(request.IdempotencyKey);
        if (replay is not null) return new ApplyOutcome(ApplyStatus.Replayed, replay, null);
        // The ledger is written first: a crash before the state was replaced leaves the ledger ahead.
        if (last is not null && last.Sequence > state.Sequence)
            state = new RolloutState(1, last.Sequence, last.After, last.At, last.ApplyId);

        var (decision, runId) = LatestDecision();
        if (request.Intent != RolloutIntent.Rollback)
        {
            if (KillSwitch() is { } engaged) return new ApplyOutcome(ApplyStatus.Refused, null, engaged);
            if (decision != PromotionDecision.Promote)
                return new ApplyOutcome(ApplyStatus.Refused, null,
                    $"{Name(request.Intent)} needs the latest promotion decision to be promote; it is {(decision is null ? "missing (no evaluation recorded)" : decision.Value.Name())}");
        }

        var before = state.Posture;
        var after = request.Intent switch
        {
            RolloutIntent.Expand => before with { CanaryPercent = Math.Min(100, before.CanaryPercent + request.ExpandStep), Paused = false },
            RolloutIntent.Resume => before with { Paused = false },
            _ => before with { CanaryPercent = 0, Paused = true },
        };
        var sequence = state.Sequence + 1;
        var at = UtcTime.Milliseconds(request.Now);
        var record = new ApplyRecord(sequence, ApplyId(sequence, request), request.Intent, at, request.By, request.ApprovalRef, request.Rationale,
            request.ReviewBy, request.IdempotencyKey, decision is null ? "none" : decision.Value.Name(), runId, before, after);

        Output.JsonLines.Append(LedgerPath, JsonSerializer.SerializeToUtf8Bytes(record, RolloutJsonContext.Default.ApplyRecord));
        AtomicFile.Write(StatePath, JsonSerializer.SerializeToUtf8Bytes(new RolloutState(1, sequence, after, at, record.ApplyId), RolloutJsonContext.Default.RolloutState));
        return new ApplyOutcome(ApplyStatus.Applied, record, null);
    }

    /// <summary>The current state; the initial posture when there is no state file. Invalid JSON is exit 3, untouched.</summary>
    public RolloutState ReadState()
    {
        if (!File.Exists(StatePath)) return RolloutState.Initial;
        var bytes = InputReader.ReadAll(StatePath);
        try
        {
            var state = JsonSerializer.Deserialize(bytes, RolloutJsonContext.Default.RolloutState)
                ?? throw new JsonException("the state is null");
            if (state.SchemaVersion != 1) throw new JsonException($"unsupported schemaVersion {state.SchemaVersion}");
            if (state.Posture.CanaryPercent is < 0 or > 100) throw new JsonException("canaryPercent must be between 0 and 100");
            return state;
        }
        catch (JsonException e)
        {
            throw new ConfigException(new ConfigError(StatePath, e.Path ?? "$", $"the rollout state is not valid: {e.Message}",
                e.LineNumber is { } l ? (int)l + 1 : null, e.BytePositionInLine is { } c ? (int)c + 1 : null));
        }
    }

    /// <summary>Streams the ledger: the record with the idempotency key, and the last record.</summary>
    private (ApplyRecord? Replay, ApplyRecord? Last) ReadLedger(string? key)
    {
        if (!File.Exists(LedgerPath)) return (null, null);
        ApplyRecord? last = null, replay = null;
        var number = 0;
        using var ledger = new StreamReader(InputReader.OpenStream(LedgerPath), System.Text.Encoding.UTF8);
        while (ledger.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            ApplyRecord record;
            try
            {
                record = JsonSerializer.Deserialize(line, RolloutJsonContext.Default.ApplyRecord) ?? throw new JsonException("the record is null");
            }
            catch (JsonException e)
            {
                throw new ConfigException(new ConfigError(LedgerPath, e.Path ?? "$", $"ledger line {number} is not a valid apply record: {e.Message}", number));
            }
            if (key is not null && replay is null && record.IdempotencyKey == key) replay = record;
            last = record;
        }
        return (replay, last);
    }

    /// <summary>The newest run that evaluated the promotion gate, and what it decided.</summary>
    public (PromotionDecision? Decision, string? RunId) LatestDecision()
    {
        var runs = Path.Combine(Path.GetDirectoryName(Directory)!, "runs");
        if (!System.IO.Directory.Exists(runs)) return (null, null);
        // Most recently recorded first: runs evaluated with a fixed --now share their time prefix.
        var recorded = System.IO.Directory.GetDirectories(runs)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && File.Exists(Path.Combine(d, RunStore.ResultFile)))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, RunStore.ResultFile)))
            .ThenByDescending(d => d, StringComparer.Ordinal);
        foreach (var folder in recorded)
        {
            var resultPath = Path.Combine(folder, RunStore.ResultFile);
            try
            {
                using var document = JsonDocument.Parse(InputReader.ReadAll(resultPath));
                if (!document.RootElement.TryGetProperty("gates", out var gates) || gates.ValueKind != JsonValueKind.Array) continue;
                foreach (var gate in gates.EnumerateArray())
                {
                    if (!(gate.TryGetProperty("name", out var name) && name.ValueEquals(PromotionGate.GateName))) continue;
                    var status = gate.TryGetProperty("status", out var s) ? s.GetString() : null;
                    var decision = status switch { "pass" => PromotionDecision.Promote, "skipped" => PromotionDecision.Skipped, _ => PromotionDecision.Hold };
                    return (decision, Path.GetFileName(folder));
                }
            }
            catch (JsonException)
            {
                // An unreadable result decides nothing; an older one may.
            }
        }
        return (null, null);
    }

    /// <summary>Why the kill switch refuses, or null when it is off. An unreadable policy refuses: fail closed.</summary>
    private string? KillSwitch()
    {
        var policy = config.Config.Gates.Promotion!.Policy;
        var files = new FileRoot(config.RootDirectory);
        if (files.TryRead(policy.Path, out var file, out var problem, config.Config.Gates.Promotion.MaxFileBytes, "gates.promotion.maxFileBytes") != ReadFailure.None)
            return $"the policy cannot be read to check its kill switch: {problem}";
        try
        {
            using var document = StrictJson.Parse(file!.Bytes);
            if (!JsonPointer.TryResolve(document.RootElement, policy.KillSwitchPointer, out var value) || value.ValueKind == JsonValueKind.False)
                return null;
            return value.ValueKind == JsonValueKind.True
                ? $"the kill switch ({policy.Path}{policy.KillSwitchPointer}) is on: every expand and resume is refused"
                : $"the kill switch ({policy.Path}{policy.KillSwitchPointer}) is not a boolean";
        }
        catch (JsonException e)
        {
            return $"the policy {policy.Path} is not valid JSON: {e.Message}";
        }
    }

    private static void Validate(ApplyRequest request)
    {
        foreach (var (name, value) in new[] { ("--by", request.By), ("--approval-ref", request.ApprovalRef), ("--rationale", request.Rationale) })
            if (string.IsNullOrWhiteSpace(value)) throw new UsageException($"{name} is required for every apply and must not be empty");
        if (!IsoTime.TryParse(request.ReviewBy, out var reviewBy))
            throw new UsageException($"--review-by '{request.ReviewBy}' is not an ISO-8601 date-time with an offset");
        if (reviewBy <= request.Now) throw new UsageException($"--review-by {request.ReviewBy} is not in the future");
        if (request.Intent == RolloutIntent.Expand && request.ExpandStep is < 1 or > 100)
            throw new UsageException($"--expand-step must be between 1 and 100 (found {request.ExpandStep})");
        if (request.IdempotencyKey is { } key && string.IsNullOrWhiteSpace(key)) throw new UsageException("--idempotency-key must not be empty");
    }

    private static string ApplyId(long sequence, ApplyRequest request)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{sequence}\n{request.Intent}\n{request.By}\n{request.Now.ToUnixTimeMilliseconds()}\n{request.IdempotencyKey}"));
        return $"apply-{sequence.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(digest)[..8]}";
    }


    public static string Name(RolloutIntent intent) => intent.ToString().ToLowerInvariant();

}
