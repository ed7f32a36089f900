using System.Globalization;
using System.Text.RegularExpressions;

namespace GateKit.Gates.Promotion;

/// <summary>
/// ISO-8601 date-times as the promotion gate accepts them: a full date and time with an explicit
/// offset (Z or ±hh:mm). A time without an offset is refused: its instant depends on the machine.
/// </summary>
public static partial class IsoTime
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static bool HasOffset(ReadOnlySpan<byte> utf8) =>
        utf8.Length > 0 && (utf8[^1] is (byte)'Z' or (byte)'z'
            || (utf8.Length >= 6 && utf8[^6] is (byte)'+' or (byte)'-' && utf8[^3] == (byte)':'));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Pattern();
}
