using System.Text.RegularExpressions;
using GateKit.Config;
using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Output.Reports;
using GateKit.Tests.Support;
using GateKit.Thresholds;

namespace GateKit.Tests.Config;

/// <summary>Core speaks of request values by what they are; hosts name them (a CLI flag, an MSBuild property).</summary>
public sealed partial class RequestExceptionTests
{
    private static readonly GateKitConfig Config = Configs.Parse(Configs.Quality(
        """{ "id": "floor", "report": "cases", "aggregate": "rate", "pointer": "/p", "op": ">=", "threshold": 0.9, "severity": "P0" }"""));

    public static TheoryData<string, Action, RequestInput> BadRequests => new()
    {
        { "override without =", () => ThresholdResolver.Resolve(Config, null, ["quality.floor"]), RequestInput.ThresholdOverrides },
        { "override of an unknown key", () => ThresholdResolver.Resolve(Config, null, ["quality.nope=1"]), RequestInput.ThresholdOverrides },
        { "override that is not a number", () => ThresholdResolver.Resolve(Config, null, ["quality.floor=abc"]), RequestInput.ThresholdOverrides },
        { "override loosening a P0 threshold", () => ThresholdResolver.Resolve(Config, null, ["quality.floor=0.5"]), RequestInput.ThresholdOverrides },
        { "a path needing a tag, and no tag", () => PathTemplate.Expand("reports/{tag}.json", null, "release"), RequestInput.Tag },
        { "report without =", () => ReportWriters.Parse("sarif"), RequestInput.Report },
        { "report of an unknown format", () => ReportWriters.Parse("html=a.html"), RequestInput.Report },
        { "changed files outside a repository", () => { using var plain = new TempFolder(); GitChanges.Against(plain.Path, "main"); }, RequestInput.Changed },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void A_bad_request_value_is_named_by_what_it_is_and_worded_by_the_host(string name, Action request, RequestInput input)
    {
        var e = Assert.Throws<RequestException>(request);
        Assert.True(e.Text.Inputs.SequenceEqual([input]), $"{name}: {string.Join(", ", e.Text.Inputs)}");
        Assert.DoesNotMatch(Flag(), e.Message);
        Assert.Contains("<host name>", e.Text.Word(_ => "<host name>"));
        Assert.Contains(RequestText.Describe(input), e.Message);
    }

    /// <summary>Every message Core throws, in its source: none names a command-line flag.</summary>
    [Fact]
    public void No_message_Core_throws_names_a_command_line_flag()
    {
        var core = Path.Combine(SchemaAssert.RepositoryRoot, "src", "GateKit.Core");
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Throw().Matches(File.ReadAllText(file))
                .Where(t => Flag().IsMatch(t.Value))
                .Select(t => $"{Path.GetRelativePath(core, file)}: {t.Value}"))
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Theory]
    [InlineData(RequestInput.ThresholdOverrides, "threshold overrides")]
    [InlineData(RequestInput.ReviewBy, "review by")]
    [InlineData(RequestInput.Tag, "tag")]
    public void Core_describes_an_input_in_words(RequestInput input, string words) => Assert.Equal(words, RequestText.Describe(input));

    /// <summary>A throw statement: from <c>throw new</c> to the semicolon that ends a line.</summary>
    [GeneratedRegex(@"throw\s+new\s+[\w.]*Exception\([\s\S]*?;\s*$", RegexOptions.Multiline)]
    private static partial Regex Throw();

    [GeneratedRegex(@"(?<![\w-])--[a-z]")]
    private static partial Regex Flag();
}
