using GateKit.MSBuild.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests;

/// <summary>
/// The task words Core's request errors by its own properties (GateKitSets, GateKitTag), never by the CLI's
/// flags; run in-process on a real config in a temp folder.
/// </summary>
public sealed class EvaluateGatesWordingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string[], string?, string, string> BadRequests => new()
    {
        { "reports/cases.jsonl", ["quality.floor"], null, "GateKitSets expects KEY=VALUE, found 'quality.floor'", "GateKitSets" },
        { "reports/cases.jsonl", ["quality.nope=1"], null, "GateKitSets: no threshold 'quality.nope'; known: quality.floor", "GateKitSets" },
        { "reports/cases.jsonl", ["quality.floor=abc"], null, "GateKitSets quality.floor: 'abc' is not a finite number", "GateKitSets" },
        { "reports/cases.jsonl", ["quality.floor=0.5"], null, "GateKitSets quality.floor: P0 threshold is fixed at 0.9 and may not be loosened to 0.5", "GateKitSets" },
        { "reports/{tag}.jsonl", [], null, "quality gate: paths use {tag} but no tag was given: pass GateKitTag or set gates.release.tag", "GateKitTag" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void A_bad_request_value_is_named_by_its_property(string reportPath, string[] sets, string? tag, string message, string property)
    {
        var config = _temp.Combine("gatekit.json");
        Directory.CreateDirectory(_temp.Combine("reports"));
        File.WriteAllText(_temp.Combine("reports/cases.jsonl"), "{\"p\": 1}\n");
        File.WriteAllText(config, $$"""
            { "schemaVersion": 1, "gates": { "quality": {
              "reports": [{ "id": "cases", "path": "{{reportPath}}" }],
              "conditions": [{ "id": "floor", "report": "cases", "aggregate": "rate", "pointer": "/p", "op": ">=", "threshold": 0.9, "severity": "P0" }] } } }
            """);
        var engine = new RecordingBuildEngine();
        var task = new EvaluateGates { BuildEngine = engine, ConfigFile = config, Sets = sets, Tag = tag };

        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("GATEKIT002", message), (error.Code, error.Message));
        Assert.Contains(property, error.Message);
        Assert.DoesNotContain("--", error.Message);
    }
}
