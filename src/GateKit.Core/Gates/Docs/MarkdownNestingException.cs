namespace GateKit.Gates.Docs;

/// <summary>A Markdown file nests its containers deeper than the parser's limit (<see cref="Limit"/> levels); it is reported, not parsed.</summary>
public sealed class MarkdownNestingException(int limit, Exception inner)
    : Exception($"Markdown nested deeper than {limit} levels", inner)
{
    public int Limit { get; } = limit;
}
