using System.Text;
using System.Xml;
using GateKit.Results;

namespace GateKit.Output.Reports;

/// <summary>
/// JUnit XML, the test-report format GitLab, Azure Pipelines (PublishTestResults) and Jenkins read:
/// a &lt;testsuites&gt; root, a &lt;testsuite&gt; per gate and in it a test case "status" for the gate's own
/// verdict (failure on fail, error on error, skipped when skipped) and one per item the gate checked — each
/// threshold key (a finding whose subject is "metric" belongs to the key "gate.metric") and each other
/// finding subject (or code, when a finding names no subject). An item fails when
/// it has an unwaived P0 finding; its P1, P2 and waived findings are listed in its system-out.
/// Text goes through <see cref="ReportText"/> and <see cref="XmlWriter"/>, so it is escaped and holds only
/// characters XML 1.0 allows.
/// </summary>
public sealed class JUnitReport : IReportWriter
{
    public string Name => "junit";

    private sealed record Case(string Name, string? Failure, string? FailureBody, bool Error, bool Skipped, string? Output);

    public byte[] Write(RunResult result)
    {
        var suites = result.Gates.Select(g => (Gate: g, Cases: Cases(result, g))).ToList();
        var buffer = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", $"gatekit {ReportText.Clean(result.RunId)}");
            WriteCounts(w, suites.SelectMany(s => s.Cases).ToList());
            foreach (var (gate, cases) in suites)
            {
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", ReportText.Clean(gate.Name));
                WriteCounts(w, cases);
                w.WriteStartElement("properties");
                w.WriteStartElement("property");
                w.WriteAttributeString("name", "status");
                w.WriteAttributeString("value", gate.Status.Name());
                w.WriteEndElement();
                w.WriteEndElement();
                foreach (var c in cases) WriteCase(w, gate.Name, c);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteCounts(XmlWriter w, IReadOnlyList<Case> cases)
    {
        w.WriteAttributeString("tests", cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", cases.Count(c => c.Failure is not null && !c.Error).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", cases.Count(c => c.Error).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("skipped", cases.Count(c => c.Skipped).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteCase(XmlWriter w, string gate, Case c)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("classname", $"gatekit.{ReportText.Clean(gate)}");
        w.WriteAttributeString("name", c.Name);
        if (c.Skipped)
        {
            w.WriteStartElement("skipped");
            w.WriteEndElement();
        }
        else if (c.Failure is not null)
        {
            w.WriteStartElement(c.Error ? "error" : "failure");
            w.WriteAttributeString("message", c.Failure);
            if (c.FailureBody is not null) w.WriteString(c.FailureBody);
            w.WriteEndElement();
        }
        if (c.Output is not null) w.WriteElementString("system-out", c.Output);
        w.WriteEndElement();
    }

    private static List<Case> Cases(RunResult result, GateResult gate)
    {
        var status = gate.Status switch
        {
            GateStatus.Skipped => new Case("status", null, null, false, true, null),
            GateStatus.Fail or GateStatus.Error => new Case("status", $"{gate.Name}: {gate.Status.Name()} ({string.Join(", ", gate.ReasonCodes)})", null, gate.Status == GateStatus.Error, false, null),
            _ => new Case("status", null, null, false, false, null),
        };
        var cases = new List<Case> { status with { Failure = status.Failure is null ? null : ReportText.Message(status.Failure) } };
        var thresholdKeys = gate.Thresholds.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        string ItemOf(Finding f)
        {
            var item = f.Subject ?? f.Code;
            return thresholdKeys.Contains($"{gate.Name}.{item}") ? $"{gate.Name}.{item}" : item;
        }
        var items = gate.Thresholds.Select(t => t.Key)
            .Concat(gate.Findings.Select(ItemOf))
            .Distinct(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var findings = gate.Findings.Where(f => ItemOf(f) == item).ToList();
            var failing = findings.Where(f => !f.IsWaived && f.Priority == Priority.P0).ToList();
            var others = findings.Except(failing).ToList();
            cases.Add(new Case(
                ReportText.Message(item),
                failing.Count == 0 ? null : ReportText.Message($"{failing[0].Code}: {failing[0].Message}"),
                failing.Count == 0 ? null : Describe(result, failing),
                false,
                false,
                others.Count == 0 ? null : Describe(result, others)));
        }
        return cases;
    }

    private static string Describe(RunResult result, IEnumerable<Finding> findings) => string.Join('\n', findings.Select(f =>
    {
        var line = f.Location?.Line is { } l ? $":{l}" : "";
        var waived = f.Waiver is { } waiver ? $" [waived: {ReportText.Message(waiver.Id)}, {ReportText.Message(waiver.Reason)}]" : "";
        return $"{f.Priority} {ReportText.Clean(f.Code)}: {ReportText.Message(f.Message)} ({ReportText.FilePath(result, f)}{line}){waived}";
    }));
}
