using System.Globalization;

namespace GateKit.Inputs;

/// <summary>Input text (a property name, a path, a git base, a pattern) as a message quotes it: cut, so that an input cannot make its own error huge.</summary>
public static class QuotedInput
{
    /// <summary>Characters of an input a message quotes at most.</summary>
    public const int MaxChars = 64;

    /// <summary><paramref name="text"/>, or its first <see cref="MaxChars"/> characters and how long it was.</summary>
    public static string Of(string text) =>
        text.Length <= MaxChars ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..MaxChars]}… ({text.Length:N0} characters)");
}
