using GateKit.Results;
using TestRuns = GateKit.Tests.Support.Runs;

namespace GateKit.Tests.Output.Reports;

/// <summary>Run results for the report writers' tests: an ordinary one covering every case, and hostile ones.</summary>
public static class ReportRuns
{
    public static readonly WaiverMark Waiver = new("WV-1", "team", "accepted until the fix ships", null, "2026-12-31");

    /// <summary>P0, P1, P2, a waived finding, findings with and without file, line and column; a skipped gate; a threshold.</summary>
    public static RunResult Ordinary(int line = 7) => TestRuns.Run("20261123T000000000Z-0000abcd", Decision.NoGo,
        TestRuns.Gate("release", GateStatus.Fail,
        [
            new Finding("artifact_missing", Priority.P0, "artifact 'sbom' not found", new Location("dist/sbom.json"), "sbom"),
            new Finding("schema_violation", Priority.P1, "$.version: expected string", new Location("dist/meta.json", line, 3), "meta"),
            new Finding("monitoring_alert", Priority.P2, "alert LOW", new Location("reports/mon.json", 1)),
        ]) with { Thresholds = [new ThresholdUse("release.coverage", ">=", 0.8, null, "default", Priority.P0)] },
        TestRuns.Gate("quality", GateStatus.Warn,
        [
            new Finding("condition_violated", Priority.P1, "latency_p95 = 1353; needs <= 1300", new Location("data/cases.jsonl"), "latency_p95", Waiver),
            new Finding("nothing_evaluated", Priority.P2, "no cases"),
        ]),
        TestRuns.Gate("docs", GateStatus.Skipped));

    /// <summary>Strings that break naive writers: newlines, CI log commands, CDATA ends, markup, every C0 control, lone surrogates, BOM-like non-characters.</summary>
    public static readonly string[] HostileStrings =
    [
        "line one\nline two\r\nline three\rend",
        "##vso[task.complete result=Failed;]done",
        "::error file=x::injected",
        "]]> <![CDATA[ x ]]>",
        "<script>&amp;&lt;\"'</script>",
        new string(Enumerable.Range(0, 32).Select(i => (char)i).ToArray()),
        "lone high \uD800 lone low \uDC00 end high \uD83D",
        "pair \uD83D\uDE00 ok \uFFFE\uFFFF",
        "%0A%25 #fragment ?query",
    ];

    public const int HugeLength = 10 * 1024 * 1024;

    /// <summary>Every hostile string as message, file name, subject and waiver reason, plus a 10 MB message and a 10 MB file name.</summary>
    public static RunResult Hostile()
    {
        var huge = new string('x', HugeLength - 1) + "<";
        var findings = HostileStrings.SelectMany((s, i) => new[]
        {
            new Finding("hostile_" + i, Priority.P0, s, new Location(s, i + 1, 1), s),
            new Finding("hostile_" + i, Priority.P1, s, new Location("dir/" + s + ".json"), null, Waiver with { Reason = s, Id = s }),
        }).Append(new Finding("huge_message", Priority.P0, huge, new Location("big.json", 1)))
          .Append(new Finding("huge_file", Priority.P2, "file name of 10 MB", new Location(huge)))
          .ToList();
        return TestRuns.Run("hostile", Decision.NoGo, TestRuns.Gate("release", GateStatus.Fail, findings), TestRuns.Gate("quality\n<q>", GateStatus.Error, findings.Take(2).ToList()));
    }

    /// <summary>No character in the text that XML 1.0 cannot hold, and no unpaired surrogate.</summary>
    public static void AssertCleanText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            Assert.False(c < 0x20 && c is not ('\t' or '\n' or '\r'), $"control character U+{(int)c:X4} at {i}");
            Assert.False(c is '\uFFFE' or '\uFFFF', $"non-character U+{(int)c:X4} at {i}");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            Assert.False(char.IsSurrogate(c), $"unpaired surrogate at {i}");
        }
    }
}
