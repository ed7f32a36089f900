using GateKit.Evidence;

namespace GateKit.Tests.Evidence;

/// <summary>NFC against vectors computed with Python's unicodedata.normalize('NFC', …).</summary>
public sealed class UnicodeNfcTests
{
    [Theory]
    [InlineData("Cafe\u0301", "Caf\u00e9")]
    [InlineData("e\u0301\u0323", "\u1eb9\u0301")]
    [InlineData("e\u0323\u0301", "\u1eb9\u0301")]
    [InlineData("\u1100\u1161\u11a8", "\uac01")]
    [InlineData("\u0958", "\u0915\u093c")]
    [InlineData("\u212b", "\u00c5")]
    [InlineData("A\u030a\u0301", "\u01fa")]
    [InlineData("\u00c5", "\u00c5")]
    [InlineData("a\u0327\u0301b", "\u00e1\u0327b")]
    [InlineData("A\u0308\u0304", "\u01de")]
    [InlineData("\u1e9b\u0323", "\u1e9b\u0323")]
    [InlineData("\uff8a\uff9f", "\uff8a\uff9f")]
    [InlineData("\U0001d15e", "\U0001d157\U0001d165")]
    [InlineData("\u0f73x", "\u0f71\u0f72x")]
    [InlineData("o\u0328\u0304", "\u01ed")]
    [InlineData("\u0627\u0653", "\u0622")]
    [InlineData("plain/ascii.txt", "plain/ascii.txt")]
    [InlineData("", "")]
    public void Normalizes_to_NFC(string input, string expected)
    {
        Assert.Equal(expected, UnicodeNfc.Normalize(input));
        Assert.True(UnicodeNfc.IsNormalized(expected));
        Assert.Equal(input == expected, UnicodeNfc.IsNormalized(input));
    }
}
