namespace GateKit.GitHub;

/// <summary>
/// Removes the token from any text GateKit is about to print or store: an API error message can echo
/// request headers or the token itself, and nothing that leaves the process may carry it.
/// </summary>
public sealed class SecretRedactor(string? secret)
{
    public const string Mask = "***";

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (string.IsNullOrEmpty(secret) || secret.Length < 4) return text;
        return text.Replace(secret, Mask, StringComparison.Ordinal);
    }
}
