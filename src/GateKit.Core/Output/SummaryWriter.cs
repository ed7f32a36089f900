using System.Text;

namespace GateKit.Output;

/// <summary>
/// Builds summary.md as sections: lines joined with '\n' whatever the platform (StringBuilder.AppendLine would
/// not); what came from an input is escaped by the caller (<see cref="MarkdownText"/>).
/// </summary>
public sealed class SummaryWriter
{
    private readonly StringBuilder text = new();
    private readonly List<SummarySection> sections = [];
    private (SummarySectionKind Kind, string Title) current = (SummarySectionKind.Banner, "");

    /// <summary>Ends the section being written and starts the next, with its "### " heading.</summary>
    public void Section(SummarySectionKind kind, string title)
    {
        End();
        current = (kind, title);
        Line("### " + title);
    }

    /// <summary>The sections written, the last one ended.</summary>
    public IReadOnlyList<SummarySection> Sections()
    {
        End();
        return sections;
    }

    public void Line(string line) => text.Append(line).Append('\n');

    public void Blank() => text.Append('\n');

    public void Row(params string[] cells) => Line("| " + string.Join(" | ", cells) + " |");

    private void End()
    {
        if (text.Length > 0) sections.Add(new SummarySection(current.Kind, current.Title, text.ToString()));
        text.Clear();
    }
}
