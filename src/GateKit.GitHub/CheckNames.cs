using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GateKit.GitHub;

/// <summary>
/// Who publishes: the configured base name and the workflow, job and matrix leg of this job. Two jobs,
/// two matrix legs or two workflows (GITHUB_WORKFLOW) on one commit have different identities, so they
/// never update each other's check runs or sticky comments: the most reported bug of the reporters
/// GateKit replaces.
/// </summary>
/// <param name="BaseName">The configured check name (default "gatekit").</param>
/// <param name="Workflow">GITHUB_WORKFLOW, the workflow's name.</param>
/// <param name="Job">GITHUB_JOB, the job's id.</param>
/// <param name="Matrix">The job's matrix as JSON (the action passes <c>toJSON(matrix)</c>); null or "null" when there is none.</param>
public sealed record CheckIdentity(string BaseName, string? Workflow, string? Job, string? Matrix)
{
    /// <summary>The check run name for one gate, or for the whole run when <paramref name="gate"/> is null.</summary>
    public string NameFor(string? gate) => CheckNames.For(BaseName, gate, Job, Matrix, Workflow);

    /// <summary>
    /// The hidden first line of the sticky comment. Each part is percent-encoded on its own (':' included)
    /// before they are joined with ':', so two different identities never give the same marker, whatever
    /// their names hold; and no part can close the HTML comment ('>' is encoded). The workflow and job are
    /// trimmed (GitHub trims them); matrix values are not (" " and no value are different legs), and each is
    /// encoded before they are joined with %1F, its own U+001F written %u001F, so no list of values reads as another.
    /// </summary>
    public string CommentMarker =>
        "<!-- gatekit:sticky:" + string.Join(':', new[] { Base(BaseName), Workflow?.Trim() ?? "", Job?.Trim() ?? "" }.Select(Uri.EscapeDataString)
            .Append(string.Join("%1F", CheckNames.MatrixValues(Matrix).Select(v => Uri.EscapeDataString(v).Replace("%1F", "%u001F", StringComparison.Ordinal))))) + " -->";

    internal static string Base(string baseName) => string.IsNullOrWhiteSpace(baseName) ? "gatekit" : baseName.Trim();
}

/// <summary>
/// Check run names that carry the workflow, job and matrix identity ("gatekit / quality (ci / test,
/// ubuntu-latest, 8)"); see <see cref="CheckIdentity"/>.
/// </summary>
public static class CheckNames
{
    /// <param name="baseName">The configured check name (default "gatekit").</param>
    /// <param name="gate">The gate, for one check per gate; null for one check per run.</param>
    /// <param name="job">GITHUB_JOB.</param>
    /// <param name="matrixJson">The job's matrix as JSON; null or "null" when there is none.</param>
    /// <param name="workflow">GITHUB_WORKFLOW; null when unknown.</param>
    public static string For(string baseName, string? gate, string? job, string? matrixJson, string? workflow = null)
    {
        var name = CheckIdentity.Base(baseName);
        if (!string.IsNullOrEmpty(gate)) name += " / " + gate;
        var identity = new List<string>();
        var origin = string.Join(" / ", new[] { workflow, job }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        if (origin.Length > 0) identity.Add(origin);
        identity.AddRange(MatrixValues(matrixJson));
        if (identity.Count > 0) name += " (" + string.Join(", ", identity) + ")";
        name = Flatten(name);
        if (name.Length <= GitHubLimits.TitleChars) return name;
        // Cut to GitHub's limit, but keep long names that differ only at the end apart: a digest of the whole name ends it.
        var digest = " #" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return GitHubLimits.TruncateChars(name, GitHubLimits.TitleChars - digest.Length) + digest;
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
