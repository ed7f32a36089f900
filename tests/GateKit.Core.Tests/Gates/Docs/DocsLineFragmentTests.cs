using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>
/// Line fragments: GitHub gives line anchors (#L2, #L2C3, #L2-L5) to a source view only: any non-rendered file, or
/// a rendered one (Markdown, HTML) shown with ?plain=1. A line exists when it is 1..the file's line count; a number
/// of any size is a finding, never an overflow.
/// </summary>
public sealed class DocsLineFragmentTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "[a](guide.md?plain=1#L2)", "" },
        { "[a](guide.md?plain=1#L3)", "" },
        { "[a](guide.md?plain=1#L4)", "line_anchor_out_of_range" },
        { "[a](guide.md?plain=1#L1-L3)", "" },
        { "[a](guide.md?plain=1#L2C5-L3C1)", "" },
        { "[a](guide.md?x=y&plain=1#L2)", "" },
        { "[a](guide.md?plain=1#install)", "" }, // the source view has no heading ids; such fragments are not judged
        { "[a](guide.md#L2)", "anchor_missing" }, // the rendered view has no line anchors
        { "[a](guide.md?plain=0#L2)", "anchor_missing" },
        { "[a](guide.md?plain=1#L0)", "line_anchor_out_of_range" },
        { "[a](guide.md?plain=1#L2147483648)", "line_anchor_out_of_range" },
        { "[a](guide.md?plain=1#L1-L99999999999)", "line_anchor_out_of_range" },
        { "[a](guide.md?plain=1#L99999999999999999999999999999999)", "line_anchor_out_of_range" },
        { "[a](guide.md?plain=1#L0002)", "" },
        { "[a](app.py#L3)", "" },
        { "[a](app.py#L4)", "line_anchor_out_of_range" },
        { "[a](app.py#L2147483648)", "line_anchor_out_of_range" },
        { "[a](app.py#L-1)", "" }, // not a line fragment: not judged
        { "[a](app.py#L١)", "" }, // Arabic-Indic digit: not a line number GitHub reads, not judged (never a crash)
        { "[a](cr.txt#L3)", "" }, // lone CR line endings count as lines
        { "[a](cr.txt#L4)", "line_anchor_out_of_range" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Line_fragments_resolve_only_in_a_source_view_and_never_overflow(string markdown, string expected)
    {
        using var dir = new TempFolder();
        dir.Write("guide.md", "# Guide\n\n## Install\n");
        dir.Write("app.py", "a = 1\nb = 2\nc = 3\n");
        dir.Write("cr.txt", "a\rb\rc");
        dir.Write("case.md", markdown + "\n");
        var config = new DocsConfig { Include = ["case.md"] };
        var report = DocsChecker.Check(config, new FileRoot(dir.Path), null, CancellationToken.None);
        Assert.Equal(expected, string.Join(",", report.Findings.Select(f => f.Code)));
    }
}
