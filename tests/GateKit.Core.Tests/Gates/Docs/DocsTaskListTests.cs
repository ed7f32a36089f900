using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>
/// Task list markers as cmark-gfm reads them (GFM spec, "Task list items"): "[ ]", "[x]" or "[X]" at the start of a
/// list item's first paragraph, followed by white space. Any other bracket pair in a list item is what it would be
/// elsewhere: a link when a destination follows.
/// </summary>
public sealed class DocsTaskListTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "- [x](missing-2.md)", ["missing-2.md"] },
        { "- item [x](missing-3.md)", ["missing-3.md"] },
        { "- [ ](missing-4.md)", ["missing-4.md"] },
        { "- [X](missing-5.md)", ["missing-5.md"] },
        { "* [x](missing-6.md) done", ["missing-6.md"] },
        { "1. [x](missing-7.md)", ["missing-7.md"] },
        { "- [x] done [y](missing-8.md)", ["missing-8.md"] },
        { "- [ ] todo [y](missing-9.md)", ["missing-9.md"] },
        { "- [x]\tdone [y](missing-10.md)", ["missing-10.md"] },
        { "- a\n  - [x](missing-11.md)", ["missing-11.md"] },
        { "> - [x](missing-12.md)", ["missing-12.md"] },
        { "- [x] [x](missing-13.md)", ["missing-13.md"] },
        { "- para\n\n  [x](missing-14.md)", ["missing-14.md"] },
        { "[x](missing-15.md)", ["missing-15.md"] },
        { "- [x] done\n\n[x]: missing-16.md", ["missing-16.md"] }, // the marker is no reference: the definition is unused
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bracket_pairs_in_list_items_are_links_unless_they_are_task_markers(string markdown, string[] missing)
    {
        using var dir = new TempFolder();
        dir.Write("case.md", markdown + "\n");
        var report = DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), null, CancellationToken.None);
        Assert.Equal(missing, report.Findings.Where(f => f.Code == DocsCodes.TargetMissing).Select(f => f.Subject));
        Assert.Equal(missing.Length, report.Metrics["links_checked"]);
    }

    [Fact]
    public void A_marker_is_not_a_reference_to_a_definition_of_the_same_label()
    {
        using var dir = new TempFolder();
        dir.Write("case.md", "- [x] done\n\n[x]: case.md\n");
        var report = DocsChecker.Check(new DocsConfig(), new FileRoot(dir.Path), null, CancellationToken.None);
        Assert.Equal([DocsCodes.ReferenceUnused], report.Findings.Select(f => f.Code));
    }
}
