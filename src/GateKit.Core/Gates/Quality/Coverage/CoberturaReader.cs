using System.Globalization;
using System.Xml;
using GateKit.Gates.Quality.Standard;

namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// Reads a Cobertura XML report (coverlet.collector, dotnet-coverage, most other tools) as a stream:
/// <c>&lt;coverage&gt;&lt;sources&gt;&lt;source&gt;</c> roots, then each
/// <c>&lt;class filename&gt;&lt;lines&gt;&lt;line number hits branch condition-coverage="50% (1/2)"&gt;</c>.
/// The lines repeated under <c>&lt;methods&gt;</c> are skipped (the class lists them all); the report's own
/// <c>line-rate</c> is ignored, because rates are computed after shards are merged. No DTD is processed, so an
/// entity-expansion bomb is refused, and memory is bounded by the number of coverable lines, not the file size.
/// </summary>
public static class CoberturaReader
{
    /// <exception cref="XmlException">malformed or truncated XML, or a DTD (refused by <see cref="SafeXml"/>).</exception>
    /// <exception cref="ReportContentException">a root that is not &lt;coverage&gt;, or a line without a usable number or hit count.</exception>
    public static CoverageReport Read(Stream stream, CancellationToken cancellationToken = default)
    {
        using var xml = SafeXml.Create(stream);
        var root = SafeXml.ReadRoot(xml);
        var info = (IXmlLineInfo)xml;
        if (root != "coverage")
            throw new ReportContentException(QualityCodes.ReportWrongFormat, $"not a Cobertura report: the root element is <{root}>, not <coverage>", info.LineNumber);
        return ReadCoverage(xml, info, cancellationToken);
    }

    private static CoverageReport ReadCoverage(XmlReader xml, IXmlLineInfo info, CancellationToken cancellationToken)
    {
        var report = new CoverageReport();
        var sources = new List<string>();
        var names = new CoberturaNames(xml.NameTable);
        FileCoverage? current = null;
        long elements = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (++elements % 65536 == 0) cancellationToken.ThrowIfCancellationRequested();
            // The reader atomizes names in its name table: a reference comparison is the string comparison.
            var element = xml.LocalName;
            if (ReferenceEquals(element, names.Line))
            {
                if (current is null) throw Malformed("<line> outside a <class>", info);
                RecordLine(xml, info, names, current);
            }
            else if (ReferenceEquals(element, names.Class))
            {
                var filename = xml.GetAttribute("filename");
                if (string.IsNullOrWhiteSpace(filename))
                    throw Malformed("<class> has no filename attribute", info);
                current = report.File(filename, name => Candidates(name, sources));
            }
            else if (ReferenceEquals(element, names.Methods)) xml.Skip();
            else if (ReferenceEquals(element, names.Source))
            {
                var source = xml.ReadElementContentAsString().Trim();
                if (source.Length > 0) sources.Add(source);
            }
        }
        return report;
    }

    /// <summary>
    /// One pass over a &lt;line&gt;'s attributes, names compared by reference, instead of a lookup by name per
    /// attribute (1.4 M lines in a 2 M-line report); condition-coverage counts only on a branch line.
    /// </summary>
    private static void RecordLine(XmlReader xml, IXmlLineInfo info, CoberturaNames names, FileCoverage file)
    {
        string? number = null, hits = null, branch = null, conditions = null;
        while (xml.MoveToNextAttribute())
        {
            var name = xml.Name;
            if (ReferenceEquals(name, names.Number)) number = xml.Value;
            else if (ReferenceEquals(name, names.Hits)) hits = xml.Value;
            else if (ReferenceEquals(name, names.Branch)) branch = xml.Value;
            else if (ReferenceEquals(name, names.ConditionCoverage)) conditions = xml.Value;
        }
        xml.MoveToElement();
        var line = Number(number, "number", info);
        if (line < 1 || line > FileCoverage.MaxLine)
            throw Malformed($"<line number=\"{line}\"> is not a line number (1..{FileCoverage.MaxLine})", info);
        var count = Number(hits, "hits", info);
        if (count < 0) throw Malformed($"<line hits=\"{count}\"> is negative", info);
        var (covered, total) = IsTrue(branch) ? Conditions(conditions) : (0, 0);
        file.Record((int)line, count, covered, total);
    }

    /// <summary>
    /// An XML boolean in any letter case: coverlet writes .NET's <c>True</c>/<c>False</c>, gcovr and Cobertura itself
    /// <c>true</c>/<c>false</c>, and XML Schema also allows <c>1</c>/<c>0</c>.
    /// </summary>
    private static bool IsTrue(string? text) => text == "1" || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);

    private static long Number(string? text, string name, IXmlLineInfo info)
    {
        if (text is null) throw Malformed($"<line> has no {name} attribute", info);
        // Hit counts beyond long (some tools print doubles like 1.0E10) saturate rather than fail.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d == Math.Floor(d))
            return d >= long.MaxValue ? long.MaxValue : (long)d;
        throw Malformed($"<line {name}=\"{text}\"> is not a whole number", info);
    }

    private static ReportContentException Malformed(string problem, IXmlLineInfo info) => new(QualityCodes.ReportMalformed, problem, info.LineNumber);

    /// <summary>"50% (1/2)" → (1, 2); anything unparsable counts as no branch data rather than a guess.</summary>
    private static (int Covered, int Total) Conditions(string? text)
    {
        if (text is null) return (0, 0);
        var open = text.IndexOf('(');
        var slash = text.IndexOf('/', open + 1);
        var close = text.IndexOf(')', slash + 1);
        if (open < 0 || slash < 0 || close < 0) return (0, 0);
        return int.TryParse(text.AsSpan(open + 1, slash - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var covered)
            && int.TryParse(text.AsSpan(slash + 1, close - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? (Math.Min(covered, total), total)
            : (0, 0);
    }

    /// <summary>A relative filename under each source root, then the filename alone; an absolute one stands for itself.</summary>
    private static IReadOnlyList<string> Candidates(string filename, List<string> sources)
    {
        if (ReportPath.IsAbsolute(filename) || sources.Count == 0) return [filename];
        return [.. sources.Select(s => s.TrimEnd('/', '\\') + "/" + filename), filename];
    }

    /// <summary>The element and attribute names the reader compares, atomized once in the reader's name table.</summary>
    private sealed class CoberturaNames(XmlNameTable table)
    {
        public string Source { get; } = table.Add("source");
        public string Class { get; } = table.Add("class");
        public string Methods { get; } = table.Add("methods");
        public string Line { get; } = table.Add("line");
        public string Number { get; } = table.Add("number");
        public string Hits { get; } = table.Add("hits");
        public string Branch { get; } = table.Add("branch");
        public string ConditionCoverage { get; } = table.Add("condition-coverage");
    }
}
