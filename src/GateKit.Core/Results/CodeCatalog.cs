using System.Text;
using GateKit.Engine;
using GateKit.Evidence;
using GateKit.Gates.Docs;
using GateKit.Gates.Promotion;
using GateKit.Gates.Quality;
using GateKit.Gates.Release;

namespace GateKit.Results;

/// <summary>
/// Every finding and reason code GateKit can emit, built from the <c>Docs</c> list beside each codes class
/// (no second hand-kept list). One code may be raised by several gates (path_outside_root,
/// nothing_evaluated): it then has one entry per source. Renders <c>gatekit explain</c> and docs/codes.md.
/// </summary>
public static class CodeCatalog
{
    /// <summary>The path of the generated catalogue, relative to the repository root.</summary>
    public const string DocumentPath = "docs/codes.md";

    /// <summary>Every entry, by code (ordinal) and then by source in gate order.</summary>
    public static IReadOnlyList<CodeDoc> All { get; } =
        new[] { RunCodes.Docs, WaiverCodes.Docs, DocsCodes.Docs, ReleaseCodes.Docs, QualityCodes.Docs, PromotionCodes.Docs, EvidenceCodes.Docs, Merge.MergeCodes.Docs }
            .SelectMany((docs, order) => docs.Select(d => (Doc: d, Order: order)))
            .OrderBy(e => e.Doc.Code, StringComparer.Ordinal).ThenBy(e => e.Order)
            .Select(e => e.Doc).ToList();

    /// <summary>The distinct codes, sorted ordinally.</summary>
    public static IReadOnlyList<string> Codes { get; } = All.Select(d => d.Code).Distinct().ToList();

    /// <summary>The entries of one code (case-insensitive; '-' reads as '_'), empty when unknown.</summary>
    public static IReadOnlyList<CodeDoc> Find(string code)
    {
        var normal = Normalize(code);
        return All.Where(d => d.Code == normal).ToList();
    }

    /// <summary>
    /// Up to <paramref name="count"/> known codes nearest to an unknown one: codes containing it or contained
    /// in it first, then by edit distance (at most a third of the code's length). Over-long input matches nothing.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string code, int count = 3)
    {
        var normal = Normalize(code);
        if (normal.Length == 0 || normal.Length > MaxSuggestLength) return [];
        return Codes
            .Select(c => (Code: c, Distance: c.Contains(normal, StringComparison.Ordinal) || normal.Contains(c, StringComparison.Ordinal) ? 0 : EditDistance(normal, c)))
            .Where(c => c.Distance <= Math.Max(2, c.Code.Length / 3))
            .OrderBy(c => c.Distance).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Take(count).Select(c => c.Code).ToList();
    }

    /// <summary>One code's explanation as Markdown: per source its meaning, default priority, fix and a waiver example.</summary>
    public static string Section(string code)
    {
        var entries = Find(code);
        var text = new StringBuilder().Append("## `").Append(Normalize(code)).Append("`\n");
        foreach (var d in entries)
        {
            text.Append('\n');
            if (entries.Count > 1) text.Append("### ").Append(d.Source).Append("\n\n");
            text.Append("- Raised by: ").Append(d.Source).Append('\n');
            text.Append("- Default priority: ").Append(d.Priority).Append('\n');
            text.Append("- Meaning: ").Append(d.Meaning).Append('\n');
            text.Append("- Fix: ").Append(d.Fix).Append('\n');
            if (!d.Waivable)
            {
                text.Append("- Waiver: none can cover it.\n");
                continue;
            }
            text.Append("- Waiver (in gatekit.json `waivers`")
                .Append(d.Priority.Contains("P0", StringComparison.Ordinal) ? "; a P0 finding needs `approvalRef`" : "")
                .Append("):\n\n  ```json\n  ").Append(WaiverExample(d)).Append("\n  ```\n");
        }
        return text.ToString();
    }

    /// <summary>The whole catalogue as docs/codes.md; a test holds the committed file equal to it.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder()
            .Append("# Finding codes\n\n")
            .Append("Generated from the code catalogue (`CodeCatalog`); do not edit by hand. `gatekit explain CODE` prints one entry.\n")
            .Append("Priorities: P0 fails the gate, P1 makes it partial (a warning), P2 is a note.\n\n");
        foreach (var code in Codes) text.Append("- [`").Append(code).Append("`](#").Append(code).Append(")\n");
        foreach (var code in Codes) text.Append('\n').Append(Section(code));
        return text.ToString();
    }

    private static string WaiverExample(CodeDoc d) =>
        $"{{ \"id\": \"WV-1\", \"gate\": \"{d.Source}\", \"code\": \"{d.Code}\", \"owner\": \"your-team\", \"reason\": \"why it is accepted for now\""
        + (d.Priority.Contains("P0", StringComparison.Ordinal) ? ", \"approvalRef\": \"CHG-1234\"" : "")
        + ", \"expires\": \"2027-06-30\" }";

    private const int MaxSuggestLength = 200;

    private static string Normalize(string code) => code.Trim().ToLowerInvariant().Replace('-', '_');

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
