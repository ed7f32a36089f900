using CsCheck;
using GateKit.Evidence;
using GateKit.Tests.Support;

namespace GateKit.Tests.Evidence;

/// <summary>
/// What <c>evidence pack</c> writes, <c>verify</c> accepts (issue 20, kind 7): a file whose name verify would
/// refuse (newline, backslash, any control character) is refused at pack time with the file named and no pack or
/// staging folder left; and over generated trees of hostile names, a pack either is refused naming a file or
/// verifies clean.
/// </summary>
public sealed class PackVerifyAgreementTests
{
    [Theory]
    [InlineData("line\nbreak.txt")]
    [InlineData("back\\slash.txt")]
    [InlineData("tab\there.txt")]
    [InlineData("cr\r.txt")]
    [InlineData("del\u007f.txt")]
    [InlineData("c1\u0085.txt")]
    [InlineData("esc\u001b[31m.txt")]
    [InlineData("sub/dir\nname/file.txt")]
    [InlineData("sub\\dir/file.txt")]
    public void A_name_verify_would_refuse_is_refused_at_pack_time_naming_the_file(string name)
    {
        using var temp = new TempFolder();
        EvidenceTrees.Write(temp.Combine("in"), "ok.txt", "fine");
        EvidenceTrees.Write(temp.Combine("in"), name, "hostile");
        var e = Assert.Throws<EvidencePackException>(() => EvidenceTrees.Pack(temp.Combine("in"), temp.Combine("out")));
        Assert.StartsWith(name, e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be packed", e.Message);
        Assert.Empty(Directory.Exists(temp.Combine("out")) ? Directory.GetFileSystemEntries(temp.Combine("out")) : []);
    }

    private static readonly string[] NameParts = ["a", "B", "é", "e\u0301", " ", ".", "..", "-", "\n", "\\", "\t", "\u0000x", "\u007f", "\u0085", "\u200b", "😀", "ﬁ", "Ω", "Ω"];

    [Fact]
    public void Over_generated_trees_pack_either_refuses_a_named_file_or_writes_a_pack_verify_accepts()
    {
        var names = Gen.Int[1, 3].SelectMany(depth => Gen.OneOfConst(NameParts).Array[1, 3].Select(string.Concat).Array[depth])
            .Select(segments => string.Join('/', segments.Select(s => s.Replace("\u0000", ""))))
            .Where(path => path.Split('/').All(s => s.Length > 0 && s is not "." and not ".."));
        names.Array[1, 5].Sample(paths =>
        {
            using var temp = new TempFolder();
            var input = temp.Combine("in");
            var written = new List<string>();
            foreach (var path in paths.Distinct())
            {
                try { EvidenceTrees.Write(input, path, path); written.Add(path); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // a file where another path made a folder, or the reverse
            }
            if (written.Count == 0) return;
            try
            {
                var pack = EvidenceTrees.Pack(input, temp.Combine("out"));
                var report = EvidenceTrees.Verify(pack.ManifestPath);
                Assert.True(report.Valid, string.Join("; ", report.Problems.Select(p => $"{p.Code} {p.Message}")));
            }
            catch (EvidencePackException e)
            {
                Assert.Contains(written, w => e.Message.Contains(w, StringComparison.Ordinal));
                Assert.False(Directory.Exists(temp.Combine("out/pack-1")));
            }
        }, iter: 300);
    }
}
