using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GateKit.Engine;
using GateKit.Gates;
using GateKit.Gates.Quality;
using GateKit.Output;
using GateKit.Results;
using GateKit.Thresholds;

namespace GateKit.Tests.Gates.Always;

/// <summary>
/// A test-only sixth gate, written as a gate author would: everything in this folder, registered by one catalogue
/// line (<see cref="GateCatalog.With"/>). It reports the configured value as the metric "value", which must be at
/// least the threshold "always.minimum" (P1, default 1).
/// </summary>
public sealed class AlwaysGate : IGate
{
    public const string GateName = "always";
    public const string Code = "always_below_minimum";

    public string Name => GateName;

    public GateOutcome Evaluate(GateContext context, CancellationToken cancellationToken)
    {
        var config = context.Config.Gates.Section<AlwaysConfig>(GateName)!;
        var minimum = context.Thresholds[AlwaysGateDescriptor.MinimumKey];
        var findings = config.Value >= minimum.Value.Value
            ? new List<Finding>()
            : [new Finding(Code, Priority.P1, $"value {config.Value.ToString(CultureInfo.InvariantCulture)} is below {minimum.Value}", Subject: "minimum")];
        return new GateOutcome(findings, new Dictionary<string, double> { ["value"] = config.Value },
            [new ThresholdUse(minimum.Key, ">=", minimum.Value.Value, null, minimum.Source, Priority.P1)], [], [], StatusRules.Default);
    }
}

/// <summary>gates.always: the one number the gate reports.</summary>
public sealed record AlwaysConfig
{
    public required double Value { get; init; }
}

public sealed class AlwaysGateDescriptor : GateDescriptor<AlwaysConfig>
{
    public const string MinimumKey = "always.minimum";

    private static readonly JsonElement DefaultMinimum = JsonDocument.Parse("1").RootElement;

    public override string Name => AlwaysGate.GateName;

    public override IJsonTypeInfoResolver SectionTypes => AlwaysConfigJsonContext.Default;

    public override string SchemaFragment => """
        {
          "definitions": {
            "always": {
              "title": "Always gate",
              "description": "Test only: reports its value.",
              "type": "object",
              "additionalProperties": false,
              "required": [ "value" ],
              "properties": { "value": { "title": "Value", "description": "The number reported.", "type": "number" } }
            }
          }
        }
        """;

    public override IGate Create() => new AlwaysGate();

    public override void WriteSummary(SummaryWriter summary, GateResult gate)
    {
        summary.Section(SummarySectionKind.Gate, "Always");
        summary.Blank();
        summary.Line($"**Value** {MarkdownSummary.FormatNumber(gate.Metrics["value"])}");
        summary.Blank();
    }

    protected override void Validate(AlwaysConfig section, Action<string, string> add)
    {
        if (!double.IsFinite(section.Value) || section.Value < 0) add("$.gates.always.value", "must be a finite number, at least 0");
    }

    protected override IEnumerable<ThresholdDefinition> Thresholds(AlwaysConfig section) =>
        [new ThresholdDefinition(MinimumKey, ComparisonOp.AtLeast, DefaultMinimum, Priority.P1)];
}

[JsonSerializable(typeof(AlwaysConfig))]
internal sealed partial class AlwaysConfigJsonContext : JsonSerializerContext;
