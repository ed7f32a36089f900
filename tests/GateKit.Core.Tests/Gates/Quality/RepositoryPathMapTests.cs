using GateKit.Gates.Quality.Coverage;

namespace GateKit.Tests.Gates.Quality;

/// <summary>Report paths from any machine onto the repository's files: longest whole-segment suffix, case-sensitive, ties reported.</summary>
public sealed class RepositoryPathMapTests
{
    private static readonly RepositoryPathMap Map = new(
    [
        "src/App/Program.cs", "src/Lib/Program.cs", "src/App/Models/Order.cs", "tests/App.Tests/Models/Order.cs",
        "src/Lib/Util.cs", "docs/a b/Ünï.cs", "Top.cs", "src/App/app.cs",
    ]);

    [Theory]
    [InlineData("/home/runner/work/repo/repo/src/App/Program.cs", "src/App/Program.cs")]
    [InlineData(@"C:\a\_work\1\s\src\App\Program.cs", "src/App/Program.cs")]
    [InlineData(@"D:/build/src/Lib/Program.cs", "src/Lib/Program.cs")]
    [InlineData(@"\\server\share\checkout\src\Lib\Util.cs", "src/Lib/Util.cs")]
    [InlineData("/Users/dev/other-clone/src/App/Models/Order.cs", "src/App/Models/Order.cs")]
    [InlineData("/x/tests/App.Tests/Models/Order.cs", "tests/App.Tests/Models/Order.cs")]
    [InlineData("src/Lib/Util.cs", "src/Lib/Util.cs")]
    [InlineData("./src/Lib/./Util.cs", "src/Lib/Util.cs")]
    [InlineData("Util.cs", "src/Lib/Util.cs")]
    [InlineData("/elsewhere/Lib/Util.cs", "src/Lib/Util.cs")]
    [InlineData("/home/u/r/docs/a b/Ünï.cs", "docs/a b/Ünï.cs")]
    [InlineData("/r/Top.cs", "Top.cs")]
    [InlineData("/r/src/App/app.cs", "src/App/app.cs")]
    public void Maps_by_the_longest_suffix(string reportPath, string expected)
    {
        var match = Map.Map(reportPath);
        Assert.Equal(MatchKind.Mapped, match.Kind);
        Assert.Equal(expected, match.File);
    }

    [Theory]
    [InlineData("/other/Program.cs", "src/App/Program.cs", "src/Lib/Program.cs")]
    [InlineData(@"C:\x\Models\Order.cs", "src/App/Models/Order.cs", "tests/App.Tests/Models/Order.cs")]
    [InlineData("Program.cs", "src/App/Program.cs", "src/Lib/Program.cs")]
    public void Ties_are_ambiguous_and_name_the_tied_files(string reportPath, string first, string second)
    {
        var match = Map.Map(reportPath);
        Assert.Equal(MatchKind.Ambiguous, match.Kind);
        Assert.Equal([first, second], match.Ties);
    }

    [Theory]
    [InlineData("/r/src/App/PROGRAM.cs")]
    [InlineData("/r/src/App/App.cs")]
    [InlineData("/r/src/App/Gone.cs")]
    [InlineData("/obj/Debug/net10.0/App.AssemblyInfo.cs")]
    [InlineData("")]
    public void A_path_whose_file_name_matches_nothing_is_unmapped(string reportPath) =>
        Assert.Equal(MatchKind.Unmapped, Map.Map(reportPath).Kind);

    [Fact]
    public void Of_several_candidates_the_longest_match_wins()
    {
        // Cobertura: the filename under each source root; only one root is the real checkout.
        var match = Map.Map(["/wrong/root/Models/Order.cs", "/agent/src/App/Models/Order.cs", "Models/Order.cs"]);
        Assert.Equal("src/App/Models/Order.cs", match.File);
    }
}
