using System.Text;

namespace GateKit.Evidence;

/// <summary>
/// Unicode Normalization Form C (UAX #15) for pack paths. GateKit runs with invariant globalization,
/// where string.Normalize does nothing, yet a file named on macOS (NFD) and on Linux (usually NFC) must
/// get one manifest path. Tables in UnicodeNfc.Data.cs were generated from Python's unicodedata:
/// <c>unicodedata.combining</c>, <c>unicodedata.decomposition</c> (canonical only), and the two-part
/// decompositions whose character is stable under <c>unicodedata.normalize('NFC', c)</c>.
/// </summary>
internal static partial class UnicodeNfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7, LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Dictionary<int, byte> Classes = Pairs(CombiningClasses, 2).ToDictionary(p => p[0], p => (byte)p[1]);
    private static readonly Dictionary<int, (int First, int Second)> Decomposed = Pairs(Decompositions, 3).ToDictionary(p => p[0], p => (p[1], p[2]));
    private static readonly Dictionary<long, int> Composites = PrimaryComposites.ToDictionary(c => Key(Decomposed[c].First, Decomposed[c].Second), c => c);

    public static bool IsNormalized(string s) => IsTriviallyNormalized(s) || Normalize(s) == s;

    public static string Normalize(string s)
    {
        if (IsTriviallyNormalized(s)) return s;
        var points = new List<int>(s.Length);
        foreach (var rune in s.EnumerateRunes()) Decompose(rune.Value, points);
        Reorder(points);
        Compose(points);
        var o = new StringBuilder(s.Length);
        foreach (var p in points) o.Append(new Rune(p).ToString());
        return o.ToString();
    }

    // Nothing below U+0300 decomposes into, or composes with, anything that follows it on its own.
    private static bool IsTriviallyNormalized(string s)
    {
        foreach (var c in s) if (c >= '\u0300') return false;
        return true;
    }

    private static int ClassOf(int cp) => Classes.TryGetValue(cp, out var c) ? c : 0;

    private static void Decompose(int cp, List<int> into)
    {
        if (cp is >= SBase and < SBase + SCount)
        {
            var index = cp - SBase;
            into.Add(LBase + index / NCount);
            into.Add(VBase + index % NCount / TCount);
            if (index % TCount != 0) into.Add(TBase + index % TCount);
            return;
        }
        if (Decomposed.TryGetValue(cp, out var d))
        {
            Decompose(d.First, into);
            if (d.Second >= 0) Decompose(d.Second, into);
            return;
        }
        into.Add(cp);
    }

    /// <summary>Canonical ordering: a stable sort by combining class of each run of non-starters.</summary>
    private static void Reorder(List<int> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            var c = ClassOf(points[i]);
            if (c == 0) continue;
            for (var j = i; j > 0 && ClassOf(points[j - 1]) > c; j--) (points[j - 1], points[j]) = (points[j], points[j - 1]);
        }
    }

    private static void Compose(List<int> points)
    {
        if (points.Count == 0) return;
        var output = new List<int>(points.Count) { points[0] };
        var starterPos = 0;
        var lastClass = ClassOf(points[0]) == 0 ? 0 : 256;
        for (var i = 1; i < points.Count; i++)
        {
            var cp = points[i];
            var cc = ClassOf(cp);
            // Not blocked: nothing between the starter and cp, or everything between has a lower class.
            if ((lastClass < cc || lastClass == 0) && TryCompose(output[starterPos], cp, out var composite))
            {
                output[starterPos] = composite;
                continue;
            }
            if (cc == 0) starterPos = output.Count;
            lastClass = cc;
            output.Add(cp);
        }
        points.Clear();
        points.AddRange(output);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
            return true;
        }
        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }
        return Composites.TryGetValue(Key(first, second), out composite);
    }

    private static long Key(int first, int second) => ((long)first << 21) | (uint)second;

    private static IEnumerable<int[]> Pairs(int[] flat, int width)
    {
        for (var i = 0; i < flat.Length; i += width) yield return flat[i..(i + width)];
    }
}
