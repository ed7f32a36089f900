using System.Diagnostics;
using Markdig.Syntax;
using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>decide, signoff, handoff and runs: the operator's side, on real runs of the quickstart sample.</summary>
public sealed class OperatorCommandsTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public OperatorCommandsTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    private ProcessResult Gatekit(params string[] args) => GateKitProcess.Run(_sample, args);

    private string Run(params string[] extra)
    {
        var run = Gatekit(["run", "--format", "json", .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.StdErr);
        return JsonDocument.Parse(run.StdOut).RootElement.GetProperty("runId").GetString()!;
    }

    private string Decisions(string runId) => Path.Combine(_sample, ".gatekit", "decisions", runId);

    [Fact]
    public void An_allowed_approval_is_recorded_and_a_second_one_must_supersede_it()
    {
        var id = Run();
        var first = Gatekit("decide", "--run", id, "--approve", "--by", "alice", "--rationale", "latency warn accepted for the beta");
        Assert.Equal(0, first.ExitCode);
        var record = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Decisions(id), "001.json"))).RootElement;
        Assert.Equal(("approve", "alice", false), (record.GetProperty("verdict").GetString(), record.GetProperty("by").GetString(), record.GetProperty("override").GetBoolean()));
        Assert.Equal(DigestOf(Path.Combine(_sample, ".gatekit", "runs", id, "result.json")), record.GetProperty("resultSha256").GetString());

        var again = Gatekit("decide", "--run", id, "--reject", "--by", "bob", "--rationale", "changed my mind");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"--supersedes {id}-d001", again.StdErr);

        var superseding = Gatekit("decide", "--run", id, "--reject", "--by", "bob", "--rationale", "p95 regressed", "--supersedes", $"{id}-d001");
        Assert.Equal(0, superseding.ExitCode);
        Assert.Equal(["001.json", "002.json"], Directory.GetFiles(Decisions(id)).Select(Path.GetFileName).Order());
        Assert.Contains("NO-GO", Gatekit("signoff", "--run", id).StdOut);
    }

    [Fact]
    public void Approval_of_a_no_go_is_refused_unless_overridden_and_an_override_is_loud()
    {
        var id = Run("--profile", "prod");
        var refused = Gatekit("decide", "--run", id, "--approve", "--by", "alice", "--rationale", "ship it");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("gate 'quality' is fail", refused.StdErr);
        Assert.False(Directory.Exists(Decisions(id)));

        Assert.Equal(2, Gatekit("decide", "--run", id, "--approve", "--override", "--by", "alice", "--rationale", "x").ExitCode); // no approval ref

        var overridden = Gatekit("decide", "--run", id, "--approve", "--override", "--approval-ref", "CAB-7", "--by", "alice", "--rationale", "hotfix, risk owner agreed");
        Assert.Equal(0, overridden.ExitCode);
        Assert.StartsWith("OVERRIDE", overridden.StdOut);
        var signoff = Gatekit("signoff", "--run", id).StdOut;
        Assert.Contains("**OVERRIDE**", signoff);
        Assert.Contains("GO (OVERRIDE)", signoff);
        Assert.Contains("OVERRIDE", Gatekit("runs", "list").StdOut);
    }

    [Theory]
    [InlineData("--rationale", "   ", "must not be empty")]
    [InlineData("--by", "", "must name who decides")]
    public void A_decision_without_a_reason_or_a_name_is_a_usage_error(string option, string value, string message)
    {
        var id = Run();
        var args = new List<string> { "decide", "--run", id, "--reject", "--by", "alice", "--rationale", "r" };
        args[args.IndexOf(option) + 1] = value;
        var result = Gatekit([.. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
    }

    [Fact]
    public void Two_decisions_at_once_cannot_both_be_recorded()
    {
        var id = Run();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var supersedes = attempt == 0 ? [] : new[] { "--supersedes", $"{id}-d{attempt:000}" };
            var processes = Enumerable.Range(0, 2).Select(i => GateKitProcess.Start(_sample, null,
                ["decide", "--run", id, "--reject", "--by", $"p{i}", "--rationale", "race", .. supersedes])).ToList();
            foreach (var p in processes) p.WaitForExit();
            var codes = processes.Select(p => p.ExitCode).Order().ToList();
            Assert.Equal([0, 2], codes);
            Assert.Equal(attempt + 1, Directory.GetFiles(Decisions(id), "*.json").Length);
            processes.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void Runs_show_detects_a_run_folder_modified_after_the_fact()
    {
        var id = Run();
        var clean = Gatekit("runs", "show", id);
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("3 files match", clean.StdOut);

        File.AppendAllText(Path.Combine(_sample, ".gatekit", "runs", id, "summary.md"), "\nall green!\n");
        var tampered = Gatekit("runs", "show", id);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("MODIFIED after the run: summary.md", tampered.StdOut);
    }

    [Fact]
    public void Rerun_evaluates_the_same_pinned_inputs_and_refuses_changed_ones()
    {
        var id = Run("--set", "quality.latency_p95=1400");
        var rerun = Gatekit("runs", "rerun", id, "--format", "json");
        Assert.Equal(0, rerun.ExitCode);
        var again = JsonDocument.Parse(rerun.StdOut).RootElement;
        Assert.NotEqual(id, again.GetProperty("runId").GetString());
        Assert.Contains(again.GetProperty("gates").EnumerateArray().SelectMany(g => g.GetProperty("thresholds").EnumerateArray()),
            t => t.GetProperty("source").GetString() == "override" && t.GetProperty("value").GetDouble() == 1400);
        Assert.Equal(0, Gatekit("runs", "compare", id, again.GetProperty("runId").GetString()!).ExitCode);

        File.AppendAllText(Path.Combine(_sample, "data", "cases.jsonl"), "{\"passed\":true,\"latency_ms\":1,\"score\":0.9,\"cost_usd\":0.01}\n");
        var refused = Gatekit("runs", "rerun", id);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("data/cases.jsonl: pinned sha256", refused.StdErr);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(_sample, ".gatekit", "runs")).Length); // nothing written

        File.WriteAllText(Path.Combine(_sample, "gatekit.json"), File.ReadAllText(Path.Combine(_sample, "gatekit.json")).Replace("\"P2\"", "\"P1\""));
        var pinned = Gatekit("run", "--pin", Path.Combine(_sample, ".gatekit", "runs", id, "result.json"));
        Assert.Equal(3, pinned.ExitCode);
        Assert.Contains("gatekit.json: pinned sha256", pinned.StdErr);
    }

    /// <summary>
    /// Overrides whose text is not the canonical form of their value (0.1 + 0.2, which a short format writes
    /// "0.3"; spaces and exponents; a range in brackets) rerun with the same values and the same
    /// recorded text: rerun passes the recorded overrides as they were given, never formats values back.
    /// </summary>
    [Fact]
    public void Rerun_repeats_overrides_whose_text_is_not_the_canonical_form_of_their_value()
    {
        string[] sets = ["quality.cost_per_case=0.30000000000000004", " quality.latency_p95 = 1.4e3 ", "quality.mean_score=[0.5, 1]", "quality.cost_drift=2E+1"];
        var run = Gatekit(["run", "--format", "json", .. sets.SelectMany(s => new[] { "--set", s })]);
        Assert.True(run.ExitCode is 0 or 1, run.StdErr);
        var rerun = Gatekit("runs", "rerun", "latest", "--format", "json");
        Assert.True(rerun.ExitCode == run.ExitCode, rerun.StdErr);

        var (first, again) = (JsonDocument.Parse(run.StdOut).RootElement, JsonDocument.Parse(rerun.StdOut).RootElement);
        Assert.Equal(sets, again.GetProperty("overrides").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(Thresholds(first), Thresholds(again));
        Assert.Contains(Thresholds(again), t => t == "cost_per_case override 0.30000000000000004");
        Assert.Contains(Thresholds(again), t => t == "latency_p95 override 1400");
        Assert.Equal(0, Gatekit("runs", "compare", first.GetProperty("runId").GetString()!, again.GetProperty("runId").GetString()!).ExitCode);

        static List<string> Thresholds(JsonElement result) => result.GetProperty("gates").EnumerateArray()
            .SelectMany(g => g.GetProperty("thresholds").EnumerateArray())
            .Select(t => $"{t.GetProperty("key").GetString()!.Split('.')[^1]} {t.GetProperty("source").GetString()} {t.GetProperty("value").GetRawText()}"
                + (t.TryGetProperty("max", out var max) ? $"..{max.GetRawText()}" : ""))
            .ToList();
    }

    [Fact]
    public void Interrupted_runs_are_in_the_failed_run_queue()
    {
        var ok = Run();
        using var process = GateKitProcess.Start(_sample, new Dictionary<string, string> { ["GATEKIT_FAULT"] = "pause-before-gate:quality" }, "run");
        var paused = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("paused before gate") == true) paused.Set(); };
        process.BeginErrorReadLine();
        Assert.True(paused.Wait(TimeSpan.FromSeconds(30)));
        GateKitProcess.Signal(process, "INT");
        process.WaitForExit();
        Assert.Equal(5, process.ExitCode);

        var failed = Gatekit("runs", "failed").StdOut.Trim().Split('\n');
        Assert.Equal(2, failed.Length);
        var line = failed[0];
        Assert.Contains("exit 5  (interrupted)", line);
        Assert.Equal(2, Gatekit("runs", "list").StdOut.Trim().Split('\n').Length);
        Assert.DoesNotContain(ok, line);

        // The interrupted run read nothing that changed since: it is reprocessed by the command the queue names.
        var interruptedId = line.Split(' ')[0];
        Assert.Equal($"reprocess: gatekit runs rerun {interruptedId}", failed[1].Trim());
        var rerun = Gatekit("runs", "rerun", interruptedId, "--format", "json");
        Assert.True(rerun.ExitCode is 0 or 1, rerun.StdErr);
        var gates = JsonDocument.Parse(rerun.StdOut).RootElement.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("name").GetString()).ToList();
        Assert.Equal(["release", "quality"], gates);
    }

    [Fact]
    public void Handoff_links_summary_reports_decisions_risks_and_next_actions()
    {
        var id = Run();
        Assert.Equal(0, Gatekit("decide", "--run", id, "--approve", "--by", "alice", "--rationale", "ok").ExitCode);
        var handoff = Gatekit("handoff", "--run", "latest");
        Assert.Equal(0, handoff.ExitCode);
        var index = handoff.StdOut.Trim();
        var folder = Path.GetDirectoryName(index)!;
        var document = Markdig.Markdown.Parse(File.ReadAllText(index));
        var links = document.Descendants<Markdig.Syntax.Inlines.LinkInline>().Select(l => l.Url!).ToList();
        foreach (var link in links) Assert.True(File.Exists(Path.GetFullPath(Path.Combine(folder, link))), $"broken link {link}");
        Assert.Contains(links, l => l.EndsWith("summary.md", StringComparison.Ordinal));
        Assert.Contains(links, l => l.EndsWith("decisions/" + id + "/001.json", StringComparison.Ordinal));
        var headings = document.Descendants<Markdig.Syntax.HeadingBlock>().Select(h => h.Inline!.FirstChild!.ToString()).ToList();
        Assert.Equal(["Handoff: run ", "Open items", "Run", "Gate reports", "Decision records", "Open risks", "Next actions"], headings);
        Assert.Contains("Fix or waive quality/condition\\_violated", File.ReadAllText(index));

        Assert.Equal(2, Gatekit("handoff", "--run", id).ExitCode); // never overwritten
    }

    [Fact]
    public void The_html_report_renders_in_a_real_browser()
    {
        var id = Run();
        Run(); // a second run, so that trends have two points
        var latest = File.ReadAllText(Path.Combine(_sample, ".gatekit", "latest")).Trim();
        var report = Path.Combine(_sample, ".gatekit", "runs", latest, "report.html");
        var chromium = Browser.Find();
        var png = _temp.Combine("report.png");
        var dom = Browser.Run(chromium, "--dump-dom", new Uri(report).AbsoluteUri);
        Assert.Contains("id=\"decision\"", dom);
        Assert.Contains("GO WITH CONDITIONS", dom);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(dom, "<svg ").Count);
        Assert.Contains("<polyline", dom);
        Browser.Run(chromium, $"--screenshot={png}", "--window-size=1200,1600", new Uri(report).AbsoluteUri);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.True(PngPixels.Read(png).LuminanceVariance() > 100, "the screenshot is blank");
        Assert.NotEqual(id, latest);
        Assert.Contains($"href=\"../{id}/report.html\"", dom);
        Assert.Contains("class=\"threshold\"", dom);
    }

    /// <summary>
    /// At a phone's width, each named part of the report paints pixels: hiding it (visibility:hidden keeps the
    /// layout) changes the screenshot. A part that is missing, empty, zero-sized or off the page does not.
    /// </summary>
    [Fact]
    public void Each_named_part_of_the_html_report_is_visible_on_a_phone()
    {
        Run();
        Run();
        var latest = File.ReadAllText(Path.Combine(_sample, ".gatekit", "latest")).Trim();
        var html = File.ReadAllText(Path.Combine(_sample, ".gatekit", "runs", latest, "report.html"));
        Assert.Contains("<meta name=\"viewport\"", html);
        var chromium = Browser.Find();
        PngPixels Shot(string name, string extraCss)
        {
            var page = _temp.Combine(name + ".html");
            File.WriteAllText(page, html.Replace("</head>", $"<style>{extraCss}</style></head>", StringComparison.Ordinal));
            var png = _temp.Combine(name + ".png");
            Browser.Run(chromium, $"--screenshot={png}", "--window-size=390,6000", "--hide-scrollbars", new Uri(page).AbsoluteUri);
            return PngPixels.Read(png);
        }
        var full = Shot("full", "");
        Assert.True(full.LuminanceVariance() > 100, "the phone screenshot is blank");
        foreach (var part in new[] { "decision", "links", "gates", "findings", "thresholds", "trends", "inputs" })
            Assert.True(Shot(part, $"#{part}{{visibility:hidden}}").DifferingPixels(full) > 50, $"#{part} is not visible at a phone's width");
    }

    private static string DigestOf(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}

/// <summary>Headless Chromium (Debian's package chromium; <c>bash .ci/run</c> installs it). A test never installs it itself.</summary>
internal static class Browser
{
    private static readonly Lazy<string> Path = new(Locate);

    public static string Find() => Path.Value;

    private static string Locate()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("the HTML report test needs headless Chromium (/usr/bin/chromium, Debian's package chromium), which is missing: bash .ci/run installs it");
    }

    public static string Run(string chromium, params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("gatekit-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            // Headless, sandbox off (root), and no background traffic: this machine has no network.
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}" }.Concat(args))
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60))) { process.Kill(true); throw new TimeoutException("chromium did not finish"); }
            return stdout.Result;
        }
        finally { profile.Delete(recursive: true); }
    }
}
