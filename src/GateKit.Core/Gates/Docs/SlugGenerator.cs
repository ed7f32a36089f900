using System.Globalization;
using System.Numerics;
using System.Text;

namespace GateKit.Gates.Docs;

/// <summary>
/// Turns heading text into the anchor id a renderer gives it, one instance per document (duplicates
/// are numbered in document order, each in constant time: a document of 100,000 equal headings is
/// linear). The rules, per dialect (tests: SlugGeneratorTests, GitHubSluggerOracleTests):
/// <list type="bullet">
/// <item><b>github</b> — html-pipeline's TableOfContentsFilter as mirrored by github-slugger 2.0 (the oracle):
/// lowercase with JavaScript's full case mapping ("İ" → "i̇", a word-final "Σ" → "ς"); keep letters, marks,
/// decimal and letter numbers ("Ⅱ"), connector punctuation, the alphabetic symbols Ⓐ-ⓩ, 🄰-🅉, 🅐-🅩,
/// 🅰-🆉 (Ruby's <c>\p{Word}</c> is alphabetic, so these count), "-" and " "; drop everything else; each
/// space becomes one hyphen (runs are NOT collapsed, leading/trailing ones are kept). Emoji are symbols
/// and vanish ("😄 emoji" → "-emoji"); a shortcode is text, so it keeps its name
/// (":arrow_left: Go" → "arrow_left-go"). A repeated slug gets "-1", "-2", … by github-slugger's loop.</item>
/// <item><b>gitlab</b> — GitLab 17.0 and later ("Heading IDs and links"): as github, after stripping
/// surrounding white space, but hyphen runs are kept ("A &amp; B" → "a--b"); an id of digits only is prefixed
/// "anchor-"; duplicates "-1", "-2", ….</item>
/// <item><b>gitlab-legacy</b> — GitLab before 17.0 (Gitlab::Utils::Markdown#string_to_anchor): as gitlab,
/// then runs of hyphens are squeezed to one ("A &amp; B" → "a-b").</item>
/// <item><b>mkdocs</b> — Python-Markdown <c>toc</c> <c>slugify</c> (unicode=False): NFKD-normalize (tabled in AsciiFolding), drop
/// non-ASCII, remove <c>[^\w\s-]</c>, strip, lowercase, runs of <c>[-\s]</c> to one "-". Duplicates follow
/// toc's <c>unique</c>: while an id is taken, a trailing "_N" is raised to "_N+1", else "_1" is appended
/// ("Step", "Step", "Step_1" → step, step_1, step_2); an empty id becomes "_1". An explicit <c>{#id}</c>
/// attribute (attr_list) wins over the text.</item>
/// </list>
/// </summary>
public sealed class SlugGenerator(SlugDialect dialect)
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    // github-slugger's occurrences: for a base slug, the last suffix it handed out.
    private readonly Dictionary<string, int> occurrences = new(StringComparer.Ordinal);

    // MkDocs: for a prefix, the largest n such that prefix_1 … prefix_n are all taken (so a walk skips them at once).
    private readonly Dictionary<string, BigInteger> takenRun = new(StringComparer.Ordinal);

    public SlugDialect Dialect => dialect;

    /// <summary>The slug of the next heading in the document, made unique against the earlier ones.</summary>
    public string Next(string headingText) => dialect == SlugDialect.MkDocs ? UniqueMkDocs(Slug(dialect, headingText)) : Unique(Slug(dialect, headingText));

    /// <summary>Records an explicit id (an attribute or HTML id) so that later headings avoid it as the renderer does.</summary>
    public void Reserve(string id) => Take(id);

    public static string Slug(SlugDialect dialect, string text) => dialect switch
    {
        SlugDialect.GitLab => GitLab(text, squeeze: false),
        SlugDialect.GitLabLegacy => GitLab(text, squeeze: true),
        SlugDialect.MkDocs => MkDocs(text),
        _ => GitHub(text),
    };

    /// <summary>github-slugger's loop: while taken, raise the base slug's counter; a candidate is then taken with its own counter at 0.</summary>
    private string Unique(string slug)
    {
        var candidate = slug;
        while (used.Contains(candidate))
        {
            var n = occurrences.GetValueOrDefault(slug) + 1;
            occurrences[slug] = n;
            candidate = $"{slug}-{n}";
        }
        Take(candidate);
        occurrences.TryAdd(candidate, 0);
        return candidate;
    }

    /// <summary>Python-Markdown toc's <c>unique</c>: <c>while id in ids or not id: id = raise_trailing_number(id)</c>.</summary>
    private string UniqueMkDocs(string slug)
    {
        var id = slug;
        while (id.Length == 0 || used.Contains(id))
        {
            var (prefix, n) = TrailingNumber(id);
            var next = n + 1;
            if (takenRun.TryGetValue(prefix, out var run) && next <= run) next = run + 1;
            id = $"{prefix}_{next.ToString(CultureInfo.InvariantCulture)}";
        }
        Take(id);
        return id;
    }

    private void Take(string id)
    {
        if (!used.Add(id) || dialect != SlugDialect.MkDocs) return;
        var (prefix, n) = TrailingNumber(id);
        var run = takenRun.GetValueOrDefault(prefix);
        if (n != run + 1) return;
        while (used.Contains($"{prefix}_{(run + 1).ToString(CultureInfo.InvariantCulture)}")) run++;
        takenRun[prefix] = run;
    }

    /// <summary>toc's <c>^(.*)_([0-9]+)$</c>: the id's prefix and trailing number (any size: Python's int), or the whole id and 0.</summary>
    private static (string Prefix, BigInteger Number) TrailingNumber(string id)
    {
        var underscore = id.LastIndexOf('_');
        if (underscore < 0 || underscore == id.Length - 1) return (id, 0);
        var digits = id.AsSpan(underscore + 1);
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return (id, 0);
        return (id[..underscore], BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static string GitHub(string text)
    {
        var o = new StringBuilder(text.Length);
        foreach (var rune in LowerCase(text).EnumerateRunes())
        {
            if (rune.Value == ' ') o.Append('-');
            else if (rune.Value == '-' || IsWord(rune)) o.Append(rune.ToString());
        }
        return o.ToString();
    }

    private static string GitLab(string text, bool squeeze)
    {
        var o = new StringBuilder(text.Length);
        foreach (var rune in LowerCase(text.Trim()).EnumerateRunes())
        {
            if (rune.Value is ' ' or '-')
            {
                if (!squeeze || o.Length == 0 || o[^1] != '-') o.Append('-');
            }
            else if (IsWord(rune)) o.Append(rune.ToString());
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

    /// <summary>
    /// JavaScript's <c>toLowerCase</c> (full case mapping, Unicode SpecialCasing): the simple mapping, except
    /// "İ" → "i̇" (the one unconditional special lowercase) and Final_Sigma: "Σ" after a cased letter (case-ignorable
    /// characters between) and not before one becomes "ς".
    /// </summary>
    private static string LowerCase(string text)
    {
        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes()) runes.Add(rune);
        var o = new StringBuilder(text.Length);
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (rune.Value == 0x0130) o.Append("i\u0307");
            else if (rune.Value == 0x03A3 && IsFinalSigma(runes, i)) o.Append('\u03C2');
            else o.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return o.ToString();
    }

    private static bool IsFinalSigma(List<Rune> runes, int at)
    {
        var before = at - 1;
        while (before >= 0 && IsCaseIgnorable(runes[before])) before--;
        if (before < 0 || !IsCased(runes[before])) return false;
        var after = at + 1;
        while (after < runes.Count && IsCaseIgnorable(runes[after])) after++;
        return after == runes.Count || !IsCased(runes[after]);
    }

    /// <summary>
    /// Unicode's Cased: Lu, Ll, Lt, and the Other_Uppercase/Other_Lowercase numbers, symbols and modifier letters (Roman
    /// numerals, circled letters, ˢ…). Modifier letters are case-ignorable too, and JavaScript skips them as such first.
    /// </summary>
    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || IsAlphabeticSymbol(rune)
        || rune.Value is (>= 0x2160 and <= 0x217F) or (>= 0x02B0 and <= 0x02B8) or 0x02C0 or 0x02C1 or (>= 0x02E0 and <= 0x02E4) or 0x0345 or 0x037A
            or (>= 0x1D2C and <= 0x1D6A) or 0x1D78 or (>= 0x1D9B and <= 0x1DBF) or 0x2071 or 0x207F or (>= 0x2090 and <= 0x209C)
            or 0x2C7C or 0x2C7D or 0xA69C or 0xA69D or 0xA770 or 0xA7F8 or 0xA7F9 or (>= 0xAB5C and <= 0xAB5F);

    /// <summary>Case_Ignorable: Mn, Me, Cf, Lm, Sk and the word-internal punctuation (Word_Break MidLetter, MidNumLet, Single_Quote).</summary>
    private static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || rune.Value is '\'' or '.' or ':' or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;

    /// <summary>Ruby's <c>\p{Word}</c> as github-slugger tables it: letters, marks, decimal and letter numbers, connector punctuation, alphabetic symbols.</summary>
    private static bool IsWord(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber => true,
        UnicodeCategory.ConnectorPunctuation => true,
        UnicodeCategory.OtherSymbol => IsAlphabeticSymbol(rune),
        _ => false,
    };

    /// <summary>The symbols Unicode makes Alphabetic (Other_Alphabetic): circled, parenthesized-free squared and negative Latin letters.</summary>
    private static bool IsAlphabeticSymbol(Rune rune) => rune.Value is (>= 0x24B6 and <= 0x24E9) or (>= 0x1F130 and <= 0x1F149)
        or (>= 0x1F150 and <= 0x1F169) or (>= 0x1F170 and <= 0x1F189);
}
