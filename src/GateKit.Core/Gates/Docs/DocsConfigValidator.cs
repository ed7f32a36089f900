namespace GateKit.Gates.Docs;

/// <summary>The docs gate's rules that the JSON Schema cannot express: known codes, valid regexes, roots inside the repository.</summary>
public static class DocsConfigValidator
{
    public static void Validate(DocsConfig docs, Action<string, string> add)
    {
        const string at = "$.gates.docs";
        if (docs.Roots.Count == 0) add($"{at}.roots", "declares no root");
        for (var i = 0; i < docs.Roots.Count; i++)
        {
            var path = docs.Roots[i].Path.Replace('\\', '/');
            if (string.IsNullOrWhiteSpace(path)) add($"{at}.roots[{i}].path", "must not be empty");
            else if (Path.IsPathRooted(path) || path.Split('/').Contains("..")) add($"{at}.roots[{i}].path", $"'{path}' must be a relative folder inside the repository");
        }
        if (docs.Include.Count == 0) add($"{at}.include", "declares no glob");
        for (var i = 0; i < docs.Ignore.Count; i++)
        {
            var rule = docs.Ignore[i];
            if (rule.Target is null && rule.File is null) add($"{at}.ignore[{i}]", "needs a target pattern, a file glob or both");
            if (rule.Target is { } pattern && IgnorePattern.Problem(pattern) is { } problem) add($"{at}.ignore[{i}].target", problem);
        }
        foreach (var code in docs.Severity.Keys)
            if (!DocsCodes.Defaults.ContainsKey(code))
                add($"{at}.severity.{code}", $"unknown finding code '{code}'; known: {string.Join(", ", DocsCodes.Defaults.Keys)}");
        if (docs.MaxFileBytes < 1) add($"{at}.maxFileBytes", "must be at least 1");
        if (docs.PartialAt < 1) add($"{at}.partialAt", "must be at least 1");
        if (docs.P2WarnAt < 0) add($"{at}.p2WarnAt", "must not be negative");
    }
}
