using GateKit.Config;
using GateKit.Results;

namespace GateKit.Output.Reports;

/// <summary>One requested report: which writer, and the file it goes to.</summary>
public sealed record ReportRequest(IReportWriter Writer, string Path);

/// <summary>The report formats by name, and the parsing of <c>--report FORMAT=PATH</c>.</summary>
public static class ReportWriters
{
    private static readonly IReportWriter[] All = [new SarifReport(), new JUnitReport(), new CodeQualityReport()];

    /// <summary>The format names, in the order they are documented: sarif, junit, codequality.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToArray();

    /// <summary>The writer for a format name (case-insensitive), or null.</summary>
    public static IReportWriter? Find(string name) => All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <c>FORMAT=PATH</c>; a malformed value or an unknown format is a <see cref="UsageException"/> naming it.</summary>
    public static ReportRequest Parse(string value)
    {
        var equals = value.IndexOf('=');
        if (equals <= 0 || equals == value.Length - 1)
            throw new RequestException(RequestText.Of($"{RequestInput.Report}: expected FORMAT=PATH, got '{ReportText.Clean(value)}'"));
        var name = value[..equals].Trim();
        var writer = Find(name)
            ?? throw new RequestException(RequestText.Of($"{RequestInput.Report}: unknown format '{ReportText.Clean(name)}' in '{ReportText.Clean(value)}' (known: {string.Join(", ", Names)})"));
        return new ReportRequest(writer, value[(equals + 1)..]);
    }

    /// <summary>Writes each report atomically (see <see cref="AtomicFile"/>) and returns the full paths written, in order.</summary>
    public static IReadOnlyList<string> WriteAll(RunResult result, IEnumerable<ReportRequest> requests)
    {
        var written = new List<string>();
        foreach (var request in requests)
        {
            var path = System.IO.Path.GetFullPath(request.Path);
            AtomicFile.Write(path, request.Writer.Write(result));
            written.Add(path);
        }
        return written;
    }
}
