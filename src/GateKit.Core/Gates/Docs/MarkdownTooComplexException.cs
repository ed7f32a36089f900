namespace GateKit.Gates.Docs;

/// <summary>
/// A Markdown file whose link destinations would take the parser more than <see cref="LinkScanBudget.MaxSteps"/>
/// character steps to read (<see cref="LinkScanBudget"/>); <see cref="Line"/> (1-based) is where the budget ran out.
/// It is reported, not parsed.
/// </summary>
public sealed class MarkdownTooComplexException(int line)
    : Exception($"Markdown link destinations exceed {LinkScanBudget.MaxSteps:N0} parser steps at line {line}")
{
    public int Line { get; } = line;
}
