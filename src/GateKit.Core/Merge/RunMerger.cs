using System.Security.Cryptography;
using System.Text;
using GateKit.Config;
using GateKit.Engine;
using GateKit.Gates.Release;
using GateKit.Results;
using GateKit.Runs;

namespace GateKit.Merge;

/// <summary>One input of a merge: the leg's name, the file as given, and its bytes.</summary>
public sealed record MergeInput(string Leg, string Path, byte[] Bytes);

/// <summary>What a merge gives: the combined result (result.json's schema) and the record of its sources (merge.json).</summary>
public sealed record MergeOutcome(RunResult Result, MergeRecord Record);

/// <summary>
/// Combines the results of several jobs (matrix legs, or gates run in different jobs) into one verdict.
/// Each leg's gates appear as "LEG/GATE"; a gate "merge" holds a P0 finding per missing, errored,
/// interrupted or unexpected leg, so none of them is ever a silent pass. The decision follows the same
/// rule as a run's (<see cref="RunEvaluator"/>): any fail or error is no-go; warn, partial or skipped are
/// conditions. Pure: the same inputs give the same bytes (the run id is derived from the inputs' digests).
/// </summary>
public static class RunMerger
{
    /// <summary>The name of the gate holding the merge's own findings.</summary>
    public const string MergeGate = "merge";

    // A file that parses is not yet a result (a JSON object missing its gates would deserialize with nulls):
    // each input must follow the published result schema.
    private static readonly Lazy<ArtifactSchemaValidator> ResultSchema = new(() =>
        ArtifactSchemaValidator.TryLoad(Output.Schemas.Read("result")!, out var validator, out var problem) ? validator! : throw new InvalidOperationException(problem));

    /// <summary>The leg name of a path given without LEG=: the name of the folder holding the file.</summary>
    public static MergeInput Input(string argument, Func<string, byte[]> read)
    {
        ArgumentNullException.ThrowIfNull(argument);
        ArgumentNullException.ThrowIfNull(read);
        var equals = argument.IndexOf('=');
        var (leg, path) = equals > 0 && !File.Exists(argument) ? (argument[..equals], argument[(equals + 1)..]) : ("", argument);
        if (path.Length == 0) throw new UsageException($"merge: expected PATH or LEG=PATH, got '{argument}'");
        if (leg.Length == 0) leg = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))) ?? "";
        if (!File.Exists(path)) throw new UsageException($"merge: file not found: {path}");
        return new MergeInput(leg, path, read(path));
    }

    /// <param name="inputs">The legs' results, in the order given; at least one.</param>
    /// <param name="expectedLegs">Leg names that must all be present (--expect-legs); empty for none.</param>
    /// <param name="expectedCount">How many legs must be present (--expect); null for no count.</param>
    /// <exception cref="ConfigException">A file that is not a GateKit result (malformed JSON, or not following schemas/result.schema.json), or a duplicate (same leg name, same run id or same bytes), naming the file.</exception>
    public static MergeOutcome Merge(IReadOnlyList<MergeInput> inputs, IReadOnlyList<string> expectedLegs, int? expectedCount, ToolInfo tool)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(expectedLegs);
        if (inputs.Count == 0) throw new UsageException("merge: give at least one result.json");
        var legs = new List<(MergeInput Input, RunResult Run, MergeSource Source)>();
        foreach (var input in inputs)
        {
            var run = RunCatalog.Parse(input.Bytes, input.Path);
            if (ResultSchema.Value.Validate(Encoding.UTF8.GetString(input.Bytes)) is [var violation, ..])
                throw new ConfigException(new ConfigError(input.Path, violation.JsonPath, "not a GateKit run result: " + violation.Message));
            var sha = Convert.ToHexStringLower(SHA256.HashData(input.Bytes));
            foreach (var (other, otherRun, otherSource) in legs)
            {
                var why = otherSource.Sha256 == sha ? "the same bytes as"
                    : otherRun.RunId == run.RunId ? $"the same run id ({run.RunId}) as"
                    : otherSource.Leg == input.Leg ? $"the same leg name ('{input.Leg}') as"
                    : null;
                if (why is not null)
                    throw new ConfigException(new ConfigError(input.Path, "$", $"duplicate merge input: {why} {other.Path}"));
            }
            var errored = run.Interrupted || run.Gates.Any(g => g.Status == GateStatus.Error);
            legs.Add((input, run, new MergeSource(input.Leg, input.Path, sha, input.Bytes.LongLength, run.RunId, run.Decision, errored)));
        }

        var findings = new List<Finding>();
        var present = legs.Select(l => l.Source.Leg).ToHashSet(StringComparer.Ordinal);
        var missing = expectedLegs.Where(e => !present.Contains(e)).ToList();
        foreach (var leg in missing)
            findings.Add(new Finding(MergeCodes.LegMissing, Priority.P0, $"leg '{leg}' has no result among the merged files", Subject: leg));
        if (expectedCount is { } count && legs.Count != count)
            findings.Add(new Finding(legs.Count < count ? MergeCodes.LegMissing : MergeCodes.LegUnexpected, Priority.P0,
                $"{count} legs were expected, {legs.Count} results were merged", Subject: "count"));
        if (expectedLegs.Count > 0)
            foreach (var (input, _, _) in legs.Where(l => !expectedLegs.Contains(l.Source.Leg, StringComparer.Ordinal)))
                findings.Add(new Finding(MergeCodes.LegUnexpected, Priority.P0, $"leg '{input.Leg}' ({input.Path}) is not one of the expected legs", new Location(input.Path), input.Leg));
        foreach (var (input, run, _) in legs.Where(l => l.Source.Errored))
            findings.Add(new Finding(MergeCodes.LegErrored, Priority.P0,
                run.Interrupted ? $"leg '{input.Leg}' (run {run.RunId}) was interrupted" : $"leg '{input.Leg}' (run {run.RunId}) ended with a gate in status error",
                new Location(input.Path), input.Leg));

        var mergeGate = new GateResult(MergeGate, findings.Count > 0 ? GateStatus.Fail : GateStatus.Pass,
            findings.Select(f => f.Code).Distinct().ToList(), findings, new SortedDictionary<string, double>(), [],
            legs.Select(l => new InputDigest(l.Input.Path, l.Source.Sha256, l.Source.Size)).ToList(), []);
        var gates = legs.SelectMany(l => l.Run.Gates.Select(g => g with { Name = $"{l.Source.Leg}/{g.Name}" })).Append(mergeGate).ToList();
        var (decision, reasons, conditions) = RunEvaluator.Decide(gates, interrupted: false);
        var runId = "merge-" + Digest(legs.Select(l => l.Source), expectedLegs, expectedCount)[..16];
        var first = legs[0].Run;
        var sameCommit = legs.All(l => l.Run.Git?.Sha == first.Git?.Sha);
        var result = new RunResult(RunEvaluator.ResultSchemaVersion, tool, runId,
            legs.Select(l => l.Run.StartedAt).Min(StringComparer.Ordinal)!, legs.Select(l => l.Run.FinishedAt).Max(StringComparer.Ordinal)!,
            sameCommit ? first.Git : null, null, null, legs.All(l => l.Run.Deterministic), false,
            decision, reasons, conditions, gates, first.Config)
        {
            SelectedGates = gates.Select(g => g.Name).ToList(),
        };
        var record = new MergeRecord(1, tool, runId, decision, legs.Select(l => l.Source).ToList(), missing)
        {
            ExpectedLegs = expectedLegs,
            ExpectedCount = expectedCount ?? (expectedLegs.Count > 0 ? expectedLegs.Count : (int?)null),
        };
        return new MergeOutcome(result, record);
    }

    /// <summary>The merge's exit code: 1 for no-go (and for go-with-conditions under --fail-on warn), else 0. An errored leg is a finding, not a runtime error of the merge.</summary>
    public static int ExitCode(RunResult merged, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(merged);
        return merged.Decision == Decision.NoGo || (merged.Decision == Decision.GoWithConditions && failOn == FailOn.Warn) ? ExitCodes.NoGo : ExitCodes.Go;
    }

    private static string Digest(IEnumerable<MergeSource> sources, IReadOnlyList<string> expectedLegs, int? expectedCount)
    {
        var text = new StringBuilder();
        foreach (var s in sources) text.Append(s.Leg).Append('\0').Append(s.Sha256).Append('\n');
        text.Append("expect=").AppendJoin('\0', expectedLegs).Append('\n').Append(expectedCount);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
