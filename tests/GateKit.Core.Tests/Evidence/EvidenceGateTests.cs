using GateKit.Config;
using GateKit.Engine;
using GateKit.Evidence;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

public sealed class EvidenceGateTests
{
    private static string Config(string packs, string extra = "") =>
        $$"""{ "schemaVersion": 1, "gates": { "evidence": { "packs": [ {{packs}} ] {{extra}} } } }""";

    [Fact]
    public void A_valid_pack_passes_and_its_manifest_is_the_recorded_input()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("packs"));
        var outcome = new GateKit.Gates.Evidence.EvidenceGate().Evaluate(Configs.Context(Configs.Parse(Config("""{ "id": "p1", "manifest": "packs/pack-1/manifest.json" }""")), temp.Path), CancellationToken.None);
        Assert.Empty(outcome.Findings);
        Assert.Equal(GateStatus.Pass, outcome.Rules.StatusOf(outcome.Findings));
        var input = Assert.Single(outcome.Inputs);
        Assert.Equal("packs/pack-1/manifest.json", input.Path);
        Assert.Equal(5, outcome.Metrics["files_verified"]);
        Assert.Equal(1, outcome.Metrics["packs_valid"]);
    }

    [Fact]
    public void Problems_become_P0_findings_with_the_pack_as_subject_and_a_location_in_the_manifest()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("packs"));
        File.WriteAllText(Path.Combine(pack.PackDirectory, "files", "report.json"), """{"passed":fals}""");
        var outcome = new GateKit.Gates.Evidence.EvidenceGate().Evaluate(Configs.Context(Configs.Parse(Config(
            """{ "id": "p1", "manifest": "packs/pack-1/manifest.json" }, { "id": "gone", "manifest": "packs/none/manifest.json" }, { "id": "out", "manifest": "../elsewhere/manifest.json" }""")), temp.Path), CancellationToken.None);
        Assert.Equal([EvidenceCodes.DigestMismatch, EvidenceCodes.ManifestMissing, EvidenceCodes.PathOutsideRoot], outcome.Findings.Select(f => f.Code));
        Assert.All(outcome.Findings, f => Assert.Equal(Priority.P0, f.Priority));
        Assert.Equal(["p1", "gone", "out"], outcome.Findings.Select(f => f.Subject));
        var digest = outcome.Findings[0];
        Assert.Equal(("packs/pack-1/manifest.json", "$.files[4]"), (digest.Location!.File, digest.Location.JsonPath));
        Assert.NotNull(digest.Location.Line);
        Assert.Equal(GateStatus.Fail, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Fact]
    public void Lenient_turns_missing_optional_fields_into_P1_warnings()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("packs"));
        EvidenceTrees.Edit(pack.ManifestPath, m => m.Remove("run_manifest"));
        var config = Configs.Parse(Config("""{ "id": "p1", "manifest": "packs/pack-1/manifest.json" }""", ", \"lenient\": true"));
        var outcome = new GateKit.Gates.Evidence.EvidenceGate().Evaluate(Configs.Context(config, temp.Path), CancellationToken.None);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal((EvidenceCodes.FieldMissing, Priority.P1), (finding.Code, finding.Priority));
        Assert.Equal(GateStatus.Warn, outcome.Rules.StatusOf(outcome.Findings));
    }

    [Fact]
    public void The_run_result_with_an_evidence_gate_validates_against_the_result_schema()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("packs"));
        File.Delete(Path.Combine(pack.PackDirectory, "files", "data.bin"));
        var config = Configs.Parse(Config("""{ "id": "p1", "manifest": "packs/pack-1/manifest.json" }"""));
        var loaded = new LoadedConfig(config, temp.Combine("gatekit.json"), temp.Path, new InputDigest("gatekit.json", new string('0', 64), 1));
        var request = new RunOptions(loaded.FullPath, [], null, [], null, null, false, new ToolInfo("gatekit", "0.0.0-test"));
        var result = RunEvaluator.Evaluate(new PreparedRun(request, loaded, RunEvaluator.SelectGates(config, []), new FixedClock(Configs.Now), null, [], null), CancellationToken.None);
        Assert.Equal(Decision.NoGo, result.Decision);
        Assert.Equal([EvidenceCodes.FileMissing], result.Gates.Single().ReasonCodes);
        SchemaAssert.ValidResult(GateKit.Output.CanonicalJson.Serialize(result, GateKit.Output.ResultJsonContext.Default.RunResult));
    }
}
