using System.Text.RegularExpressions;

namespace GateKit.Evidence;

/// <summary>Pack ids name a folder: a letter or digit, then letters, digits, '_', '.' or '-'.</summary>
public static partial class EvidenceIds
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";

    public static bool IsValid(string id) => IdRegex().IsMatch(id) && id.Length <= 200;

    [GeneratedRegex(Pattern)]
    private static partial Regex IdRegex();
}
