using System.Text;

namespace GateKit.Output;

/// <summary>
/// Builds summary.md: lines joined with '\n' whatever the platform (StringBuilder.AppendLine would not); what
/// came from an input is escaped by the caller (<see cref="MarkdownText"/>).
/// </summary>
public sealed class SummaryWriter
{
    private readonly StringBuilder text = new();

    public void Line(string line) => text.Append(line).Append('\n');

    public void Blank() => text.Append('\n');

    public void Row(params string[] cells) => Line("| " + string.Join(" | ", cells) + " |");

    public override string ToString() => text.ToString();
}
