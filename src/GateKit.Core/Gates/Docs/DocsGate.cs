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
        var report = DocsChecker.Check(config, context.Files, changes: null, cancellationToken);
        return new GateOutcome(report.Findings, report.Metrics, [], report.Inputs, [], new StatusRules(config.PartialAt, config.P2WarnAt));
    }
}
