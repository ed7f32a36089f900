using System.Text;
using System.Text.Json;
using CsCheck;
using GateKit.Config;
using GateKit.Evidence;
using GateKit.Gates.Promotion;
using GateKit.Gates.Quality;
using GateKit.Gates.Quality.Standard;
using GateKit.Inputs;
using GateKit.Json;
using GateKit.Results;
using GateKit.Runs;
using GateKit.Tests.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Hostile;

/// <summary>
/// Malformed is malformed, not a crash (issue 20, kind 4): every parser GateKit runs on user input is
/// fed valid documents with hostile edits (unpaired surrogate escapes, 1e400, bytes that are not UTF-8,
/// duplicates, nesting, cut-offs) and may only answer with its own invalid-input error, never another
/// exception; the standard reports (trx, junit, cobertura, lcov, sarif, benchmarkdotnet) also get XML edits
/// (DTDs, entities, character references, unclosed tags) and answer with a reading (whose P0 findings name the file), never an exception. Each runs a fixed number of generated cases, so the time is bounded; the counts are
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

    private static readonly byte[][] HostileXml =
    [
        .. Hostile, "<"u8.ToArray(), ">"u8.ToArray(), "&"u8.ToArray(), "&amp;"u8.ToArray(), "&nope;"u8.ToArray(), "&#0;"u8.ToArray(),
        "&#xD800;"u8.ToArray(), "&#99999999999;"u8.ToArray(), "<!DOCTYPE r [<!ENTITY a \"&#38;a;\">]>"u8.ToArray(), "<![CDATA["u8.ToArray(), "]]>"u8.ToArray(),
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"u8.ToArray(), " x=\"1\" x=\"2\""u8.ToArray(), "</a>"u8.ToArray(), "<a:b xmlns:a=\"\">"u8.ToArray(),
        "\nSF:\n"u8.ToArray(), "\nend_of_record\n"u8.ToArray(), "\nDA:-1,99999999999999999999\n"u8.ToArray(), "NaN"u8.ToArray(), "Infinity"u8.ToArray(),
    ];

    /// <summary>Up to four edits of a seed: a hostile token put in place of 0–3 bytes at a random offset.</summary>
    private static Gen<byte[]> Mutations(params string[] seeds) => Mutations(Hostile, seeds);

    private static Gen<byte[]> Mutations(byte[][] tokens, string[] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 3], Gen.Int[0, tokens.Length - 1]).Array[1, 4])
            .Select(t =>
            {
                var bytes = Encoding.UTF8.GetBytes(seeds[t.Item1]).ToList();
                foreach (var (at, cut, token) in t.Item2)
                {
                    var offset = at % (bytes.Count + 1);
                    bytes.RemoveRange(offset, Math.Min(cut, bytes.Count - offset));
                    bytes.InsertRange(offset, tokens[token]);
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

    /// <summary>A small valid report of each standard format (the catalogue's seeds; the real tools' reports are in samples/dotnet).</summary>
    public static TheoryData<string, string> StandardSeeds => new()
    {
        { "trx", """<?xml version="1.0" encoding="utf-8"?><TestRun id="r" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results><UnitTestResult testName="a" outcome="Passed" duration="00:00:00.01" /><UnitTestResult testName="b" outcome="Failed"><Output><ErrorInfo><Message>m</Message><StackTrace>at A.B() in /src/a.cs:line 1</StackTrace></ErrorInfo></Output></UnitTestResult></Results></TestRun>""" },
        { "junit", """<?xml version="1.0" encoding="UTF-8"?><testsuites><testsuite name="s" tests="2"><testcase name="a" classname="c" time="0.01" /><testcase name="b" classname="c" file="src/a.cs" line="1"><failure message="m">trace</failure></testcase><testcase name="c"><skipped /></testcase></testsuite></testsuites>""" },
        { "cobertura", """<?xml version="1.0"?><coverage line-rate="1" branch-rate="1"><sources><source>src</source></sources><packages><package name="p"><classes><class name="A" filename="a.cs"><lines><line number="1" hits="1" /><line number="2" hits="0" branch="true" condition-coverage="50% (1/2)" /></lines></class></classes></package></packages></coverage>""" },
        { "lcov", "TN:\nSF:src/a.cs\nFN:1,M\nDA:1,1\nDA:2,0\nBRDA:2,0,0,1\nBRDA:2,0,1,-\nLF:2\nLH:1\nend_of_record\n" },
        { "sarif", """{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"ruleId": "R1", "level": "warning", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.cs"}, "region": {"startLine": 1}}}]}]}]}""" },
        { "benchmarkdotnet", """{"Title": "t", "Benchmarks": [{"FullName": "B.M", "Statistics": {"Mean": 10.5, "Median": 10.0}, "Memory": {"BytesAllocatedPerOperation": 0}}]}""" },
    };

    [Theory]
    [MemberData(nameof(StandardSeeds))]
    public void A_standard_report_is_a_reading_or_a_finding_naming_it_never_an_exception(string format, string seed)
    {
        using var temp = new TempFolder();
        temp.Write("src/a.cs", "class A { }\n");
        var reader = StandardReaders.For(Enum.Parse<ReportFormat>(format, ignoreCase: true))!;
        var context = new ReadContext("r", 1 << 20, null, new FileRoot(temp.Path));
        Mutations(HostileXml, [seed]).Sample(bytes =>
        {
            // Sample runs on several threads: each case its own file.
            var name = $"report-{Guid.NewGuid():N}";
            var path = temp.Write(name, "");
            File.WriteAllBytes(path, bytes);
            var reading = reader.Read([new ReportSource(name, path)], context, CancellationToken.None);
            File.Delete(path);
            Assert.All(reading.Findings.Where(f => f.Priority == Priority.P0), f => Assert.Equal(name, f.Location?.File));
        }, iter: Iterations / 6);
    }
}
