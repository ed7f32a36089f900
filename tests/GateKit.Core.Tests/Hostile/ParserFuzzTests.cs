using System.Text;
using System.Text.Json;
using CsCheck;
using GateKit.Config;
using GateKit.Evidence;
using GateKit.Gates.Promotion;
using GateKit.Json;
using GateKit.Runs;
using GateKit.Tests.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Hostile;

/// <summary>
/// Malformed is malformed, not a crash (issue 20, kind 4): every parser GateKit runs on user input is
/// fed valid documents with hostile edits (unpaired surrogate escapes, 1e400, bytes that are not UTF-8,
/// duplicates, nesting, cut-offs) and may only answer with its own invalid-input error, never another
/// exception. Each runs a fixed number of generated cases, so the time is bounded; the counts are
/// recorded in bench/README.md.
/// </summary>
public sealed class ParserFuzzTests
{
    public const int Iterations = 3000;

    private static readonly byte[][] Hostile =
    [
        "\"\\ud800\""u8.ToArray(), "\"\\udfff\\ud800\""u8.ToArray(), "1e400"u8.ToArray(), "-1e400"u8.ToArray(), "1e-400"u8.ToArray(),
        "null"u8.ToArray(), "[null]"u8.ToArray(), "{}"u8.ToArray(), "[]"u8.ToArray(), "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(),
        "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(), [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0],
        "\"\\u0000\""u8.ToArray(), "\"a\": 1, \"a\": 2"u8.ToArray(), "99999999999999999999999"u8.ToArray(), "-0"u8.ToArray(),
        "true"u8.ToArray(), "\"../../etc/passwd\""u8.ToArray(), Encoding.UTF8.GetBytes(new string('[', 300)),
        Encoding.UTF8.GetBytes("\"" + new string('x', 5000) + "\""),
    ];

    /// <summary>Up to four edits of a seed: a hostile token put in place of 0–3 bytes at a random offset.</summary>
    private static Gen<byte[]> Mutations(params string[] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 3], Gen.Int[0, Hostile.Length - 1]).Array[1, 4])
            .Select(t =>
            {
                var bytes = Encoding.UTF8.GetBytes(seeds[t.Item1]).ToList();
                foreach (var (at, cut, token) in t.Item2)
                {
                    var offset = at % (bytes.Count + 1);
                    bytes.RemoveRange(offset, Math.Min(cut, bytes.Count - offset));
                    bytes.InsertRange(offset, Hostile[token]);
                }
                return bytes.ToArray();
            });

    private static readonly string[] ConfigSeeds =
    [
        Configs.Quality("""{ "id": "pass_rate", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 0.9, "severity": "P0" }""",
            extra: """ "profiles": { "prod": { "thresholds": { "quality.pass_rate": 0.95 } } }, "waivers": [ { "id": "w", "gate": "quality", "owner": "o", "reason": "r", "expires": "2027-01-01" } ],"""),
        """{ "schemaVersion": 1, "gates": { "release": { "tag": "v1", "artifacts": [ { "id": "r", "path": "r/{tag}.json", "assertions": [ { "pointer": "/a", "equals": true } ] } ], "signoff": "s.md" } } }""",
        """{ "schemaVersion": 1, "gates": { "evidence": { "packs": [ { "id": "p", "manifest": "p/manifest.json" } ] }, "docs": { "roots": [ { "path": "docs" } ] } } }""",
    ];

    [Fact]
    public void Config_parsing_answers_every_input_with_a_config_error_or_a_config() =>
        Mutations(ConfigSeeds).Sample(bytes =>
        {
            try { ConfigLoader.Parse(bytes, "gatekit.json"); }
            catch (ConfigException) { }
            catch (UsageException) { }
        }, iter: Iterations);

    [Fact]
    public void Evidence_verify_answers_every_manifest_with_a_report()
    {
        using var temp = new TempFolder();
        var pack = EvidenceTrees.Pack(EvidenceTrees.Sample(temp.Path), temp.Combine("out"));
        var seed = File.ReadAllText(pack.ManifestPath);
        Mutations(seed).Sample(bytes =>
        {
            var report = EvidenceVerifier.Verify(pack.ManifestPath, bytes, new VerifyOptions(), CancellationToken.None);
            Assert.True(report.Malformed || report.Problems.Count > 0 || bytes.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(seed)) || report.Valid);
        }, iter: Iterations / 3);
    }

    [Fact]
    public void A_telemetry_line_is_a_record_or_a_problem_never_an_exception()
    {
        var fields = new LineFields([
            ("/t", FieldKind.Time, default), ("/n", FieldKind.Number, default),
            ("/execution/mode", FieldKind.Match, JsonDocument.Parse("\"autonomous\"").RootElement.Clone()),
        ]);
        Mutations("""{"t":"2026-11-23T10:00:00Z","n":3,"execution":{"mode":"autonomous"},"pad":["x",{"y":null}]}""").Sample(bytes =>
        {
            if (!fields.TryRead(bytes, out _, out var problem, out var column))
                Assert.True(problem.Length > 0 && column >= 1 && column <= bytes.Length + 1, $"{problem} at {column}");
        }, iter: Iterations);
    }

    [Fact]
    public void A_json_report_is_a_document_or_a_json_error_with_its_position() =>
        Mutations("""{"passed": true, "status": "OK", "metrics": {"coverage": 0.9}, "cases": [{"id": "a", "score": 1}]}""").Sample(bytes =>
        {
            try { StrictJson.Parse(bytes).Dispose(); }
            catch (JsonException e) { Assert.NotNull(e.LineNumber); }
        }, iter: Iterations);

    [Fact]
    public void A_run_result_read_back_is_a_result_or_a_config_error()
    {
        using var fixture = new PromotionFixture();
        var result = Encoding.UTF8.GetString(GateKit.Output.CanonicalJson.Serialize(fixture.Run(), GateKit.Output.ResultJsonContext.Default.RunResult));
        Mutations(result).Sample(bytes =>
        {
            try { RunCatalog.Parse(bytes, "result.json"); }
            catch (ConfigException) { }
        }, iter: Iterations / 3);
    }
}
