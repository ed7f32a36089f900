using System.Globalization;
using System.Text;

namespace GateKit.Gates.Docs;

/// <summary>
/// Turns heading text into the anchor id a renderer gives it, one instance per document (duplicates
/// are numbered in document order). The rules, per dialect (tests: SlugGeneratorTests):
/// <list type="bullet">
/// <item><b>github</b> — html-pipeline's TableOfContentsFilter as mirrored by github-slugger: lowercase;
/// remove every character that is not a word character (Ruby <c>\p{Word}</c>: letters, marks, decimal
/// digits, connector punctuation), a hyphen or a space (<c>/[^\p{Word}\- ]/u</c>); each space becomes one
/// hyphen (runs are NOT collapsed, leading/trailing ones are kept); emoji are symbols and vanish
/// ("😄 emoji" → "-emoji"), a variation selector is a mark and stays. A repeated slug gets "-1", "-2", …
/// (the first free one, github-slugger's loop).</item>
/// <item><b>gitlab</b> — GitLab's Gitlab::Utils::Markdown#string_to_anchor ("Heading IDs and links"): strip, lowercase,
/// remove non-word characters except hyphens and spaces, spaces to hyphens, then squeeze runs of
/// hyphens to one; an id of digits only is prefixed "anchor-"; duplicates "-1", "-2", ….</item>
/// <item><b>mkdocs</b> — Python-Markdown <c>toc</c> <c>slugify</c> (unicode=False): NFKD-normalize (tabled in AsciiFolding), drop
/// non-ASCII, remove <c>[^\w\s-]</c>, strip, lowercase, runs of <c>[-\s]</c> to one "-"; duplicates get
/// "_1", "_2", … (toc's <c>unique</c>), and an empty id becomes "_1". An explicit <c>{#id}</c> attribute
/// (attr_list) wins over the text.</item>
/// </list>
/// </summary>
public sealed class SlugGenerator(SlugDialect dialect)
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public SlugDialect Dialect => dialect;

    /// <summary>The slug of the next heading in the document, made unique against the earlier ones.</summary>
    public string Next(string headingText) => Unique(Slug(dialect, headingText));

    /// <summary>Records an explicit id (an attribute or HTML id) so that later headings avoid it as the renderer does.</summary>
    public void Reserve(string id) => used.Add(id);

    public static string Slug(SlugDialect dialect, string text) => dialect switch
    {
        SlugDialect.GitLab => GitLab(text),
        SlugDialect.MkDocs => MkDocs(text),
        _ => GitHub(text),
    };

    private string Unique(string slug)
    {
        if (dialect == SlugDialect.MkDocs)
        {
            var id = slug;
            for (var n = 1; id.Length == 0 || used.Contains(id); n++) id = $"{slug}_{n}";
            used.Add(id);
            return id;
        }
        var candidate = slug;
        for (var n = 1; used.Contains(candidate); n++) candidate = $"{slug}-{n}";
        used.Add(candidate);
        return candidate;
    }

    private static string GitHub(string text)
    {
        var o = new StringBuilder(text.Length);
        foreach (var rune in text.ToLowerInvariant().EnumerateRunes())
        {
            if (rune.Value == ' ') o.Append('-');
            else if (rune.Value == '-' || IsRubyWord(rune)) o.Append(rune.ToString());
        }
        return o.ToString();
    }

    private static string GitLab(string text)
    {
        var o = new StringBuilder(text.Length);
        foreach (var rune in text.Trim().ToLowerInvariant().EnumerateRunes())
        {
            if (rune.Value is ' ' or '-')
            {
                if (o.Length == 0 || o[^1] != '-') o.Append('-');
            }
            else if (IsRubyWord(rune)) o.Append(rune.ToString());
        }
        var id = o.ToString();
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? "anchor-" + id : id;
    }

    private static string MkDocs(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < 128) ascii.Append(c);
            else if (AsciiFolding.Fold(c) is { } folded) ascii.Append(folded);
        }
        var kept = new StringBuilder(ascii.Length);
        foreach (var c in ascii.ToString())
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || IsPythonSpace(c)) kept.Append(c);
        var trimmed = kept.ToString().Trim(' ', '\t', '\n', '\r', '\f', '\v').ToLowerInvariant();
        var o = new StringBuilder(trimmed.Length);
        var inRun = false;
        foreach (var c in trimmed)
        {
            if (c == '-' || IsPythonSpace(c))
            {
                if (!inRun) o.Append('-');
                inRun = true;
            }
            else
            {
                o.Append(c);
                inRun = false;
            }
        }
        return o.ToString();
    }

    private static bool IsPythonSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>Ruby's \p{Word}: Letter, Mark, Decimal_Number, Connector_Punctuation.</summary>
    private static bool IsRubyWord(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber => true,
        UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };
}
