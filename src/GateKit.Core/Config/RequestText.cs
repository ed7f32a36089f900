using System.Runtime.CompilerServices;
using System.Text;

namespace GateKit.Config;

/// <summary>
/// A message about the values of a request that leaves the name of each value to the host: text, with
/// <see cref="RequestInput"/> references where a host's flag, property or input name goes. Written as an
/// interpolated string, <c>$"{RequestInput.Tag} must not be empty"</c>: a <see cref="RequestInput"/> hole is a
/// name, every other hole is formatted text.
/// </summary>
public sealed class RequestText
{
    private readonly IReadOnlyList<object> parts;

    private RequestText(IReadOnlyList<object> parts) => this.parts = parts;

    public static RequestText Of(Builder text) => new(text.Parts);

    /// <summary>Every input the message names, in order of first mention.</summary>
    public IReadOnlyList<RequestInput> Inputs => parts.OfType<RequestInput>().Distinct().ToList();

    /// <summary>The message with each input named by <paramref name="name"/> (the host's own spelling).</summary>
    public string Word(Func<RequestInput, string> name)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part is RequestInput input ? name(input) : (string)part);
        return text.ToString();
    }

    /// <summary>Core's own wording, for a host that does not word it: each input as lower-case words ("review by").</summary>
    public override string ToString() => Word(Describe);

    /// <summary>"ReviewBy" → "review by".</summary>
    public static string Describe(RequestInput input)
    {
        var name = input.ToString();
        var words = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }
        return words.ToString();
    }

    [InterpolatedStringHandler]
    public readonly struct Builder
    {
        internal List<object> Parts { get; }

        public Builder(int literalLength, int formattedCount) => Parts = new List<object>(formattedCount * 2 + 1);

        public void AppendLiteral(string value) => Parts.Add(value);

        public void AppendFormatted(RequestInput input) => Parts.Add(input);

        /// <summary>A message inside a message keeps its names for the host.</summary>
        public void AppendFormatted(RequestText text) => Parts.AddRange(text.parts);

        public void AppendFormatted<T>(T value) => Parts.Add(value?.ToString() ?? "");
    }
}
