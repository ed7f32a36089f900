using System.Globalization;
using GateKit.Gates.Quality.Standard;

namespace GateKit.Gates.Quality.Coverage;

/// <summary>
/// Reads an lcov tracefile (coverlet <c>Format=lcov</c>, genhtml's input, most JS and Rust tools) line by line:
/// <c>SF:path</c> opens a file, <c>DA:line,hits[,checksum]</c> records a line, <c>BRDA:line,block,branch,taken</c>
/// a branch outcome (<c>-</c>: never reached), <c>end_of_record</c> closes the file. Other records (TN, FN, FNDA, LF, LH,
/// BRF, BRH, VER…) are summaries this reader recomputes, so they are skipped. A file left open at the end is a
/// truncated report.
/// </summary>
public static class LcovReader
{
    /// <exception cref="ReportContentException">not lcov (wrong format), a record out of place or malformed, or a truncated last file.</exception>
    public static CoverageReport Read(Stream stream, CancellationToken cancellationToken = default)
    {
        using var text = new StreamReader(stream, leaveOpen: true);
        var report = new CoverageReport();
        FileCoverage? current = null;
        var currentLine = 0;
        Dictionary<int, (int Covered, int Total)>? branches = null;
        var lineNumber = 0;
        var sawRecord = false;
        while (text.ReadLine() is { } raw)
        {
            lineNumber++;
            if (lineNumber % 65536 == 0) cancellationToken.ThrowIfCancellationRequested();
            var line = raw.AsSpan().Trim();
            if (line.IsEmpty) continue;
            if (line.SequenceEqual("end_of_record"))
            {
                if (current is null) throw Malformed("end_of_record without an SF record", lineNumber);
                Flush(current, branches);
                current = null;
                branches = null;
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsTag(line[..colon]))
                throw sawRecord
                    ? Malformed($"'{Shorten(raw)}' is not an lcov record", lineNumber)
                    : new ReportContentException(QualityCodes.ReportWrongFormat, "not an lcov tracefile: the first line is not a TAG:value record", lineNumber);
            sawRecord = true;
            var tag = line[..colon];
            var value = line[(colon + 1)..];
            if (tag.SequenceEqual("SF"))
            {
                if (current is not null) throw Malformed("SF before the previous file's end_of_record", lineNumber);
                if (value.IsEmpty) throw Malformed("SF with no path", lineNumber);
                current = report.File(value.ToString(), name => [name]);
                currentLine = lineNumber;
            }
            else if (tag.SequenceEqual("DA"))
            {
                if (current is null) throw Malformed("DA outside a file (no SF before it)", lineNumber);
                var fields = Fields(value, 2, lineNumber, "DA:line,hits");
                current.Record(LineNumber(fields[0], lineNumber), Count(fields[1], lineNumber), 0, 0);
            }
            else if (tag.SequenceEqual("BRDA"))
            {
                if (current is null) throw Malformed("BRDA outside a file (no SF before it)", lineNumber);
                var fields = Fields(value, 4, lineNumber, "BRDA:line,block,branch,taken");
                var at = LineNumber(fields[0], lineNumber);
                var taken = fields[3] == "-" ? 0 : Count(fields[3], lineNumber);
                branches ??= [];
                var (covered, total) = branches.GetValueOrDefault(at);
                branches[at] = (covered + (taken > 0 ? 1 : 0), total + 1);
            }
        }
        if (current is not null) throw Malformed($"truncated: the file opened by SF at line {currentLine} has no end_of_record", lineNumber);
        if (!sawRecord) throw Malformed("empty: no lcov records", Math.Max(lineNumber, 1));
        return report;
    }

    private static void Flush(FileCoverage file, Dictionary<int, (int Covered, int Total)>? branches)
    {
        if (branches is null) return;
        // A branch on a line without a DA record still makes the line coverable: its hit is whether any branch ran.
        // With a DA record, its hit count stands (recording 0 hits keeps the larger one).
        foreach (var (line, (covered, total)) in branches)
            file.Record(line, file.State(line) == LineState.NotCoverable && covered > 0 ? 1 : 0, covered, total);
    }

    private static bool IsTag(ReadOnlySpan<char> tag)
    {
        foreach (var c in tag) if (!char.IsAsciiLetterUpper(c)) return false;
        return true;
    }

    private static string[] Fields(ReadOnlySpan<char> value, int min, int lineNumber, string shape)
    {
        var fields = value.ToString().Split(',');
        if (fields.Length < min) throw Malformed($"expected {shape}, found '{value}'", lineNumber);
        return fields;
    }

    private static int LineNumber(string text, int lineNumber) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= FileCoverage.MaxLine
            ? n
            : throw Malformed($"'{text}' is not a line number (1..{FileCoverage.MaxLine})", lineNumber);

    private static long Count(string text, int lineNumber)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        // Counts beyond long saturate; a negative or non-numeric count is malformed.
        if (text.Length > 0 && text.All(char.IsAsciiDigit)) return long.MaxValue;
        throw Malformed($"'{text}' is not an execution count", lineNumber);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static ReportContentException Malformed(string problem, int lineNumber) => new(QualityCodes.ReportMalformed, problem, lineNumber);
}
