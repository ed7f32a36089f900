namespace GateKit.Gates.Docs;

/// <summary>The docs gate (spec: "docs — documentation references"): every relative link and anchor resolves.</summary>
public sealed class DocsGate : IGate
{
    public const string GateName = "docs";

    public string Name => GateName;

    public GateOutcome Evaluate(GateContext context, CancellationToken cancellationToken)
    {
        var config = context.Config.Gates.Docs
            ?? throw new InvalidOperationException("docs gate: gates.docs is not configured");
        var report = DocsChecker.Check(config, context.Files, changes: null, cancellationToken, context.StateDirectory);
        return new GateOutcome(report.Findings, report.Metrics, [], report.Inputs, [], new StatusRules(config.PartialAt, config.P2WarnAt));
    }
}

/// <summary>A standalone docs check (<c>gatekit docs check</c>): the same evaluation as the gate, as one gate result.</summary>
public static class DocsCheck
{
    public static Results.GateResult Run(DocsConfig config, string root, DocsChangeSet? changes, IReadOnlyList<Config.WaiverConfig> waivers,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var report = DocsChecker.Check(config, new Inputs.FileRoot(root), changes, cancellationToken);
        var findings = Engine.WaiverApplier.Apply(DocsGate.GateName, report.Findings, waivers, now);
        var status = new StatusRules(config.PartialAt, config.P2WarnAt).StatusOf(findings);
        var reasons = findings.Where(f => !f.IsWaived).OrderBy(f => f.Priority).Select(f => f.Code).Distinct().ToList();
        return new Results.GateResult(DocsGate.GateName, status, reasons, findings,
            new SortedDictionary<string, double>(report.Metrics.ToDictionary(), StringComparer.Ordinal), [], report.Inputs, []);
    }
}
