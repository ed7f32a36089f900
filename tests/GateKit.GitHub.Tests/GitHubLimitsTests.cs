using System.Text;

namespace GateKit.GitHub.Tests;

public sealed class GitHubLimitsTests
{
    [Theory]
    [InlineData("abcdef", 6, "abcdef")]
    [InlineData("abcdef", 5, "ab…")]
    [InlineData("ééé", 5, "é…")]
    [InlineData("😀😀", 7, "😀…")]
    [InlineData("😀😀", 6, "…")]
    public void Truncation_counts_UTF8_bytes_and_never_splits_a_character(string value, int max, string expected)
    {
        var cut = GitHubLimits.TruncateUtf8(value, max);
        Assert.Equal(expected, cut);
        Assert.True(Encoding.UTF8.GetByteCount(cut) <= max);
    }

    [Fact]
    public void Limits_are_GitHubs()
    {
        Assert.Equal(65_535, GitHubLimits.CheckOutputBytes);
        Assert.Equal(50, GitHubLimits.AnnotationsPerRequest);
        Assert.Equal(1_048_576, GitHubLimits.StepSummaryBytes);
    }
}
