using System.Globalization;
using System.Text.Json.Nodes;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>samples/promotion, as the README walks through it: evaluate, dry run, apply, ledger.</summary>
public sealed class PromotionSampleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_sample_promotes_as_of_the_README_time()
    {
        var sample = Samples.CopyTo(Samples.Promotion, _temp.Combine("promotion"));
        var run = GateKitProcess.Run(sample, "promotion", "evaluate", "--now", Samples.PromotionAsOf, "--fail-on-hold", "--format", "json");
        Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
        var gate = JsonNode.Parse(run.StdOut)!["gates"]![0]!;
        Assert.Equal("promote", (string?)gate["promotion"]!["decision"]);
        Assert.Empty(gate["findings"]!.AsArray());
        SchemaAssert.ValidResult(System.Text.Encoding.UTF8.GetBytes(run.StdOut));
    }

    /// <summary>
    /// The whole workflow at the real time: the sample's dates are moved so that its evidence is as fresh now as it
    /// is at the README's time (apply checks the evaluation's age against the real clock).
    /// </summary>
    [Fact]
    public void Evaluate_then_dry_run_then_apply_writes_one_ledger_entry()
    {
        var sample = Samples.CopyTo(Samples.Promotion, _temp.Combine("promotion"));
        var shift = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - DateTimeOffset.Parse(Samples.PromotionAsOf, CultureInfo.InvariantCulture);
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
            File.WriteAllText(file, PromotionFixture.ShiftDates(File.ReadAllText(file), shift));

        var evaluated = GateKitProcess.Run(sample, "promotion", "evaluate", "--by", "carol", "--fail-on-hold");
        Assert.True(evaluated.ExitCode == 0, evaluated.StdOut + evaluated.StdErr);
        Assert.StartsWith("PROMOTE", evaluated.StdOut);

        string[] apply = ["promotion", "apply", "--intent", "expand", "--expand-step", "25", "--by", "alice", "--approval-ref", "CHG-1043",
            "--rationale", "expand the canary", "--review-by", "2099-01-01T00:00:00Z", "--approver", "dana", "--rollback-owner", "erin"];
        var dry = GateKitProcess.Run(sample, [.. apply, "--dry-run"]);
        Assert.True(dry.ExitCode == 0, dry.StdErr);
        Assert.False(Directory.Exists(Path.Combine(sample, ".gatekit", "promotion")));

        var applied = GateKitProcess.Run(sample, apply);
        Assert.True(applied.ExitCode == 0, applied.StdErr);
        var entry = JsonNode.Parse(Assert.Single(File.ReadAllLines(Path.Combine(sample, ".gatekit", "promotion", "ledger.jsonl"))))!;
        Assert.Equal(JsonNode.Parse(dry.StdOut)!["after"]!.ToJsonString(), entry["after"]!.ToJsonString());
        Assert.Equal((25, false), ((int)entry["after"]!["canaryPercent"]!, (bool)entry["after"]!["paused"]!));
        Assert.Equal(("promote", "dana", "erin", "alice"), ((string?)entry["decision"], (string?)entry["approver"], (string?)entry["rollbackOwner"], (string?)entry["by"]));
        var runId = Path.GetFileName(Directory.GetDirectories(Path.Combine(sample, ".gatekit", "runs")).Single());
        Assert.Equal(runId, (string?)entry["decisionRunId"]);
    }
}
