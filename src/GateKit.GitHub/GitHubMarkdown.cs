using GateKit.Output;
using GateKit.Results;

namespace GateKit.GitHub;

/// <summary>
/// summary.md as GitHub's pages show it (check run summary and text, PR comment, step summary): input
/// files link to the file at the commit, and every table cell that comes from a finding is cut to
/// <see cref="MaxCellChars"/> first, so that one huge message cannot push every row of the findings
/// table past the size limit (the trimmer then keeps the rows that fit). result.json keeps the whole text.
/// </summary>
public static class GitHubMarkdown
{
    /// <summary>Characters kept of a finding's message, code, path or waiver field in a table cell.</summary>
    public const int MaxCellChars = 500;

    /// <summary>The summary's sections (see <see cref="MarkdownSummary.Sections"/>), for <see cref="MarkdownTrimmer"/> to fit.</summary>
    /// <param name="inputLinkBase">Absolute URL of the run root at the commit (see <see cref="GitHubLayout.LinkBase"/>); null for plain paths.</param>
    public static IReadOnlyList<SummarySection> Sections(RunResult result, string? inputLinkBase, int maxFindings = 50) =>
        MarkdownSummary.Sections(BoundCells(result), new SummaryOptions(maxFindings, inputLinkBase));

    /// <summary>The result with every finding's table cells cut to <see cref="MaxCellChars"/> (with an ellipsis).</summary>
    public static RunResult BoundCells(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        static string Cut(string s) => GitHubLimits.TruncateChars(s, MaxCellChars);
        return result with
        {
            Gates = result.Gates.Select(g => g with
            {
                Findings = g.Findings.Select(f => f with
                {
                    Code = Cut(f.Code),
                    Message = Cut(f.Message),
                    Location = f.Location is { } at ? at with { File = Cut(at.File) } : null,
                    Waiver = f.Waiver is { } w ? w with { Id = Cut(w.Id), Owner = Cut(w.Owner), Reason = Cut(w.Reason) } : null,
                }).ToList(),
            }).ToList(),
        };
    }
}
