using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateKit.Gates.Promotion;

/// <summary>
/// The promotion gate: may a rollout expand? Five sub-gates over an evaluation window, evaluated in
/// priority order (governance, reliability, backlog, safety, drills).
/// </summary>
/// <remarks>Properties with a default use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property, so an omitted one would lose its default (dotnet/runtime#84484).</remarks>
public sealed record PromotionConfig
{
    /// <summary>The trailing evaluation window, in days, ending at the evaluation time.</summary>
    public int WindowDays { get; set; } = 7;

    /// <summary>Fewer matching execution records than this in the window never promote.</summary>
    public int MinSample { get; set; } = 20;

    /// <summary>
    /// Missing evidence makes the decision "skipped" instead of "hold" (--skip-on-missing-evidence), but only
    /// when nothing that was evaluated failed: a failing sub-gate always holds.
    /// </summary>
    public bool SkipOnMissingEvidence { get; set; }

    /// <summary>
    /// A hold fails the gate (no-go, exit 1) instead of being a condition (go-with-conditions, exit 0)
    /// (--fail-on-hold; runbook: "optional non-zero exit with --fail-on-hold"). Skipped never fails.
    /// </summary>
    public bool FailOnHold { get; set; }

    /// <summary>
    /// How old, in hours, a promote may be when <c>promotion apply</c> acts on it (expand, resume); older is
    /// refused as stale: an approval is only as fresh as its evidence.
    /// </summary>
    public double MaxEvaluationAgeHours { get; set; } = 24;

    /// <summary>A telemetry line longer than this is a finding and is not parsed: memory stays bounded.</summary>
    public int MaxLineBytes { get; set; } = 1 << 20;

    /// <summary>A JSON evidence document (policy, backlog, drills…) above this many bytes is not read (a finding naming the file and this limit). Default 256 MiB.</summary>
    public long MaxFileBytes { get; set; } = Inputs.InputReader.DefaultMaxBytes;

    public required PolicyConfig Policy { get; init; }
    public required ReliabilityConfig Reliability { get; init; }
    public required BacklogConfig Backlog { get; init; }
    public required SafetyConfig Safety { get; init; }
    public required DrillsConfig Drills { get; init; }
}

/// <summary>The rollout policy document: governance metadata and the kill switch.</summary>
public sealed record PolicyConfig
{
    public required string Path { get; init; }

    /// <summary>Where the governance object (actor, approvalRef, rationale, changedAt, reviewBy) is.</summary>
    public string GovernancePointer { get; set; } = "/governance";

    /// <summary>Where the kill switch (a boolean) is; true refuses every expand and resume.</summary>
    public string KillSwitchPointer { get; set; } = "/killSwitch";
}

/// <summary>Autonomous execution outcomes, one JSON record per line.</summary>
public sealed record ReliabilityConfig
{
    public required string Path { get; init; }

    /// <summary>Only the last N matching records in the window are rated.</summary>
    public int LastRuns { get; set; } = 20;

    public double MaxAmbiguityRate { get; set; } = 0.2;
    public double MaxFailureRate { get; set; } = 0.2;

    /// <summary>A record counts when every rule matches; none means every record counts.</summary>
    public IReadOnlyList<MatchRule>? Match { get; init; }

    public string TimestampPointer { get; set; } = "/timestamp";
    public string AttemptedPointer { get; set; } = "/execution/requestedIntentCount";
    public string AmbiguousPointer { get; set; } = "/execution/ambiguousCount";
    public string FailedPointer { get; set; } = "/execution/failedCount";
}

/// <summary>The value at a JSON Pointer must equal a JSON scalar (string, number, boolean or null).</summary>
public sealed record MatchRule
{
    public required string Pointer { get; init; }

    [JsonPropertyName("equals")]
    public required JsonElement Expected { get; init; }
}

/// <summary>Manual backlog snapshots over time, one JSON record per line.</summary>
public sealed record BacklogConfig
{
    public required string Path { get; init; }

    /// <summary>The latest backlog (pending + manual-only) must be at most this.</summary>
    public int Max { get; set; } = 5;

    /// <summary>
    /// This many consecutive rises of pending confirmations, snapshot to snapshot in time order, are a sustained
    /// upward trend and hold (runbook: "no sustained upward trend in pending confirmations"); a flat or falling
    /// step ends a run of rises, so one uptick never holds.
    /// </summary>
    public int SustainedRises { get; set; } = 3;

    public string TimestampPointer { get; set; } = "/timestamp";
    public string PendingPointer { get; set; } = "/pendingConfirmationCount";
    public string ManualOnlyPointer { get; set; } = "/manualOnlyIntentCount";
}

/// <summary>The rollout's pause and suppression posture (a JSON document).</summary>
public sealed record SafetyConfig
{
    public required string Path { get; init; }

    /// <summary>An auto-pause active longer than this, outside an active incident, holds promotion.</summary>
    public int SustainedMinutes { get; set; } = 60;
}

/// <summary>Drill records: each required drill needs a pass completed on or after the candidate's time.</summary>
public sealed record DrillsConfig
{
    public required string Path { get; init; }

    public required IReadOnlyList<string> Required { get; init; }

    /// <summary>The candidate commit's time (ISO-8601 with offset); without it, the window's start.</summary>
    public string? CandidateTime { get; init; }
}
