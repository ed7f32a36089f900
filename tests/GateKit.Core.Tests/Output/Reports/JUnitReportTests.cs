using System.Diagnostics;
using System.Xml;
using GateKit.Output.Reports;
using GateKit.Tests.Support;

namespace GateKit.Tests.Output.Reports;

/// <summary>The JUnit XML writer against the JUnit report rules CI servers read, determinism, hostile text, and junitparser.</summary>
public sealed class JUnitReportTests
{
    // The rules written from the JUnit XML format as Jenkins, GitLab and Azure read it (the Ant JUnit schema):
    // root testsuites; testsuite with name, tests, failures, errors, skipped (non-negative integers matching its
    // test cases); testcase with classname and name; at most one of failure / error (with message) / skipped.
    private static void AssertJUnitRules(XmlDocument doc)
    {
        var root = doc.DocumentElement!;
        Assert.Equal("testsuites", root.Name);
        var all = new List<XmlElement>();
        foreach (var suite in root.ChildNodes.OfType<XmlElement>())
        {
            Assert.Equal("testsuite", suite.Name);
            Assert.False(string.IsNullOrEmpty(suite.GetAttribute("name")));
            var cases = suite.ChildNodes.OfType<XmlElement>().Where(e => e.Name == "testcase").ToList();
            Assert.All(suite.ChildNodes.OfType<XmlElement>(), e => Assert.Contains(e.Name, new[] { "properties", "testcase" }));
            AssertCounts(suite, cases);
            foreach (var c in cases)
            {
                Assert.False(string.IsNullOrEmpty(c.GetAttribute("classname")));
                Assert.False(string.IsNullOrEmpty(c.GetAttribute("name")));
                var outcome = c.ChildNodes.OfType<XmlElement>().Where(e => e.Name is "failure" or "error" or "skipped").ToList();
                Assert.True(outcome.Count <= 1);
                Assert.All(c.ChildNodes.OfType<XmlElement>(), e => Assert.Contains(e.Name, new[] { "failure", "error", "skipped", "system-out" }));
                Assert.All(outcome.Where(e => e.Name != "skipped"), e => Assert.True(e.HasAttribute("message")));
            }
            all.AddRange(cases);
        }
        AssertCounts(root, all);
    }

    private static void AssertCounts(XmlElement element, List<XmlElement> cases)
    {
        int Count(string outcome) => cases.Count(c => c.ChildNodes.OfType<XmlElement>().Any(e => e.Name == outcome));
        Assert.Equal(cases.Count.ToString(), element.GetAttribute("tests"));
        Assert.Equal(Count("failure").ToString(), element.GetAttribute("failures"));
        Assert.Equal(Count("error").ToString(), element.GetAttribute("errors"));
        Assert.Equal(Count("skipped").ToString(), element.GetAttribute("skipped"));
    }

    [Fact]
    public void An_ordinary_run_has_a_suite_per_gate_and_a_case_per_item_with_failures_and_skips()
    {
        var doc = ReportAssert.StrictXml(new JUnitReport().Write(ReportRuns.Ordinary()));
        AssertJUnitRules(doc);
        var suites = doc.DocumentElement!.ChildNodes.OfType<XmlElement>().ToList();
        Assert.Equal(["release", "quality", "docs"], suites.Select(s => s.GetAttribute("name")));
        string Cases(XmlElement s) => string.Join(",", s.ChildNodes.OfType<XmlElement>().Where(e => e.Name == "testcase").Select(c =>
            c.GetAttribute("name") + ":" + (c.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.Name != "system-out")?.Name ?? "pass")));
        Assert.Equal("status:failure,release.coverage:pass,sbom:failure,meta:pass,monitoring_alert:pass", Cases(suites[0]));
        Assert.Equal("status:pass,latency_p95:pass,nothing_evaluated:pass", Cases(suites[1]));
        Assert.Equal("status:skipped", Cases(suites[2]));
        var failure = (XmlElement)suites[0].SelectSingleNode("testcase[@name='sbom']/failure")!;
        Assert.Equal("artifact_missing: artifact 'sbom' not found", failure.GetAttribute("message"));
        Assert.Contains("[waived: WV-1", suites[1].SelectSingleNode("testcase[@name='latency_p95']/system-out")!.InnerText);
    }

    [Fact]
    public void The_same_result_gives_the_same_bytes() =>
        Assert.Equal(new JUnitReport().Write(ReportRuns.Ordinary()), new JUnitReport().Write(ReportRuns.Ordinary()));

    [Fact]
    public void Hostile_messages_and_file_names_stay_well_formed_clean_and_bounded()
    {
        var bytes = new JUnitReport().Write(ReportRuns.Hostile());
        Assert.True(bytes.Length < 2 * 1024 * 1024, $"{bytes.Length} bytes: messages and paths are clipped");
        var doc = ReportAssert.StrictXml(bytes);
        AssertJUnitRules(doc);
        var messages = doc.SelectNodes("//failure/@message")!.Cast<XmlAttribute>().Select(a => a.Value).ToList();
        Assert.Contains("hostile_3: ]]> <![CDATA[ x ]]>", messages);
        Assert.Contains("hostile_4: <script>&amp;&lt;\"'</script>", messages);
        Assert.Contains("hostile_0: line one\nline two\r\nline three\rend", messages);
        Assert.Contains(doc.SelectNodes("//testcase/@name")!.Cast<XmlAttribute>(), a => a.Value == "lone high \uFFFD lone low \uFFFD end high \uFFFD");
        Assert.Contains(doc.SelectNodes("//testsuite/@name")!.Cast<XmlAttribute>(), a => a.Value == "quality\n<q>");
        foreach (var text in doc.SelectNodes("//@* | //text()")!.Cast<XmlNode>()) ReportRuns.AssertCleanText(text.Value!);
    }

    [Fact]
    public void The_quality_gate_s_own_junit_reader_reads_the_report_back_with_the_same_counts()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("junit.xml");
        var bytes = new JUnitReport().Write(ReportRuns.Hostile());
        File.WriteAllBytes(path, bytes);
        var doc = ReportAssert.StrictXml(bytes);

        var reading = new GateKit.Gates.Quality.Standard.JunitReader().Read(
            [new GateKit.Gates.Quality.Standard.ReportSource("junit.xml", path)], new GateKit.Gates.Quality.Standard.ReadContext("junit", long.MaxValue), CancellationToken.None);

        Assert.Empty(reading.Findings);
        int Count(string xpath) => doc.SelectNodes(xpath)!.Count;
        Assert.Equal(Count("//testcase"), reading.Metrics["tests.total"]);
        Assert.Equal(Count("//testcase[failure or error]"), reading.Metrics["tests.failed"]);
        Assert.Equal(Count("//testcase[skipped]"), reading.Metrics["tests.skipped"]);
    }

    [Fact]
    public void Junitparser_reads_the_report_back()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("junit.xml");
        var bytes = new JUnitReport().Write(ReportRuns.Hostile());
        File.WriteAllBytes(path, bytes);
        var doc = ReportAssert.StrictXml(bytes);
        var script = "import sys, junitparser\nx = junitparser.JUnitXml.fromfile(sys.argv[1])\n"
            + "print(sum(1 for s in x), sum(s.tests for s in x), sum(s.failures for s in x), sum(s.errors for s in x))";
        var (exit, output) = Junitparser.Python(script, path);
        Assert.True(exit == 0, output);
        int Count(string xpath) => doc.SelectNodes(xpath)!.Count;
        Assert.Equal($"{Count("//testsuite")} {Count("//testcase")} {Count("//testcase/failure")} {Count("//testcase/error")}", output.Trim());
    }

    private static class Junitparser
    {
        // The first python3 that imports junitparser: the one on PATH (a pyenv or venv may come first) or
        // Debian's, where the package python3-junitparser puts it (PyPI is not reachable from CI).
        private static readonly Lazy<string?> Interpreter = new(() =>
            new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(python =>
            {
                try { return Run(python, "import junitparser").Exit == 0; }
                catch (System.ComponentModel.Win32Exception) { return false; }
            }));

        public static (int Exit, string Output) Python(string script, params string[] args) =>
            Run(Interpreter.Value ?? throw new InvalidOperationException(
                "the JUnit consumer check needs python3 with junitparser (Debian's python3-junitparser), which is missing: bash .ci/run installs it"), script, args);

        private static (int Exit, string Output) Run(string python, string script, params string[] args)
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
    }
}
