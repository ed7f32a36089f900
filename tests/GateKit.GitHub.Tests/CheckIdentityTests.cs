using CsCheck;
using GateKit.GitHub.Tests.Support;
using GateKit.Results;

namespace GateKit.GitHub.Tests;

/// <summary>
/// Kind: check identity includes the workflow. Two workflows, two jobs or two matrix legs on one commit
/// never share a check name or a sticky comment marker; the marker is found whatever the stored
/// comment's line endings.
/// </summary>
public sealed class CheckIdentityTests : IDisposable
{
    private readonly PublishBench _bench = new();

    public void Dispose() => _bench.Dispose();

    // Workflow names are free text; job ids are letters, digits, '-' and '_'; matrix values anything.
    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefgh-_0123456789"], 1, 6];
    private static readonly Gen<string?> Workflow = Gen.OneOf(Gen.Const((string?)null), Gen.String[Gen.Char["ab c-/:,()ci"], 1, 8].Select(s => (string?)s));
    private static readonly Gen<string?> Matrix = Gen.OneOf(Gen.Const((string?)null),
        Gen.Select(Word, Gen.String[Gen.Char["xy ,:/\"-"], 0, 5], (k, v) => (string?)$$"""{"{{k}}":{{System.Text.Json.JsonSerializer.Serialize(v)}}}"""));
    private static readonly Gen<CheckIdentity> Identity = Gen.Select(Workflow, Word, Matrix, (w, j, m) => new CheckIdentity("gatekit", w, j, m));

    private static string Key(CheckIdentity i) =>
        string.Join("\u0001", i.Workflow?.Trim() ?? "", i.Job?.Trim() ?? "", string.Join("\u0002", CheckNames.MatrixValues(i.Matrix)));

    [Fact]
    public void Different_identities_never_share_a_comment_marker() =>
        Gen.Select(Identity, Identity).Where(p => Key(p.Item1) != Key(p.Item2))
            .Sample(p => p.Item1.CommentMarker != p.Item2.CommentMarker, iter: 20_000);

    [Theory]
    [InlineData("""{"os":"  "}""", null)]
    [InlineData("""{"os":" a"}""", """{"os":"a"}""")]
    [InlineData("""{"a":"x\u001fy"}""", """{"a":"x","b":"y"}""")]
    [InlineData("""{"a":"x%1Fy"}""", """{"a":"x","b":"y"}""")]
    public void Matrices_that_differ_only_in_spacing_or_separators_keep_their_own_markers(string matrix, string? other) =>
        Assert.NotEqual(new CheckIdentity("gatekit", "ci", "test", matrix).CommentMarker, new CheckIdentity("gatekit", "ci", "test", other).CommentMarker);

    [Fact]
    public void A_matrix_of_plain_values_keeps_the_marker_earlier_versions_wrote() =>
        Assert.Equal("<!-- gatekit:sticky:gatekit:ci:test:ubuntu-latest%1F8 -->",
            new CheckIdentity("gatekit", " ci ", "test", """{"os":"ubuntu-latest","dotnet":8}""").CommentMarker);

    [Fact]
    public void Different_identities_in_the_same_matrix_never_share_a_check_name() =>
        // Legs of one job share their matrix keys; workflows are told apart by name.
        Gen.Select(Leg, Leg).Where(p => p.Item1 != p.Item2)
            .Sample(p => Name(p.Item1) != Name(p.Item2), iter: 20_000);

    private static readonly Gen<(string Workflow, string Job, string Os)> Leg =
        Gen.Select(Gen.String[Gen.Char["abc ci-"], 1, 6].Where(w => w.Trim().Length > 0).Select(w => w.Trim()), Word, Gen.String[Gen.Char["xyz.1-"], 1, 4], (w, j, m) => (w, j, m));

    private static string Name((string Workflow, string Job, string Os) leg) =>
        new CheckIdentity("gatekit", leg.Workflow, leg.Job, $$"""{"os":"{{leg.Os}}"}""").NameFor("quality");

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    public void Long_names_that_differ_only_at_the_end_stay_apart_within_the_limit(int length)
    {
        var a = new CheckIdentity("gatekit", new string('w', length) + "a", "test", null).NameFor("quality");
        var b = new CheckIdentity("gatekit", new string('w', length) + "b", "test", null).NameFor("quality");
        Assert.NotEqual(a, b);
        Assert.All(new[] { a, b }, n => Assert.True(n.Length <= GitHubLimits.TitleChars));
    }

    [Fact]
    public async Task Two_workflows_with_the_same_job_get_their_own_checks_and_comments()
    {
        var result = Sample.Run(Decision.NoGo, Sample.Gate("quality", GateStatus.Fail, Sample.At("c", Priority.P0, "m", "a.cs", 1)));
        foreach (var workflow in new[] { "ci", "nightly", "ci", "nightly" })
            await _bench.Report(result, PublishBench.Options(comment: true), _bench.Context(workflow: workflow));

        Assert.Equal(["gatekit / quality (ci / test, linux)", "gatekit / quality (nightly / test, linux)"],
            _bench.Server.CheckRuns.Select(r => r["name"]!.GetValue<string>()).Distinct());
        Assert.Equal(2, _bench.Server.Comments.Count);
        Assert.Equal(2, _bench.Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/issues/7/comments", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData(" \r\n")]
    [InlineData("")]
    public async Task The_marker_is_found_whatever_the_stored_line_endings(string newline)
    {
        var marker = new CheckIdentity("gatekit", "ci", "test", """{"os":"linux"}""").CommentMarker;
        _bench.Server.AddComment(1, newline.Length == 0 ? marker : marker + newline + "## old summary" + newline + "edited in the web UI" + newline);
        await _bench.Report(Sample.Run(Decision.Go, Sample.Gate("quality", GateStatus.Pass)), PublishBench.Options(comment: true));

        var comment = Assert.Single(_bench.Server.Comments);
        Assert.StartsWith(marker + "\n## ✅ GO", comment.Body);
    }
}
