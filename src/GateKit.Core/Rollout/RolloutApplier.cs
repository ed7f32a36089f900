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

/// <summary>
/// What an apply asks for; the governance fields are required for every intent, <see cref="Approver"/> for
/// expand and resume, <see cref="RollbackOwner"/> for expand (runbook: "include accountable approver and
/// rollback owner"). <see cref="Now"/> is the real time: what can expire is checked against it.
/// </summary>
public sealed record ApplyRequest(
    RolloutIntent Intent,
    string By,
    string ApprovalRef,
    string Rationale,
    string ReviewBy,
    int ExpandStep,
    string? IdempotencyKey,
    DateTimeOffset Now)
{
    /// <summary>Who is accountable for the decision to widen the rollout.</summary>
    public string? Approver { get; init; }

    /// <summary>Who rolls the expansion back if it goes wrong.</summary>
    public string? RollbackOwner { get; init; }

    /// <summary>The promotion run the apply rests on; it must be the newest. Null: the newest.</summary>
    public string? RunId { get; init; }

    /// <summary>Check everything and build the record, but write nothing (no lock, no ledger, no state).</summary>
    public bool DryRun { get; init; }
}

/// <summary>Applied and Replayed wrote (or found) a ledger record; WouldApply is a dry run's record, not written.</summary>
public enum ApplyStatus { Applied, Replayed, Refused, WouldApply }

/// <summary>The outcome: the record written (replayed, or that a dry run would write), or why the apply was refused.</summary>
public sealed record ApplyOutcome(ApplyStatus Status, ApplyRecord? Record, string? Reason);

/// <summary>The newest recorded run that evaluated the promotion gate: what it decided and as of when.</summary>
public sealed record PromotionRun(string RunId, PromotionDecision Decision, DateTimeOffset? EvaluatedAt);

/// <summary>
/// Changes the rollout posture under an exclusive lock: reads the state and the ledger, replays an
/// idempotency key already used, and for expand/resume re-checks at the real time what can expire — the kill
/// switch, that the cited run is the newest promotion run and decided promote, the evaluation's age, and the
/// policy's governance — refusing (nothing written) if any fails; then appends the ledger record and replaces
/// the state atomically. A dry run does all of it but the writing.
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
        using var held = request.DryRun ? null : StateLock.Acquire(Path.Combine(Directory, LockFile), LockTimeout);
        // An apply killed between writing the state's temporary file and renaming it left that file behind.
        if (!request.DryRun) Leftovers.Clean(Directory, request.Now);
        var state = ReadState();
        var (replay, last) = ReadLedger(request.IdempotencyKey);
        if (replay is not null) return new ApplyOutcome(ApplyStatus.Replayed, replay, null);
        // The ledger is written first: a crash before the state was replaced leaves the ledger ahead.
        if (last is not null && last.Sequence > state.Sequence)
            state = new RolloutState(1, last.Sequence, last.After, last.At, last.ApplyId);

        var run = NewestPromotionRun();
        if (request.Intent != RolloutIntent.Rollback && Refusal(request, run) is { } refusal)
            return new ApplyOutcome(ApplyStatus.Refused, null, refusal);

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
            request.ReviewBy, request.IdempotencyKey, run is null ? "none" : run.Decision.Name(), run?.RunId, before, after)
        {
            Approver = request.Approver,
            RollbackOwner = request.RollbackOwner,
        };
        if (request.DryRun) return new ApplyOutcome(ApplyStatus.WouldApply, record, null);

        Output.JsonLines.Append(LedgerPath, JsonSerializer.SerializeToUtf8Bytes(record, RolloutJsonContext.Default.ApplyRecord));
        AtomicFile.Write(StatePath, JsonSerializer.SerializeToUtf8Bytes(new RolloutState(1, sequence, after, at, record.ApplyId), RolloutJsonContext.Default.RolloutState));
        return new ApplyOutcome(ApplyStatus.Applied, record, null);
    }

    /// <summary>
    /// Why an expand or resume is refused at the real time, or null. Runbook ("Promotion Apply Workflow"): expand and
    /// resume fail closed unless the latest decision is promote; an approval is only as fresh as its evidence.
    /// </summary>
    private string? Refusal(ApplyRequest request, PromotionRun? run)
    {
        var promotion = config.Config.Gates.Promotion!;
        if (KillSwitch() is { } engaged) return engaged;
        var intent = Name(request.Intent);
        if (run is null) return $"{intent} needs the latest promotion decision to be promote; it is missing (no evaluation recorded)";
        if (request.RunId is { } cited && cited != run.RunId)
            return $"run {cited} is not the newest promotion run: {run.RunId} superseded it (or it does not exist); {intent} rests only on the newest";
        if (run.Decision != PromotionDecision.Promote)
            return $"{intent} needs the latest promotion decision to be promote; it is {run.Decision.Name()} (run {run.RunId})";
        if (run.EvaluatedAt is not { } evaluatedAt) return $"run {run.RunId} records no evaluation time: its age cannot be checked";
        var maxAge = TimeSpan.FromHours(promotion.MaxEvaluationAgeHours);
        if (evaluatedAt > request.Now)
            return $"run {run.RunId} was evaluated as of {UtcTime.Seconds(evaluatedAt)}, after now ({UtcTime.Seconds(request.Now)}): evaluate again at the real time";
        if (request.Now - evaluatedAt > maxAge)
            return $"the promote of run {run.RunId} is stale: evaluated as of {UtcTime.Seconds(evaluatedAt)}, {(request.Now - evaluatedAt).TotalHours:0.#} h ago, more than {promotion.MaxEvaluationAgeHours:0.##} h (maxEvaluationAgeHours); evaluate again";
        // Governance can expire between evaluation and apply: it is checked again, as the gate checks it, at the real time.
        var governance = new PromotionEvaluation(new FileRoot(config.RootDirectory), request.Now, promotion);
        GovernanceCheck.Evaluate(governance);
        var lapsed = governance.Findings.Where(f => f.Priority == Priority.P0).Select(f => f.Message).ToList();
        return lapsed.Count == 0 ? null : $"governance no longer holds at {UtcTime.Seconds(request.Now)}: {string.Join("; ", lapsed)}";
    }

    /// <summary>The current state; the initial posture when there is no state file. A malformed one is exit 3 (StoredJson), untouched.</summary>
    public RolloutState ReadState()
    {
        if (!File.Exists(StatePath)) return RolloutState.Initial;
        var state = StoredJson.Parse(InputReader.ReadAll(StatePath), StatePath, RolloutJsonContext.Default.RolloutState, "a GateKit rollout state");
        if (state.SchemaVersion != 1) throw Invalid("$.schemaVersion", $"unsupported schemaVersion {state.SchemaVersion}; this GateKit reads 1");
        if (state.Posture.CanaryPercent is < 0 or > 100) throw Invalid("$.posture.canaryPercent", "canaryPercent must be between 0 and 100");
        return state;

        ConfigException Invalid(string jsonPath, string problem) => new(new ConfigError(StatePath, jsonPath, $"not a valid rollout state: {problem}"));
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
                throw new ConfigException(new ConfigError(LedgerPath, e.Path ?? "$", $"ledger line {number} is not a valid apply record: {JsonErrorText.Of(e)}",
                    number, e.BytePositionInLine is { } c ? (int)c + 1 : null));
            }
            if (key is not null && replay is null && record.IdempotencyKey == key) replay = record;
            last = record;
        }
        return (replay, last);
    }

    /// <summary>The newest recorded run that evaluated the promotion gate (most recently written first), or null.</summary>
    public PromotionRun? NewestPromotionRun()
    {
        var runs = Path.Combine(Path.GetDirectoryName(Directory)!, "runs");
        if (!System.IO.Directory.Exists(runs)) return null;
        // Most recently recorded first: a run evaluated with an earlier --now is still the newest recorded.
        var recorded = System.IO.Directory.GetDirectories(runs)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && File.Exists(Path.Combine(d, RunStore.ResultFile)))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, RunStore.ResultFile)))
            .ThenByDescending(d => d, StringComparer.Ordinal);
        foreach (var folder in recorded)
        {
            try
            {
                using var document = JsonDocument.Parse(InputReader.ReadAll(Path.Combine(folder, RunStore.ResultFile)));
                if (!document.RootElement.TryGetProperty("gates", out var gates) || gates.ValueKind != JsonValueKind.Array) continue;
                foreach (var gate in gates.EnumerateArray())
                {
                    if (!(gate.TryGetProperty("name", out var name) && name.ValueEquals(PromotionGate.GateName))) continue;
                    return new PromotionRun(Path.GetFileName(folder), DecisionOf(gate), EvaluatedAt(document.RootElement, gate));
                }
            }
            catch (JsonException)
            {
                // An unreadable result decides nothing; an older one may.
            }
        }
        return null;
    }

    /// <summary>The recorded verdict; a result without one (or with a crashed gate) holds unless its status passed.</summary>
    private static PromotionDecision DecisionOf(JsonElement gate)
    {
        var text = gate.TryGetProperty("promotion", out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()
            : gate.TryGetProperty("status", out var s) && s.ValueEquals("pass") ? "promote" : null;
        return text switch { "promote" => PromotionDecision.Promote, "skipped" => PromotionDecision.Skipped, _ => PromotionDecision.Hold };
    }

    private static DateTimeOffset? EvaluatedAt(JsonElement result, JsonElement gate)
    {
        var text = gate.TryGetProperty("promotion", out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("evaluatedAt", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()
            : result.TryGetProperty("startedAt", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        return IsoTime.TryParse(text, out var at) ? at : null;
    }

    /// <summary>Why the kill switch refuses, or null when it is off. An unreadable policy refuses: fail closed.</summary>
    private string? KillSwitch()
    {
        var policy = config.Config.Gates.Promotion!.Policy;
        var files = new FileRoot(config.RootDirectory);
        if (files.TryRead(policy.Path, out var file, out var problem, config.Config.Gates.Promotion!.MaxFileBytes, "gates.promotion.maxFileBytes") != ReadFailure.None)
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
            return $"the policy {policy.Path} is not valid JSON: {JsonErrorText.Of(e)}";
        }
    }

    private static void Validate(ApplyRequest request)
    {
        foreach (var (name, value) in new[] { (RequestInput.By, request.By), (RequestInput.ApprovalRef, request.ApprovalRef), (RequestInput.Rationale, request.Rationale) })
            if (string.IsNullOrWhiteSpace(value)) throw new RequestException(RequestText.Of($"{name} is required for every apply and must not be empty"));
        if (!IsoTime.TryParse(request.ReviewBy, out var reviewBy))
            throw new RequestException(RequestText.Of($"{RequestInput.ReviewBy} '{request.ReviewBy}' is not an ISO-8601 date-time with an offset"));
        if (reviewBy <= request.Now) throw new RequestException(RequestText.Of($"{RequestInput.ReviewBy} {request.ReviewBy} is not in the future"));
        if (request.Intent == RolloutIntent.Expand && request.ExpandStep is < 1 or > 100)
            throw new RequestException(RequestText.Of($"{RequestInput.ExpandStep} must be between 1 and 100 (found {request.ExpandStep})"));
        if (request.IdempotencyKey is { } key && string.IsNullOrWhiteSpace(key)) throw new RequestException(RequestText.Of($"{RequestInput.IdempotencyKey} must not be empty"));
        if (request.Intent != RolloutIntent.Rollback && string.IsNullOrWhiteSpace(request.Approver))
            throw new RequestException(RequestText.Of($"{RequestInput.Approver} is required for {Name(request.Intent)}: who is accountable for widening the rollout"));
        if (request.Intent == RolloutIntent.Expand && string.IsNullOrWhiteSpace(request.RollbackOwner))
            throw new RequestException(RequestText.Of($"{RequestInput.RollbackOwner} is required for expand: who rolls it back if it goes wrong"));
        if (request.RunId is { } runId && string.IsNullOrWhiteSpace(runId)) throw new RequestException(RequestText.Of($"{RequestInput.Run} must not be empty"));
    }

    private static string ApplyId(long sequence, ApplyRequest request)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{sequence}\n{request.Intent}\n{request.By}\n{request.Now.ToUnixTimeMilliseconds()}\n{request.IdempotencyKey}"));
        return $"apply-{sequence.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(digest)[..8]}";
    }

    public static string Name(RolloutIntent intent) => intent.ToString().ToLowerInvariant();
}
