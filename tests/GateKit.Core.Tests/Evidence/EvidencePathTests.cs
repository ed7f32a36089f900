using GateKit.Evidence;

namespace GateKit.Tests.Evidence;

/// <summary>Which manifest paths are refused, and why, on the text alone.</summary>
public sealed class EvidencePathTests
{
    public static TheoryData<string, string?> Paths => new()
    {
        { "logs/run.log", null },
        { "a/b/c.txt", null },
        { "..hidden/x", null },
        { "a/..b", null },
        { "caf\u00e9.txt", null },
        { "", EvidenceCodes.PathNotCanonical },
        { "/etc/passwd", EvidenceCodes.PathAbsolute },
        { "\\share\\x", EvidenceCodes.PathAbsolute },
        { "C:/x", EvidenceCodes.PathAbsolute },
        { "..", EvidenceCodes.PathTraversal },
        { "a/../b", EvidenceCodes.PathTraversal },
        { "a/..", EvidenceCodes.PathTraversal },
        { "a\\..\\b", EvidenceCodes.PathTraversal },
        { "a\\b", EvidenceCodes.PathNotCanonical },
        { "a//b", EvidenceCodes.PathNotCanonical },
        { "a/./b", EvidenceCodes.PathNotCanonical },
        { "a/", EvidenceCodes.PathNotCanonical },
        { "./a", EvidenceCodes.PathNotCanonical },
        { "a\u0001b", EvidenceCodes.PathNotCanonical },
        { "a\u0085b", EvidenceCodes.PathNotCanonical },
        { "cafe\u0301.txt", EvidenceCodes.PathNotCanonical },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Classifies(string path, string? code) => Assert.Equal(code, EvidencePath.Problem(path)?.Code);

    [Fact]
    public void Reports_the_first_problem_in_order_of_precedence()
    {
        Assert.Equal("the path contains '..'", EvidencePath.Problem("a/../b\\c")?.Reason);
        Assert.Equal("the path contains a backslash; pack paths use '/'", EvidencePath.Problem("a//b\\c")?.Reason);
        Assert.Equal("the path has an empty or '.' segment", EvidencePath.Problem("a//b\u0001")?.Reason);
    }
}
