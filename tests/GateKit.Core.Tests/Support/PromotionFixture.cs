using System.Globalization;
using System.Text.Json.Nodes;
using GateKit.Config;
using GateKit.Engine;
using GateKit.Results;

namespace GateKit.Tests.Support;

/// <summary>
/// A folder with a promotion config and evidence that promotes at <see cref="Configs.Now"/>; tests
/// change one thing and evaluate through the real loader and engine.
/// </summary>
public sealed partial class PromotionFixture : IDisposable
{
    public static readonly DateTimeOffset Now = Configs.Now;

    public TempFolder Folder { get; } = new();

    public JsonObject Promotion { get; } = JsonNode.Parse("""
        {
          "policy": { "path": "policy.json" },
          "reliability": {
            "path": "telemetry/handoff.jsonl",
            "match": [ { "pointer": "/category", "equals": "fleet_handoff_execute" }, { "pointer": "/execution/mode", "equals": "autonomous" } ]
          },
          "backlog": { "path": "telemetry/backlog.jsonl" },
          "safety": { "path": "safety.json" },
          "drills": { "path": "drills.json", "required": ["kill_switch", "outage_fallback", "retry_guard"], "candidateTime": "2026-11-21T00:00:00Z" }
        }
        """)!.AsObject();

    public JsonObject Governance { get; } = JsonNode.Parse("""
        { "actor": "alice", "approvalRef": "CHG-1", "rationale": "dogfood went well", "changedAt": "2026-11-01T00:00:00Z", "reviewBy": "2026-12-31T00:00:00Z" }
        """)!.AsObject();

    public bool KillSwitch { get; set; }

    public JsonObject Safety { get; } = JsonNode.Parse("""
        {
          "incident": { "active": false },
          "autoPause": { "active": false },
          "suppressions": [ { "id": "s1", "owner": "bob", "createdAt": "2026-11-20T09:00:00Z", "scope": "loop-a", "path": "transport",
                              "reason": "flaky region", "approvalRef": "INC-7", "expiresAt": "2026-12-01T00:00:00Z" } ]
        }
        """)!.AsObject();

    public JsonArray Drills { get; } = JsonNode.Parse("""
        [
          { "id": "kill_switch", "status": "pass", "completedAt": "2026-11-22T10:00:00Z" },
          { "id": "outage_fallback", "status": "pass", "completedAt": "2026-11-22T10:00:00Z" },
          { "id": "retry_guard", "status": "pass", "completedAt": "2026-11-22T10:00:00+02:00" }
        ]
        """)!.AsArray();

    /// <summary>25 clean autonomous runs over the last 6 days, with manual runs between them.</summary>
    public List<string> Handoff { get; } = Enumerable.Range(0, 25)
        .SelectMany(i => new[] { Execution(Now.AddDays(-6).AddHours(i * 5), 5, 0, 0), Execution(Now.AddDays(-6).AddHours(i * 5 + 1), 3, 3, 3, mode: "manual") })
        .ToList();

    public List<string> Backlog { get; } = [Snapshot(Now.AddDays(-5), 2, 1), Snapshot(Now.AddDays(-3), 1, 1), Snapshot(Now.AddDays(-1), 2, 0), Snapshot(Now.AddHours(-2), 1, 1)];

    /// <summary>Raw text appended to the telemetry file after the lines (no newline added).</summary>
    public string HandoffTail { get; set; } = "";

    public HashSet<string> Deleted { get; } = [];

    /// <summary>
    /// Added to every date-time written (evidence and config alike), so that the evidence that promotes at
    /// <see cref="Now"/> promotes at <see cref="Now"/> + Shift: a test of the real clock shifts to the real time.
    /// </summary>
    public TimeSpan Shift { get; set; }

    /// <summary>A fixture whose evidence promotes at the real time (for commands that read the real clock).</summary>
    public static PromotionFixture AtRealTime() =>
        new() { Shift = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - Now };

    public static string Execution(DateTimeOffset at, int requested, int ambiguous, int failed, string mode = "autonomous", string category = "fleet_handoff_execute") =>
        $$$"""{"timestamp":"{{{Iso(at)}}}","category":"{{{category}}}","loopId":"loop-a","execution":{"mode":"{{{mode}}}","requestedIntentCount":{{{requested}}},"executedCount":{{{requested - ambiguous - failed}}},"ambiguousCount":{{{ambiguous}}},"failedCount":{{{failed}}}}}""";

    public static string Snapshot(DateTimeOffset at, int pending, int manualOnly) =>
        $$"""{"timestamp":"{{Iso(at)}}","pendingConfirmationCount":{{pending}},"manualOnlyIntentCount":{{manualOnly}}}""";

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes config and evidence; returns the config's path.</summary>
    public string Write()
    {
        var config = new JsonObject { ["schemaVersion"] = 1, ["gates"] = new JsonObject { ["promotion"] = Promotion.DeepClone() } };
        var files = new Dictionary<string, string>
        {
            ["policy.json"] = new JsonObject { ["governance"] = Governance.DeepClone(), ["killSwitch"] = KillSwitch }.ToJsonString(),
            ["safety.json"] = Safety.ToJsonString(),
            ["drills.json"] = new JsonObject { ["drills"] = Drills.DeepClone() }.ToJsonString(),
            ["telemetry/handoff.jsonl"] = string.Concat(Handoff.Select(l => l + "\n")) + HandoffTail,
            ["telemetry/backlog.jsonl"] = string.Concat(Backlog.Select(l => l + "\n")),
        };
        foreach (var (path, text) in files)
        {
            var full = Folder.Combine(path);
            if (Deleted.Contains(path)) { if (File.Exists(full)) File.Delete(full); }
            else Folder.Write(path, Shifted(text));
        }
        Folder.Write("gatekit.json", Shifted(config.ToJsonString()));
        return Folder.Combine("gatekit.json");
    }

    private string Shifted(string text) => ShiftDates(text, Shift);

    /// <summary>
    /// Every ISO-8601 date-time with an offset in <paramref name="text"/>, moved by <paramref name="shift"/>; a '+'
    /// may be JSON-escaped (\u002B), as JsonNode writes it.
    /// </summary>
    public static string ShiftDates(string text, TimeSpan shift) => shift == TimeSpan.Zero ? text : DateTimes().Replace(text, m =>
        (DateTimeOffset.Parse(m.Value.Replace("\\u002B", "+", StringComparison.Ordinal), CultureInfo.InvariantCulture) + shift).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}|\\u002B\d{2}:\d{2})")]
    private static partial System.Text.RegularExpressions.Regex DateTimes();

    /// <summary>Evaluates the promotion gate through the engine at <see cref="Now"/>.</summary>
    public RunResult Run(DateTimeOffset? now = null)
    {
        var loaded = ConfigLoader.Load(Write());
        var request = new RunOptions(loaded.FullPath, ["promotion"], null, [], null, null, false, new ToolInfo("gatekit", "test"));
        return RunEvaluator.Evaluate(new PreparedRun(request, loaded, ["promotion"], new FixedClock(now ?? Now), null, [], null), CancellationToken.None);
    }

    /// <summary>Evaluates as of <paramref name="at"/> through the whole pipeline into Folder/.gatekit, as `promotion evaluate` records a run.</summary>
    public RunOutput Record(DateTimeOffset at, string? by = null) =>
        RunPipeline.Execute(new RunOptions(Write(), ["promotion"], null, [], null, Folder.Combine(".gatekit"), false, new ToolInfo("gatekit", "test")) { By = by },
            new FixedClock(at), CancellationToken.None);

    public void Dispose() => Folder.Dispose();
}
