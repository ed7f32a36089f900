using System.Globalization;

namespace GateKit.Output;

/// <summary>
/// How many rows a table of summary.md or report.html lists (thresholds and trends per gate, input files)
/// before the rest is counted in one line; result.json holds every row. Findings have their own, smaller
/// limits (<see cref="SummaryOptions.MaxFindings"/>, <see cref="HtmlReportOptions.MaxFindings"/>). Why: the
/// tables grew with the config (a row, and in report.html a chart, per condition), and a run of 1,000,000
/// conditions ran out of memory building report.html — a string over 2 GB.
/// </summary>
public static class TableLimit
{
    /// <summary>Rows listed per table.</summary>
    public const int MaxRows = 1000;

    /// <summary>The line after a table cut at <see cref="MaxRows"/>: "… and 5 more thresholds (see result.json)".</summary>
    public static string More(int hidden, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"… and {hidden} more {(hidden == 1 ? singular : plural)} (see result.json)");
}
