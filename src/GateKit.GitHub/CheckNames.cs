using System.Text.Json;

namespace GateKit.GitHub;

/// <summary>
/// Check run names that carry the job and matrix identity ("gatekit / quality (test, ubuntu-latest, 8)"),
/// so that two jobs, two matrix legs or two workflows on one commit never update each other's checks:
/// the most reported bug of the reporters GateKit replaces.
/// </summary>
public static class CheckNames
{
    /// <param name="baseName">The configured check name (default "gatekit").</param>
    /// <param name="gate">The gate, for one check per gate; null for one check per run.</param>
    /// <param name="job">GITHUB_JOB.</param>
    /// <param name="matrixJson">The job's matrix as JSON (the action passes <c>toJSON(matrix)</c>); null or "null" when there is none.</param>
    public static string For(string baseName, string? gate, string? job, string? matrixJson)
    {
        var name = string.IsNullOrWhiteSpace(baseName) ? "gatekit" : baseName.Trim();
        if (!string.IsNullOrEmpty(gate)) name += " / " + gate;
        var identity = new List<string>();
        if (!string.IsNullOrWhiteSpace(job)) identity.Add(job.Trim());
        identity.AddRange(MatrixValues(matrixJson));
        if (identity.Count > 0) name += " (" + string.Join(", ", identity) + ")";
        return GitHubLimits.TruncateChars(Flatten(name), GitHubLimits.TitleChars);
    }

    /// <summary>The matrix values in their declared order; nested values as compact JSON.</summary>
    public static IReadOnlyList<string> MatrixValues(string? matrixJson)
    {
        if (string.IsNullOrWhiteSpace(matrixJson)) return [];
        try
        {
            using var doc = JsonDocument.Parse(matrixJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
            return doc.RootElement.EnumerateObject()
                .Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
                .Where(v => v.Length > 0)
                .ToList();
        }
        catch (JsonException)
        {
            // Not JSON: a plain identity string given by hand.
            return [matrixJson.Trim()];
        }
    }

    private static string Flatten(string s) => string.Concat(s.Select(c => char.IsControl(c) ? ' ' : c));
}
