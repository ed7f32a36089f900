using GateKit.Results;

namespace GateKit.Tests.Support;

/// <summary>Run results built in code, for the tests of what reads runs back.</summary>
public static class Runs
{
    public static readonly InputDigest Config = new("gatekit.json", new string('c', 64), 10);

    public static GateResult Gate(string name, GateStatus status, IReadOnlyList<Finding>? findings = null,
        IReadOnlyDictionary<string, double>? metrics = null, string inputSha = "a") =>
        new(name, status, (findings ?? []).Where(f => !f.IsWaived).Select(f => f.Code).Distinct().ToList(), findings ?? [],
            metrics ?? new Dictionary<string, double>(), [], [new InputDigest("data/in.json", new string(inputSha[0], 64), 1)], []);

    public static RunResult Run(string id, Decision decision, params GateResult[] gates) =>
        new(1, new ToolInfo("gatekit", "0"), id, "2026-11-23T00:00:00.000Z", "2026-11-23T00:00:00.000Z", null, "dev", null, false, false,
            decision, [], [], gates, Config);
}
