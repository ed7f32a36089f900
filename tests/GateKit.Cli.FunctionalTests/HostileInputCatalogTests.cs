using System.Text;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>
/// The hostile-input catalogue (issue 20): every input kind GateKit reads — config, release artifact, quality
/// JSON and JSONL reports, evidence manifest, telemetry, Markdown, a run's result.json read back — × every hostile
/// shape — named pipe, link to /dev/zero, folder, missing, symlink loop, link out of the root, empty, over its
/// limit, truncated, bytes that are not UTF-8, unpaired surrogate escapes, 1e400, deep nesting, duplicate keys,
/// nulls, raw control characters, NUL, a 2 MB name, a byte order mark, path traversal — plus hostile arguments.
/// All inputs are generated here, nothing is committed. Each case runs the command in process (CliApp.Run, a
/// 30 s bound) and asserts: no "unexpected error" and no stack trace, an exit code of the spec other than 4 for
/// what the input holds, the file named when the command did not pass, and no message quoting the 2 MB name.
/// </summary>
public sealed class HostileInputCatalogTests
{
    private const int Limit = 1024 * 1024;
    private static readonly string HugeName = new('n', 2 * 1024 * 1024);

    /// <summary>An input kind: where its file lives, a valid seed, how to set up the rest, and the command that reads it.</summary>
    private sealed record Kind(string Name, string File, Func<string, string> Setup, Func<string, string[]> Command);

    private const string QualityConfig = """{"schemaVersion":1,"gates":{"quality":{"maxFileBytes":1048576,"reports":[{"id":"cases","path":"data/cases.jsonl"}],"conditions":[{"id":"pass_rate","report":"cases","aggregate":"rate","pointer":"/passed","op":">=","threshold":0.5,"severity":"P0"}]}}}""";
    private const string Cases = "{\"id\":\"case-001\",\"passed\":true,\"score\":0.78}\n{\"id\":\"case-002\",\"passed\":true,\"score\":0.91}\n";

    private static string Run(string folder) => Path.Combine(folder, "state");

    private static readonly Kind[] Kinds =
    [
        new("config (validate-config)", "gatekit.json", f => { Write(f, "data/cases.jsonl", Cases); return QualityConfig; },
            f => ["validate-config", "--config", Path.Combine(f, "gatekit.json")]),
        new("config (run)", "gatekit.json", f => { Write(f, "data/cases.jsonl", Cases); return QualityConfig; },
            f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("release artifact", "data/input.json", f =>
            {
                Write(f, "gatekit.json", """{"schemaVersion":1,"gates":{"release":{"tag":"v1","maxFileBytes":1048576,"artifacts":[{"id":"a","path":"data/input.json","assertions":[{"pointer":"/passed","equals":true}]}]}}}""");
                return """{"passed": true, "status": "OK", "items": [1, 2, {"k": "v"}]}""";
            }, f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("quality JSON report", "data/input.json", f =>
            {
                Write(f, "gatekit.json", """{"schemaVersion":1,"gates":{"quality":{"maxFileBytes":1048576,"reports":[{"id":"r","path":"data/input.json"}],"conditions":[{"id":"coverage","report":"r","pointer":"/metrics/coverage","op":">=","threshold":0.5,"severity":"P1"}]}}}""");
                return """{"passed": true, "metrics": {"coverage": 0.9}, "items": [1, "two"]}""";
            }, f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("quality JSONL report", "data/cases.jsonl", f => { Write(f, "gatekit.json", QualityConfig); return Cases; },
            f => ["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--format", "json"]),
        new("evidence manifest", "out/p1/manifest.json", f =>
            {
                Write(f, "in/a.txt", "evidence\n");
                Write(f, "in/sub/b.json", "{}");
                Assert.Equal(0, Cli(["evidence", "pack", "--in", Path.Combine(f, "in"), "--out-root", Path.Combine(f, "out"), "--pack-id", "p1",
                    "--git-ref", "abc", "--run-reason", "r", "--operator", "o"]).Code);
                return File.ReadAllText(Path.Combine(f, "out/p1/manifest.json"));
            }, f => ["evidence", "verify", "--manifest", Path.Combine(f, "out/p1/manifest.json"), "--max-manifest-bytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
        new("telemetry", "telemetry/executions.jsonl", f =>
            {
                Samples.CopyTo(Samples.Promotion, f);
                var config = Path.Combine(f, "gatekit.json");
                File.WriteAllText(config, File.ReadAllText(config).Replace("\"windowDays\": 7,", "\"windowDays\": 7, \"maxFileBytes\": 1048576,"));
                return string.Join('\n', File.ReadLines(Path.Combine(f, "telemetry/executions.jsonl")).Take(3)) + "\n";
            }, f => ["promotion", "evaluate", "--config", Path.Combine(f, "gatekit.json"), "--now", Samples.PromotionAsOf]),
        new("Markdown", "docs/README.md", f =>
            {
                Write(f, "docs/other.md", "# Other\n\n[back](README.md#title)\n");
                return "# Title\n\n[link](other.md) [anchor](#title) ![img](other.md)\n\n| a | b |\n|---|---|\n| [x](other.md#other) | {\"k\": [1]} |\n";
            }, f => ["docs", "check", Path.Combine(f, "docs")]),
        new("result.json read back", "state/runs/RUN/result.json", f =>
            {
                Write(f, "data/cases.jsonl", Cases);
                Write(f, "gatekit.json", QualityConfig);
                Assert.Equal(0, Cli(["run", "--config", Path.Combine(f, "gatekit.json"), "--out", Run(f), "--deterministic"]).Code);
                return File.ReadAllText(Path.Combine(Directory.GetDirectories(Path.Combine(Run(f), "runs")).Single(), "result.json"));
            }, f => ["runs", "show", Directory.GetDirectories(Path.Combine(Run(f), "runs")).Select(Path.GetFileName).Single()!, "--out", Run(f)]),
    ];

    /// <summary>A hostile shape: what it does to the seed (or to the file system at the input's place).</summary>
    private static readonly (string Name, Func<string, string, byte[]?> Make)[] Shapes =
    [
        ("named pipe", (path, _) => { Mkfifo(path); return null; }),
        ("link to /dev/zero", (path, _) => { File.CreateSymbolicLink(path, "/dev/zero"); return null; }),
        ("folder", (path, _) => { Directory.CreateDirectory(path); return null; }),
        ("missing", (_, _) => null),
        ("symlink loop", (path, _) => { File.CreateSymbolicLink(path, path); return null; }),
        ("link leaving the root", (path, _) => { File.CreateSymbolicLink(path, "/etc/passwd"); return null; }),
        ("empty", (_, _) => []),
        ("over its limit", (_, seed) => Encoding.UTF8.GetBytes(seed + new string(' ', Limit + 10) + "\n")),
        ("truncated", (_, seed) => Encoding.UTF8.GetBytes(seed[..(seed.Length / 2)])),
        ("bytes not UTF-8", (_, seed) => AfterFirstQuote(seed, [0xFF, 0xC3])),
        ("unpaired surrogate escape", (_, seed) => AfterFirstQuote(seed, "\\ud800"u8.ToArray())),
        ("surrogates reversed", (_, seed) => AfterFirstQuote(seed, "\\udfff\\ud800"u8.ToArray())),
        ("raw control character", (_, seed) => AfterFirstQuote(seed, [0x01, 0x1B])),
        ("NUL byte", (_, seed) => AfterFirstQuote(seed, [0x00])),
        ("1e400", (_, seed) => AfterFirstBrace(seed, "\"n\": 1e400, ")),
        ("-1e400", (_, seed) => AfterFirstBrace(seed, "\"n\": -1e400, ")),
        ("deep nesting", (_, seed) => AfterFirstBrace(seed, "\"deep\": " + new string('[', 100_000) + new string(']', 100_000) + ", ")),
        ("deep objects", (_, seed) => AfterFirstBrace(seed, "\"deep\": " + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) + ", ")),
        ("duplicate key", (_, seed) => AfterFirstBrace(seed, "\"dup\": 0.9, \"dup\": 0.1, ")),
        ("null root", (_, _) => "null"u8.ToArray()),
        ("array of null", (_, _) => "[null]"u8.ToArray()),
        ("null values", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace("[", "[null, ").Replace(": {", ": null, \"was\": {"))),
        ("2 MB name", (_, seed) => AfterFirstBrace(seed, $"\"{HugeName}\": 1, ")),
        ("byte order mark", (_, seed) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(seed)]),
        ("path traversal", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace("data/", "../../../../../../etc/").Replace("\"a.txt\"", "\"../../etc/passwd\"")
            .Replace("other.md", "../../../../../../etc/passwd").Replace("\"loop-a\"", "\"../../x\""))),
        ("CR line ends", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace('\n', '\r'))),
        ("lines of 1 MB", (_, seed) => Encoding.UTF8.GetBytes(seed.Replace("\n", new string('\t', 1_000_000) + "\n"))),
    ];

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

    public static TheoryData<int, int> Catalogue => Combinations();

    private static TheoryData<int, int> Combinations()
    {
        var data = new TheoryData<int, int>();
        for (var k = 0; k < Kinds.Length; k++)
            for (var s = 0; s < Shapes.Length; s++)
                data.Add(k, s);
        return data;
    }

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void A_hostile_input_is_answered_with_its_file_named_never_a_crash_or_a_hang(int kind, int shape)
    {
        var (k, (shapeName, make)) = (Kinds[kind], Shapes[shape]);
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
}
