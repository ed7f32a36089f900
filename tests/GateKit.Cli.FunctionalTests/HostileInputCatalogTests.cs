using System.Text;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// The hostile-input catalogue (issue 20): every input kind GateKit reads — config, release artifact, quality
/// JSON and JSONL reports, each standard report format (trx, junit, cobertura, lcov, sarif, benchmarkdotnet),
/// evidence manifest, the promotion inputs (telemetry, backlog, policy, safety, drills), Markdown, a docs link
/// target, a run's result.json read back — × every hostile shape that applies to its family: any file (named
/// pipe, link to /dev/zero, folder, missing, symlink loop, link out of the root, empty, over its limit,
/// truncated, bytes that are not UTF-8, raw control characters, NUL, a byte order mark, path traversal, CR line
/// ends, 1 MB lines), JSON (unpaired surrogate escapes, 1e400, deep nesting, duplicate keys, nulls, a 2 MB
/// name), XML (an entity bomb, an external entity, the wrong root, a 2 MB attribute, deep nesting, a duplicate
/// attribute, an undeclared entity, a declared encoding the bytes are not) — plus hostile arguments and git bases.
/// All inputs are generated here, nothing is committed. Each case runs the command in process (CliApp.Run, a
/// 30 s bound) and asserts: no "unexpected error" and no stack trace, an exit code of the spec other than 4 for
/// what the input holds, the file named when the command did not pass, and no message quoting the 2 MB name.
/// </summary>
public sealed class HostileInputCatalogTests
{
    private const int Limit = 1024 * 1024;
    private static readonly string HugeName = new('n', 2 * 1024 * 1024);

    /// <summary>Which syntax-level shapes apply to a kind on top of the file-level ones every kind gets.</summary>
    private enum Family { Json, Xml, Text }

    /// <summary>An input kind: where its file lives, its family, a valid seed, how to set up the rest, and the command that reads it.</summary>
    private sealed record Kind(string Name, string File, Family Family, Func<string, string> Setup, Func<string, string[]> Command);

    private const string QualityConfig = """{"schemaVersion":1,"gates":{"quality":{"maxFileBytes":1048576,"reports":[{"id":"cases","path":"data/cases.jsonl"}],"conditions":[{"id":"pass_rate","report":"cases","aggregate":"rate","pointer":"/passed","op":">=","threshold":0.5,"severity":"P0"}]}}}""";
    private const string Cases = "{\"id\":\"case-001\",\"passed\":true,\"score\":0.78}\n{\"id\":\"case-002\",\"passed\":true,\"score\":0.91}\n";

    private static string Run(string folder) => Path.Combine(folder, "state");

    private static readonly Kind[] Kinds =
    [
        new("config (validate-config)", "gatekit.json", Family.Json, f => { Write(f, "data/cases.jsonl", Cases); return QualityConfig; },
            f => ["validate-config", "--config", Path.Combine(f, "gatekit.json")]),
        new("config (run)", "gatekit.json", Family.Json, f => { Write(f, "data/cases.jsonl", Cases); return QualityConfig; },
            f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("release artifact", "data/input.json", Family.Json, f =>
            {
                Write(f, "gatekit.json", """{"schemaVersion":1,"gates":{"release":{"tag":"v1","maxFileBytes":1048576,"artifacts":[{"id":"a","path":"data/input.json","assertions":[{"pointer":"/passed","equals":true}]}]}}}""");
                return """{"passed": true, "status": "OK", "items": [1, 2, {"k": "v"}]}""";
            }, f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("quality JSON report", "data/input.json", Family.Json, f =>
            {
                Write(f, "gatekit.json", """{"schemaVersion":1,"gates":{"quality":{"maxFileBytes":1048576,"reports":[{"id":"r","path":"data/input.json"}],"conditions":[{"id":"coverage","report":"r","pointer":"/metrics/coverage","op":">=","threshold":0.5,"severity":"P1"}]}}}""");
                return """{"passed": true, "metrics": {"coverage": 0.9}, "items": [1, "two"]}""";
            }, f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("quality JSONL report", "data/cases.jsonl", Family.Json, f => { Write(f, "gatekit.json", QualityConfig); return Cases; },
            f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("evidence manifest", "out/p1/manifest.json", Family.Json, f =>
            {
                Write(f, "in/a.txt", "evidence\n");
                Write(f, "in/sub/b.json", "{}");
                Assert.Equal(0, Cli(["evidence", "pack", "--in", Path.Combine(f, "in"), "--out-root", Path.Combine(f, "out"), "--pack-id", "p1",
                    "--git-ref", "abc", "--run-reason", "r", "--operator", "o"]).Code);
                return File.ReadAllText(Path.Combine(f, "out/p1/manifest.json"));
            }, f => ["evidence", "verify", "--manifest", Path.Combine(f, "out/p1/manifest.json"), "--max-manifest-bytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
        Promotion("telemetry", "telemetry/executions.jsonl"),
        new("Markdown", "docs/README.md", Family.Json, f =>
            {
                Write(f, "docs/other.md", "# Other\n\n[back](README.md#title)\n");
                return "# Title\n\n[link](other.md) [anchor](#title) ![img](other.md)\n\n| a | b |\n|---|---|\n| [x](other.md#other) | {\"k\": [1]} |\n";
            }, f => ["docs", "check", Path.Combine(f, "docs")]),
        new("result.json read back", "state/runs/RUN/result.json", Family.Json, f =>
            {
                Write(f, "data/cases.jsonl", Cases);
                Write(f, "gatekit.json", QualityConfig);
                Assert.Equal(0, Cli(["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--deterministic"]).Code);
                return File.ReadAllText(Path.Combine(Directory.GetDirectories(Path.Combine(Run(f), "runs")).Single(), "result.json"));
            }, f => ["runs", "show", Directory.GetDirectories(Path.Combine(Run(f), "runs")).Select(Path.GetFileName).Single()!, "--out", Run(f)]),
        Standard("trx", Family.Xml, "tests.total", """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="r" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="a" outcome="Passed" duration="00:00:00.0100000" />
              </Results>
            </TestRun>
            """),
        Standard("junit", Family.Xml, "tests.total", """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites>
              <testsuite name="s" tests="1">
                <testcase name="a" classname="c" time="0.01" />
              </testsuite>
            </testsuites>
            """),
        Standard("cobertura", Family.Xml, "coverage.line", """
            <?xml version="1.0"?>
            <coverage line-rate="1" branch-rate="1">
              <sources><source>src</source></sources>
              <packages><package name="p"><classes><class name="A" filename="a.cs"><lines><line number="1" hits="1" /></lines></class></classes></package></packages>
            </coverage>
            """),
        Standard("lcov", Family.Text, "coverage.line", "TN:\nSF:src/a.cs\nDA:1,1\nend_of_record\n"),
        Standard("sarif", Family.Json, "sarif.warning", """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"ruleId": "R1", "level": "warning",
              "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.cs"}, "region": {"startLine": 1}}}]}]}]}
            """),
        Standard("benchmarkdotnet", Family.Json, "benchmark.B.M.mean_ns", """
            {"Title": "t", "Benchmarks": [{"FullName": "B.M", "Statistics": {"Mean": 10.5, "Median": 10.0}, "Memory": {"BytesAllocatedPerOperation": 0}}]}
            """),
        Promotion("promotion backlog", "telemetry/backlog.jsonl"),
        Promotion("promotion policy", "policy.json"),
        Promotion("promotion safety", "safety.json"),
        Promotion("promotion drills", "drills.json"),
        new("docs link target", "docs/target.md", Family.Text, f =>
            {
                Write(f, "docs/README.md", "# Title\n\n[part](target.md#part) [whole](target.md) [up](../docs/target.md#part)\n");
                return "# Part\n\ntext\n";
            }, f => ["docs", "check", Path.Combine(f, "docs")]),
    ];

    /// <summary>A quality gate reading one standard report (data/report.FORMAT) with one condition on one of its metrics.</summary>
    private static Kind Standard(string format, Family family, string metric, string seed) =>
        new($"{format} report", $"data/report.{format}", family, f =>
            {
                Write(f, "src/a.cs", "class A { }\n");
                Write(f, "gatekit.json", """{"schemaVersion":1,"gates":{"quality":{"maxFileBytes":1048576,"reports":[{"id":"r","path":"data/report.FORMAT","format":"FORMAT"}],"conditions":[{"id":"c","report":"r","metric":"METRIC","op":">=","threshold":-1e300,"severity":"P1"}]}}}""".Replace("FORMAT", format).Replace("METRIC", metric));
                return seed;
            }, f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]);

    /// <summary>`promotion evaluate` of the promotion sample, one of its inputs replaced.</summary>
    private static Kind Promotion(string name, string file) =>
        new(name, file, Family.Json, f =>
            {
                Samples.CopyTo(Samples.Promotion, f);
                var config = Path.Combine(f, "gatekit.json");
                File.WriteAllText(config, File.ReadAllText(config).Replace("\"windowDays\": 7,", "\"windowDays\": 7, \"maxFileBytes\": 1048576,"));
                return file.EndsWith(".jsonl", StringComparison.Ordinal)
                    ? string.Join('\n', File.ReadLines(Path.Combine(f, file)).Take(3)) + "\n"
                    : File.ReadAllText(Path.Combine(f, file));
            }, f => ["promotion", "evaluate", "--config", Path.Combine(f, "gatekit.json"), "--now", Samples.PromotionAsOf]);

    /// <summary>A hostile shape: what it does to the seed (or to the file system at the input's place).</summary>
    private sealed record Shape(string Name, Func<string, string, byte[]?> Make);

    /// <summary>Shapes of any file: the file system at its place, and bytes every reader must survive.</summary>
    private static readonly Shape[] AnyFileShapes =
    [
        new("named pipe", (path, _) => { Mkfifo(path); return null; }),
        new("link to /dev/zero", (path, _) => { File.CreateSymbolicLink(path, "/dev/zero"); return null; }),
        new("folder", (path, _) => { Directory.CreateDirectory(path); return null; }),
        new("missing", (_, _) => null),
        new("symlink loop", (path, _) => { File.CreateSymbolicLink(path, path); return null; }),
        new("link leaving the root", (path, _) => { File.CreateSymbolicLink(path, "/etc/passwd"); return null; }),
        new("empty", (_, _) => []),
        new("over its limit", (_, seed) => Encoding.UTF8.GetBytes(seed + new string(' ', Limit + 10) + "\n")),
        new("truncated", (_, seed) => Encoding.UTF8.GetBytes(seed[..(seed.Length / 2)])),
        new("bytes not UTF-8", (_, seed) => AfterFirstQuote(seed, [0xFF, 0xC3])),
        new("raw control character", (_, seed) => AfterFirstQuote(seed, [0x01, 0x1B])),
        new("NUL byte", (_, seed) => AfterFirstQuote(seed, [0x00])),
        new("byte order mark", (_, seed) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(seed)]),
        new("path traversal", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace("data/", "../../../../../../etc/").Replace("\"a.txt\"", "\"../../etc/passwd\"")
            .Replace("other.md", "../../../../../../etc/passwd").Replace("\"loop-a\"", "\"../../x\""))),
        new("CR line ends", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace('\n', '\r'))),
        new("lines of 1 MB", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace("\n", new string('\t', 1_000_000) + "\n"))),
    ];

    /// <summary>Shapes of JSON and JSONL syntax.</summary>
    private static readonly Shape[] JsonShapes =
    [
        new("unpaired surrogate escape", (_, seed) => AfterFirstQuote(seed, "\\ud800"u8.ToArray())),
        new("surrogates reversed", (_, seed) => AfterFirstQuote(seed, "\\udfff\\ud800"u8.ToArray())),
        new("1e400", (_, seed) => AfterFirstBrace(seed, "\"n\": 1e400, ")),
        new("-1e400", (_, seed) => AfterFirstBrace(seed, "\"n\": -1e400, ")),
        new("deep nesting", (_, seed) => AfterFirstBrace(seed, "\"deep\": " + new string('[', 100_000) + new string(']', 100_000) + ", ")),
        new("deep objects", (_, seed) => AfterFirstBrace(seed, "\"deep\": " + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) + ", ")),
        new("duplicate key", (_, seed) => AfterFirstBrace(seed, "\"dup\": 0.9, \"dup\": 0.1, ")),
        new("null root", (_, _) => "null"u8.ToArray()),
        new("array of null", (_, _) => "[null]"u8.ToArray()),
        new("null values", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace("[", "[null, ").Replace(": {", ": null, \"was\": {"))),
        new("2 MB name", (_, seed) => AfterFirstBrace(seed, $"\"{HugeName}\": 1, ")),
    ];

    private const string ExternalEntity = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n";
    private static readonly string EntityBomb = "<!DOCTYPE r [<!ENTITY a0 \"lol\">"
        + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY a{i} \"{string.Concat(Enumerable.Repeat($"&a{i - 1};", 10))}\">")) + "]>\n";

    /// <summary>Shapes of XML syntax (trx, junit, cobertura).</summary>
    private static readonly Shape[] XmlShapes =
    [
        new("entity bomb", (_, seed) => Encoding.UTF8.GetBytes(seed.Insert(InsideRoot(seed), "&a9;").Insert(AfterProlog(seed), EntityBomb))),
        new("external entity", (_, seed) => Encoding.UTF8.GetBytes(seed.Insert(InsideRoot(seed), "&x;").Insert(AfterProlog(seed), ExternalEntity))),
        new("wrong root", (_, _) => "<?xml version=\"1.0\"?>\n<html><body>not a report</body></html>\n"u8.ToArray()),
        new("2 MB attribute", (_, seed) => Encoding.UTF8.GetBytes(seed.Insert(RootNameEnd(seed), $" huge=\"{HugeName}\""))),
        new("deep elements", (_, seed) => Encoding.UTF8.GetBytes(seed.Insert(InsideRoot(seed),
            string.Concat(Enumerable.Repeat("<d>", 100_000)) + string.Concat(Enumerable.Repeat("</d>", 100_000))))),
        new("duplicate attribute", (_, seed) => Encoding.UTF8.GetBytes(seed.Insert(RootNameEnd(seed), " dup=\"1\" dup=\"2\""))),
        new("undeclared entity", (_, seed) => Encoding.UTF8.GetBytes(seed.Insert(InsideRoot(seed), "&nope;"))),
        new("declared encoding not the bytes'", (_, seed) => Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + seed[AfterProlog(seed)..])),
    ];

    private static Shape[] ShapesOf(Family family) => family switch
    {
        Family.Json => [.. AnyFileShapes, .. JsonShapes],
        Family.Xml => [.. AnyFileShapes, .. XmlShapes],
        _ => AnyFileShapes,
    };

    /// <summary>Where the XML declaration ends (0 without one).</summary>
    private static int AfterProlog(string xml) => xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;

    /// <summary>Where the root element's name ends in its start tag.</summary>
    private static int RootNameEnd(string xml)
    {
        var at = xml.IndexOf('<', AfterProlog(xml)) + 1;
        while (!char.IsWhiteSpace(xml[at]) && xml[at] is not ('>' or '/')) at++;
        return at;
    }

    /// <summary>Just after the root element's start tag.</summary>
    private static int InsideRoot(string xml) => xml.IndexOf('>', RootNameEnd(xml)) + 1;

    private static byte[] AfterFirstQuote(string seed, byte[] insert) => Insert(seed, seed.IndexOf('"') + 1, insert);

    private static byte[] AfterFirstBrace(string seed, string insert) => Insert(seed, seed.IndexOf('{') + 1, Encoding.UTF8.GetBytes(insert));

    private static byte[] Insert(string seed, int at, byte[] insert)
    {
        var bytes = Encoding.UTF8.GetBytes(seed[..at]);
        return [.. bytes, .. insert, .. Encoding.UTF8.GetBytes(seed[at..])];
    }

    private static void Write(string folder, string relative, string content)
    {
        var full = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    private static void Mkfifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", [path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static (int Code, string Output) Cli(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => CliApp.Run(args, stdout, stderr));
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), $"gatekit {string.Join(' ', args)} did not finish in 30 s");
        return (run.Result, stdout + "\n" + stderr);
    }

    /// <summary>Every kind × every shape of its family, by name (the case's name says what it is).</summary>
    public static TheoryData<string, string> Catalogue => Combinations();

    private static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds)
            foreach (var shape in ShapesOf(kind.Family))
                data.Add(kind.Name, shape.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void A_hostile_input_is_answered_with_its_file_named_never_a_crash_or_a_hang(string kind, string shape)
    {
        var k = Kinds.Single(k => k.Name == kind);
        var (shapeName, make) = ShapesOf(k.Family).Single(s => s.Name == shape);
        using var temp = new TempFolder();
        var seed = k.Setup(temp.Path);
        var file = k.File.Replace("RUN", Directory.Exists(Path.Combine(temp.Path, "state/runs"))
            ? Directory.GetDirectories(Path.Combine(temp.Path, "state/runs")).Select(Path.GetFileName).Single() : "RUN");
        var path = Path.Combine(temp.Path, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(path);
        if (make(path, seed) is { } bytes) File.WriteAllBytes(path, bytes);

        var (code, output) = Cli(k.Command(temp.Path));
        var what = $"{k.Name} × {shapeName}: exit {code}\n{Clip(output)}";
        Assert.DoesNotContain("unexpected error", output);
        Assert.DoesNotContain("   at ", output);
        Assert.True(code is >= 0 and <= 3, what);
        if (code != 0) Assert.True(output.Contains(Path.GetFileName(path), StringComparison.Ordinal), $"the file is not named: {what}");
        Assert.DoesNotContain(new string('n', 1000), output);
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    [Theory]
    [InlineData("run", "--tag", "v1\u0000")]
    [InlineData("run", "--tag", "v1\n2")]
    [InlineData("run", "--tag", "../../../etc/passwd")]
    [InlineData("run", "--tag", "")]
    [InlineData("run", "--set", "quality.pass_rate=1e400")]
    [InlineData("run", "--set", "quality.pass_rate=NaN")]
    [InlineData("run", "--set", "quality.pass_rate=0.1")]
    [InlineData("run", "--set", "quality.pass_rate")]
    [InlineData("run", "--set", "=1")]
    [InlineData("run", "--set", "quality.nope=1")]
    [InlineData("run", "--gate", "nope")]
    [InlineData("run", "--profile", "nope")]
    [InlineData("run", "--fail-on", "sometimes")]
    [InlineData("run", "--format", "yaml")]
    [InlineData("run", "--out", "/dev/zero")]
    [InlineData("run", "--out", "/dev/null/x")]
    [InlineData("run", "--config", "/dev/zero")]
    [InlineData("run", "--config", "/")]
    [InlineData("run", "--config", "/nonexistent/gatekit.json")]
    [InlineData("run", "--report", "sarif=/dev/null/x")]
    [InlineData("run", "--report", "nope=x")]
    [InlineData("runs", "show", "../../../etc")]
    [InlineData("runs", "show", "\u0000")]
    [InlineData("runs", "compare", "a", "b", "--tolerance", "1e400")]
    [InlineData("decide", "--run", "../x", "--approve", "--by", "me", "--rationale", "r")]
    [InlineData("evidence", "pack", "--in", ".", "--out-root", "out", "--pack-id", "../x", "--git-ref", "a", "--run-reason", "r", "--operator", "o")]
    [InlineData("evidence", "pack", "--in", ".", "--out-root", "out", "--pack-id", "p", "--git-ref", "a", "--run-reason", "r", "--operator", "o", "--parallel", "-1")]
    [InlineData("evidence", "verify", "--manifest", "/")]
    [InlineData("evidence", "verify", "--manifest", "/dev/zero")]
    [InlineData("evidence", "verify", "--manifest", "x.json", "--max-manifest-bytes", "-5")]
    [InlineData("promotion", "evaluate", "--now", "yesterday")]
    [InlineData("promotion", "evaluate", "--now", "9999-99-99T99:99:99Z")]
    [InlineData("docs", "check", "/nonexistent")]
    [InlineData("docs", "check", "--slugs", "nope")]
    [InlineData("export", "--format", "xml")]
    public void A_hostile_argument_is_a_usage_or_input_error_never_a_crash(params string[] args)
    {
        using var temp = new TempFolder();
        var sample = Samples.CopyTo(Samples.Quickstart, temp.Combine("q"));
        var full = args.Concat(args[0] is "run" or "runs" or "decide" or "export" && !args.Contains("--config") ? ["--config", Path.Combine(sample, "gatekit.json")] : [])
            .Concat(args[0] is "run" && !args.Contains("--out") ? ["--out", temp.Combine("state")] : [])
            .Select(a => a is "." or "out" or "x.json" ? Path.Combine(temp.Path, a) : a).ToArray();
        var (code, output) = Cli(full);
        var what = $"gatekit {string.Join(' ', args)}: exit {code}\n{Clip(output)}";
        Assert.DoesNotContain("unexpected error", output);
        Assert.DoesNotContain("   at ", output);
        Assert.True(code is >= 1 and <= 4, what);
    }

    /// <summary>Hostile git bases, each for `run --base` (new-code coverage) and `docs check --changed --base`.</summary>
    public static TheoryData<string, string> GitBases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var command in (string[])["run", "docs"])
                foreach (var baseRef in (string[])["--upload-pack=touch injected", "--output=injected", "-x", "nope", "main..HEAD", "HEAD\u0000", "HEAD\nmain",
                    "", " ", "main:README.md", "refs/heads/../../x", new string('m', 5_000)])
                    data.Add(command, baseRef);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GitBases))]
    public void A_hostile_git_base_is_a_usage_error_never_a_crash_or_an_injected_option(string command, string baseRef)
    {
        using var repo = new GitRepository();
        repo.Write("docs/README.md", "# Title\n\n[a](a.md)\n");
        repo.Write("docs/a.md", "# A\n");
        repo.Write("src/A.cs", "line 1\n");
        repo.Write("reports/coverage.cobertura.xml",
            "<?xml version=\"1.0\"?>\n<coverage><packages><package name=\"p\"><classes><class name=\"A\" filename=\"src/A.cs\"><lines><line number=\"1\" hits=\"1\" /></lines></class></classes></package></packages></coverage>\n");
        repo.Write("gatekit.json", """{"schemaVersion":1,"gates":{"quality":{"reports":[{"id":"cov","path":"reports/coverage.cobertura.xml","format":"cobertura"}],"conditions":[{"id":"new_code","report":"cov","metric":"coverage.new_lines","op":">=","threshold":0.5,"severity":"P0"}]}}}""");
        repo.Commit("base");

        var (code, output) = Cli(command == "run"
            ? ["run", "--config", Path.Combine(repo.Path, "gatekit.json"), "--out", Path.Combine(repo.Path, "state"), "--base", baseRef]
            : ["docs", "check", Path.Combine(repo.Path, "docs"), "--changed", "--base", baseRef]);
        var what = $"{command} --base '{Clip(baseRef)}': exit {code}\n{Clip(output)}";
        Assert.DoesNotContain("unexpected error", output);
        Assert.DoesNotContain("   at ", output);
        Assert.True(code == 2, what);
        Assert.DoesNotContain(new string('m', 1000), output);
        Assert.False(File.Exists(Path.Combine(repo.Path, "injected")) || File.Exists(Path.Combine(repo.Path, "docs", "injected")), what);
    }
}
