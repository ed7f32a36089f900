using GateKit.Evidence;
using GateKit.Inputs;
using GateKit.Results;

namespace GateKit.Gates.Evidence;

/// <summary>
/// The evidence gate (spec: "evidence — evidence packs"): verifies each configured pack as
/// <c>gatekit evidence verify</c> does. Errors are P0, warnings (lenient, missing optional fields) P1.
/// The manifest is read through the file root (so it cannot leave the config's folder) and is the
/// input recorded; it carries the digest of every packed file.
/// </summary>
public sealed class EvidenceGate : IGate
{
    public const string GateName = "evidence";

    public string Name => GateName;

    public GateOutcome Evaluate(GateContext context, CancellationToken cancellationToken)
    {
        var config = context.Config.Gates.Evidence
            ?? throw new InvalidOperationException("evidence gate: gates.evidence is not configured");
        var findings = new List<Finding>();
        var inputs = new List<InputDigest>();
        int valid = 0, files = 0;
        long bytes = 0;
        foreach (var pack in config.Packs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var display = pack.Manifest.Replace('\\', '/');
            var failure = context.Files.TryRead(pack.Manifest, out var manifest, out var problem, config.MaxFileBytes, "gates.evidence.maxFileBytes");
            if (failure != ReadFailure.None)
            {
                var code = failure switch
                {
                    ReadFailure.OutsideRoot => EvidenceCodes.PathOutsideRoot,
                    ReadFailure.Missing => EvidenceCodes.ManifestMissing,
                    _ => EvidenceCodes.ManifestUnreadable,
                };
                findings.Add(new Finding(code, Priority.P0, $"{pack.Id}: {problem}", new Location(display), pack.Id));
                continue;
            }
            inputs.Add(manifest!.Digest);
            var options = new VerifyOptions(config.Lenient) { Parallelism = config.Parallelism > 0 ? config.Parallelism : FileHasher.DefaultParallelism };
            var report = EvidenceVerifier.Verify(manifest.FullPath, manifest.Bytes, options, cancellationToken);
            foreach (var p in report.Problems)
            {
                var message = p.Path is null ? $"{pack.Id}: {p.Message}" : $"{pack.Id}: {p.Message}";
                findings.Add(new Finding(p.Code, p.Severity == ProblemSeverity.Error ? Priority.P0 : Priority.P1, message,
                    new Location(manifest.RelativePath, p.Line, p.Column, p.JsonPath), pack.Id));
            }
            if (report.Valid) valid++;
            files += report.FilesHashed;
            bytes += report.BytesHashed;
        }
        if (config.Packs.Count == 0)
            findings.Add(new Finding(EvidenceCodes.NothingEvaluated, Priority.P0, "the evidence gate declares no pack: nothing was evaluated"));

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["packs_total"] = config.Packs.Count,
            ["packs_valid"] = valid,
            ["files_verified"] = files,
            ["bytes_hashed"] = bytes,
        };
        return new GateOutcome(findings, metrics, [], [.. inputs.DistinctBy(i => i.Path).OrderBy(i => i.Path, StringComparer.Ordinal)], [],
            new StatusRules(config.PartialAt, config.P2WarnAt));
    }
}
