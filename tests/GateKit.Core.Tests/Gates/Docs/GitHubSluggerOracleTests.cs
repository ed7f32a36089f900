using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GateKit.Gates.Docs;

namespace GateKit.Tests.Gates.Docs;

/// <summary>
/// The github slug rule held to an oracle: github-slugger 2.0.0 (the npm package whose tests carry GitHub's own
/// fixture data) slugs 16,000 generated headings, in documents of 20 so that duplicates are numbered too, and
/// <see cref="SlugGenerator"/> must give every one the same id. Headings draw from every Unicode general category
/// except Cs (a lone surrogate is not text), using only code points whose category is the same in Unicode 13.0 (the
/// data github-slugger's table was built from, read from @unicode/unicode-13.0.0) and in .NET's Unicode: newer
/// characters would compare two Unicode versions, not two slug rules. The test installs both packages with npm
/// into a cache folder under the temp path (node and npm must be on PATH; .ci/run installs them).
/// </summary>
public sealed class GitHubSluggerOracleTests
{
    private const string SluggerVersion = "2.0.0";
    private const string UnicodeDataVersion = "2.0.7";

    private static readonly string[] Categories =
    [
        "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
        "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Cn",
    ]; // indexed by System.Globalization.UnicodeCategory

    private static readonly string[] Unicode13Names =
    [
        "Uppercase_Letter", "Lowercase_Letter", "Titlecase_Letter", "Modifier_Letter", "Other_Letter", "Nonspacing_Mark",
        "Spacing_Mark", "Enclosing_Mark", "Decimal_Number", "Letter_Number", "Other_Number", "Space_Separator",
        "Line_Separator", "Paragraph_Separator", "Control", "Format", "Surrogate", "Private_Use", "Connector_Punctuation",
        "Dash_Punctuation", "Open_Punctuation", "Close_Punctuation", "Initial_Punctuation", "Final_Punctuation",
        "Other_Punctuation", "Math_Symbol", "Currency_Symbol", "Modifier_Symbol", "Other_Symbol", "Unassigned",
    ];

    [Fact]
    public void Sixteen_thousand_generated_headings_slug_as_github_slugger_does()
    {
        var folder = OracleFolder();
        var unicode13 = Convert.FromBase64String(Node(folder, "categories.mjs", "").Trim());
        Assert.Equal(0x110000, unicode13.Length);

        var pools = Enumerable.Range(0, Categories.Length).Select(_ => new List<int>()).ToArray();
        for (var cp = 0; cp < 0x110000; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var category = (int)CharUnicodeInfo.GetUnicodeCategory(cp);
            if (unicode13[cp] == category) pools[category].Add(cp);
        }
        var usable = Enumerable.Range(0, pools.Length).Where(c => pools[c].Count > 0).ToArray();
        Assert.Equal(Categories.Length - 1, usable.Length); // every category but Cs

        var random = new Random(20261130);
        var documents = new List<List<string>>();
        for (var d = 0; d < 800; d++)
        {
            var headings = new List<string>();
            for (var h = 0; h < 20; h++)
            {
                var roll = random.Next(10);
                if (roll < 2 && headings.Count > 0) headings.Add(headings[random.Next(headings.Count)]);
                else if (roll < 3 && headings.Count > 0) headings.Add(headings[random.Next(headings.Count)] + "-" + random.Next(3).ToString(CultureInfo.InvariantCulture));
                else headings.Add(Heading(random, pools, usable));
            }
            documents.Add(headings);
        }

        var expected = JsonSerializer.Deserialize<string[][]>(Node(folder, "slug.mjs", JsonSerializer.Serialize(documents)))!;
        var disagreements = new List<string>();
        var compared = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            var slugs = new SlugGenerator(SlugDialect.GitHub);
            for (var h = 0; h < documents[d].Count; h++)
            {
                compared++;
                var ours = slugs.Next(documents[d][h]);
                if (ours != expected[d][h])
                    disagreements.Add($"heading {Escape(documents[d][h])} (document {d}, heading {h}): github-slugger {Escape(expected[d][h])}, GateKit {Escape(ours)}");
            }
        }
        Assert.True(compared >= 10_000, $"{compared} headings compared");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {compared} disagree:\n{string.Join("\n", disagreements.Take(25))}");
    }

    private static string Heading(Random random, List<int>[] pools, int[] usable)
    {
        var o = new StringBuilder();
        var length = random.Next(1, 17);
        for (var i = 0; i < length; i++)
        {
            var roll = random.Next(20);
            if (roll < 4) o.Append(' ');
            else if (roll < 6) o.Append('-');
            else if (roll < 8) o.Append("aZ0_Σ.'İ"[random.Next(8)]);
            else
            {
                var pool = pools[usable[random.Next(usable.Length)]];
                o.Append(char.ConvertFromUtf32(pool[random.Next(pool.Count)]));
            }
        }
        return o.ToString();
    }

    private static string Escape(string text) =>
        "\"" + string.Concat(text.EnumerateRunes().Select(r => r.Value is >= 0x20 and < 0x7F ? r.ToString() : $"\\u{{{r.Value:X4}}}")) + "\"";

    private static string OracleFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gatekit-test-oracles", $"github-slugger-{SluggerVersion}");
        if (!File.Exists(Path.Combine(folder, "node_modules", "github-slugger", "package.json"))
            || !File.Exists(Path.Combine(folder, "node_modules", "@unicode", "unicode-13.0.0", "package.json")))
        {
            var staging = folder + "." + Guid.NewGuid().ToString("N")[..8];
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "package.json"), """{ "name": "gatekit-oracle", "private": true, "type": "module" }""");
            Run(staging, "npm", "", "install", "--no-audit", "--no-fund", "--silent", $"github-slugger@{SluggerVersion}", $"@unicode/unicode-13.0.0@{UnicodeDataVersion}");
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                Directory.Move(staging, folder);
            }
            catch (IOException)
            {
                Directory.Delete(staging, recursive: true); // another run installed it first
            }
        }
        File.WriteAllText(Path.Combine(folder, "categories.mjs"), $$"""
            // Unicode 13.0 general category of every code point, as indexes of .NET's UnicodeCategory, base64.
            const names = {{JsonSerializer.Serialize(Unicode13Names)}};
            const table = new Uint8Array(0x110000);
            for (let i = 0; i < names.length; i++) {
              const url = new URL(`./node_modules/@unicode/unicode-13.0.0/General_Category/${names[i]}/code-points.mjs`, import.meta.url);
              for (const cp of (await import(url)).default) table[cp] = i;
            }
            process.stdout.write(Buffer.from(table).toString('base64'));
            """);
        File.WriteAllText(Path.Combine(folder, "slug.mjs"), """
            // Documents (arrays of heading texts) on stdin; their github-slugger ids, one slugger per document, on stdout.
            import GithubSlugger from 'github-slugger';
            let input = '';
            for await (const chunk of process.stdin) input += chunk;
            process.stdout.write(JSON.stringify(JSON.parse(input).map(doc => { const s = new GithubSlugger(); return doc.map(h => s.slug(h)); })));
            """);
        return folder;
    }

    private static string Node(string folder, string script, string input) => Run(folder, "node", input, script);

    private static string Run(string folder, string program, string input, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"the github-slugger oracle needs {program} on PATH: {e.Message}", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}");
            return output.Result;
        }
    }
}
