using System.Runtime.InteropServices;
using System.Text;
using GateKit.Evidence;
using GateKit.Gates.Docs;

namespace GateKit.Tests.Evidence;

/// <summary>
/// GateKit's Unicode tables (UnicodeNfc.Data.cs and AsciiFolding.cs, written by tools/unicode/generate.py)
/// against ICU over every code point the tables' Unicode version assigns. The tests run with invariant
/// globalization, like the tool, so ICU's normalizer is called directly (the system's libicuuc, which
/// .NET itself uses where globalization is on). Newer ICU knows newer characters: those are left out by
/// their age, since Unicode's stability policy keeps the normalization of assigned characters fixed.
/// </summary>
public sealed class UnicodeTablesTests
{
    private static readonly Version TablesVersion = new(14, 0);

    [Fact]
    public void Nfc_is_ICUs_for_every_code_point_alone_and_after_a_base_with_marks_in_either_order()
    {
        var icu = Icu.Load();
        var mismatches = new List<string>();
        void Check(string text)
        {
            var expected = icu.Nfc(text);
            if (UnicodeNfc.Normalize(text) != expected) mismatches.Add($"{Hex(text)}: GateKit {Hex(UnicodeNfc.Normalize(text))}, ICU {Hex(expected)}");
        }

        var assigned = AssignedCodePoints(icu).ToList();
        foreach (var cp in assigned) Check(char.ConvertFromUtf32(cp));
        // Every mark (ICU's combining class above 0) after bases, and around a below mark (class 220) in
        // either order: the combining classes, the reordering and the primary composites.
        var marks = assigned.Where(cp => icu.CombiningClass(cp) > 0).ToList();
        foreach (var mark in marks)
        {
            var m = char.ConvertFromUtf32(mark);
            foreach (var b in new[] { "a", "A", "e", "o", "u", "\u0627", "\u0915", "\u3099", "\u1100\u1161" })
            {
                Check(b + m);
                Check(b + m + "\u0323");
                Check(b + "\u0323" + m);
            }
        }
        Assert.NotEmpty(marks);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} differ from ICU, first: " + string.Join("; ", mismatches.Take(10)));
    }

    [Fact]
    public void Ascii_folding_is_what_ICUs_NFKD_keeps_in_ASCII_within_the_tabled_ranges_and_nothing_outside()
    {
        var icu = Icu.Load();
        (int First, int Last)[] ranges = [(0x80, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x209F), (0x2100, 0x218F), (0x2460, 0x24FF), (0xFB00, 0xFB06), (0xFF01, 0xFF5E)];
        var mismatches = new List<string>();
        foreach (var cp in AssignedCodePoints(icu).Where(cp => cp is >= 0x80 and <= 0xFFFF and not (>= 0xD800 and <= 0xDFFF)))
        {
            var c = (char)cp;
            var kept = new string(icu.Nfkd(c.ToString()).Where(char.IsAscii).ToArray());
            var expected = ranges.Any(r => cp >= r.First && cp <= r.Last) && kept.Length > 0 ? kept : null;
            if (AsciiFolding.Fold(c) != expected) mismatches.Add($"U+{cp:X4}: GateKit \"{AsciiFolding.Fold(c)}\", ICU \"{expected}\"");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} differ from ICU, first: " + string.Join("; ", mismatches.Take(10)));
    }

    private static IEnumerable<int> AssignedCodePoints(Icu icu) =>
        Enumerable.Range(0, 0x110000).Where(cp => cp is < 0xD800 or > 0xDFFF)
            .Where(cp => icu.Age(cp) is var age && age > new Version(0, 0) && age <= TablesVersion);

    private static string Hex(string s) => string.Join(" ", s.EnumerateRunes().Select(r => $"U+{r.Value:X4}"));

    /// <summary>The system's ICU common library: its NFC and NFKD normalizers and the age of a code point.</summary>
    private sealed class Icu
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr GetInstance(ref int error);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
        private delegate int NormalizeFunction(IntPtr normalizer, [In] char[] source, int length, [Out] char[] destination, int capacity, ref int error);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void CharAge(int codePoint, [Out] byte[] version);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate byte GetCombiningClass(int codePoint);

        private readonly NormalizeFunction normalize;
        private readonly CharAge charAge;
        private readonly GetCombiningClass combiningClass;
        private readonly IntPtr nfc, nfkd;

        private Icu(IntPtr library, string suffix)
        {
            T Function<T>(string name) => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name + suffix));
            normalize = Function<NormalizeFunction>("unorm2_normalize");
            charAge = Function<CharAge>("u_charAge");
            combiningClass = Function<GetCombiningClass>("u_getCombiningClass");
            var error = 0;
            nfc = Function<GetInstance>("unorm2_getNFCInstance")(ref error);
            nfkd = Function<GetInstance>("unorm2_getNFKDInstance")(ref error);
            Assert.True(error <= 0, $"ICU error {error}");
        }

        // libicuuc.so.NN exports its functions with the suffix _NN (or none, when built without renaming).
        public static Icu Load()
        {
            // The library folders (the multiarch one included), not their trees: /usr/lib holds link cycles.
            string[] folders = ["/usr/lib", "/usr/lib64", "/usr/local/lib", .. Directory.Exists("/usr/lib") ? Directory.GetDirectories("/usr/lib", "*-linux-*") : []];
            var library = folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "libicuuc.so.*"))
                .Select(path => (Path: path, Major: Path.GetFileName(path).Split('.') is [_, _, var major, ..] ? major : ""))
                .Where(f => int.TryParse(f.Major, out _)).OrderByDescending(f => int.Parse(f.Major)).FirstOrDefault();
            if (library.Path is null) throw new InvalidOperationException("this test needs ICU (libicuuc.so.*): install Debian's libicu package");
            var handle = NativeLibrary.Load(library.Path);
            var suffix = NativeLibrary.TryGetExport(handle, "u_charAge_" + library.Major, out _) ? "_" + library.Major : "";
            return new Icu(handle, suffix);
        }

        public string Nfc(string s) => Run(nfc, s);

        public string Nfkd(string s) => Run(nfkd, s);

        public int CombiningClass(int codePoint) => combiningClass(codePoint);

        public Version Age(int codePoint)
        {
            var version = new byte[4];
            charAge(codePoint, version);
            return new Version(version[0], version[1]);
        }

        private string Run(IntPtr normalizer, string s)
        {
            var source = s.ToCharArray();
            var destination = new char[s.Length * 18 + 16];
            var error = 0;
            var length = normalize(normalizer, source, source.Length, destination, destination.Length, ref error);
            Assert.True(error <= 0, $"ICU error {error} for {Hex(s)}");
            return new string(destination, 0, length);
        }
    }
}
