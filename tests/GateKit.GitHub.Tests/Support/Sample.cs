using GateKit.Results;

namespace GateKit.GitHub.Tests.Support;

/// <summary>Run results built in code, shaped like the engine's.</summary>
public static class Sample
{
    public static GateResult Gate(string name, GateStatus status, params Finding[] findings) =>
        new(name, status, findings.Select(f => f.Code).Distinct().ToList(), findings, new Dictionary<string, double>(), [], [], []);

    public static RunResult Run(Decision decision, params GateResult[] gates) => new(
        1, new ToolInfo("gatekit", "0.1.0"), "20261123T120000Z-abcdef12", "2026-11-23T12:00:00Z", "2026-11-23T12:00:01Z",
        new GitInfo("refs/heads/main", new string('a', 40)), "dev", null, false, false, decision,
        gates.SelectMany(g => g.ReasonCodes).Distinct().ToList(), [], gates, new InputDigest("gatekit.json", new string('b', 64), 120));

    public static Finding At(string code, Priority priority, string message, string file, int? line = null, int? column = null) =>
        new(code, priority, message, new Location(file, line, column));

    /// <summary>A failing gate with <paramref name="count"/> located findings, P0 first.</summary>
    public static GateResult Many(string name, int count) =>
        Gate(name, GateStatus.Fail, Enumerable.Range(1, count)
            .Select(i => At("metric_failed", i % 3 == 0 ? Priority.P1 : Priority.P0, $"finding {i} exceeds its threshold", $"src/file{i % 97}.cs", i, 1))
            .ToArray());
}
