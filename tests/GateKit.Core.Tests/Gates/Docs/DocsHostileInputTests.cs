using System.Text;
using GateKit.Gates.Docs;
using GateKit.Inputs;
using GateKit.Tests.Support;

namespace GateKit.Tests.Gates.Docs;

/// <summary>The issue's hostile inputs, each a test: the check finishes, reports what it can, and reads nothing outside the root.</summary>
public sealed class DocsHostileInputTests : IDisposable
{
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    private DocsReport Check(DocsConfig? config = null) =>
        DocsChecker.Check(config ?? new DocsConfig(), new FileRoot(dir.Path), null, CancellationToken.None);

    [Fact]
    public void A_binary_file_named_md_is_reported_not_parsed()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        File.WriteAllBytes(dir.Combine("image.md"), bytes);
        dir.Write("README.md", "[ok](image.md)\n");
        var finding = Assert.Single(Check().Findings);
        Assert.Equal(("image.md", DocsCodes.FileNotText), (finding.Location!.File, finding.Code));
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line_and_the_rest_still_checked()
    {
        var bytes = Encoding.UTF8.GetBytes("# Title\n\nbad \xff here\n\n[broken](nope.md)\n".Replace("\xff", "#"));
        bytes[Array.IndexOf(bytes, (byte)'#', 5)] = 0xFF;
        File.WriteAllBytes(dir.Combine("README.md"), bytes);
        var findings = Check().Findings;
        Assert.Equal([(DocsCodes.FileInvalidUtf8, 3), (DocsCodes.TargetMissing, 5)], findings.Select(f => (f.Code, f.Location!.Line!.Value)));
    }

    [Fact]
    public void A_50_MB_file_is_reported_and_not_read()
    {
        using (var stream = File.Create(dir.Combine("huge.md")))
        {
            var line = Encoding.UTF8.GetBytes("[link](nope.md) lorem ipsum dolor sit amet\n");
            for (long written = 0; written < 50L * 1024 * 1024; written += line.Length) stream.Write(line);
        }
        dir.Write("README.md", "[big](huge.md)\n");
        var report = Check();
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("huge.md", DocsCodes.FileTooLarge), (finding.Location!.File, finding.Code));
        Assert.DoesNotContain(report.Inputs, i => i.Path == "huge.md");
    }

    [Theory]
    [InlineData("list", 10_000)]
    [InlineData("blockquote", 10_000)]
    [InlineData("list", 50)]
    [InlineData("blockquote", 50)]
    public void Ten_thousand_deep_nesting_does_not_overflow_the_stack(string kind, int depth)
    {
        // One line each: "- - - … [deep](…)" is 10,000 nested list items, ">>>… [deep](…)" 10,000 nested quotes.
        var nested = kind == "list" ? string.Concat(Enumerable.Repeat("- ", depth)) : new string('>', depth) + " ";
        dir.Write("README.md", $"[top](nope-top.md)\n\n{nested}[deep](nope-deep.md)\n\nafter [end](nope-end.md)\n");
        var findings = Check().Findings;
        if (depth > 1000)
        {
            // Beyond Markdig's nesting limit the file is reported, not parsed, and the process lives on.
            Assert.Equal(DocsCodes.FileTooDeep, Assert.Single(findings).Code);
            return;
        }
        Assert.Equal(["nope-top.md", "nope-deep.md", "nope-end.md"], findings.Select(f => f.Subject));
    }

    [Fact]
    public void Link_cycles_finish_and_resolve()
    {
        dir.Write("a.md", "# A\n\n[b](b.md#b)\n");
        dir.Write("b.md", "# B\n\n[a](a.md#a) [self](b.md#b)\n");
        var report = Check();
        Assert.Empty(report.Findings);
        Assert.Equal(3, report.Metrics["links_checked"]);
    }

    [Fact]
    public void Symlink_loops_in_the_tree_are_not_followed()
    {
        dir.Write("docs/page.md", "# Page\n\n[loop](loop/page.md) [round](loop/docs/page.md#page)\n");
        Directory.CreateSymbolicLink(dir.Combine("docs/loop"), dir.Path);
        Directory.CreateSymbolicLink(dir.Combine("self"), dir.Combine("self"));
        var report = Check();
        // The walk does not enter docs/loop; following the link itself reads the page once more, inside the root.
        Assert.Equal(1, report.Metrics["files_total"]);
        Assert.Equal(["docs/loop/docs/page.md", "docs/page.md"], report.Inputs.Select(i => i.Path));
        // loop/page.md is root/page.md: missing; loop/docs/page.md goes round the loop back to docs/page.md, which exists.
        Assert.Equal(["loop/page.md"], report.Findings.Select(f => f.Subject));
    }

    [Fact]
    public void Paths_leaving_the_root_are_findings_and_never_read()
    {
        using var outside = new TempFolder();
        outside.Write("secret.md", "# Secret\n");
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "README.md"),
            $"[up](../../../../../../etc/passwd) [abs](/../x.md) [link](out/secret.md#secret) [img](../{Path.GetFileName(dir.Path)}/x.png)\n");
        Directory.CreateSymbolicLink(Path.Combine(repo, "out"), outside.Path);
        var report = DocsChecker.Check(new DocsConfig(), new FileRoot(repo), null, CancellationToken.None);
        Assert.Equal(4, report.Findings.Count);
        Assert.All(report.Findings, f => Assert.Equal(DocsCodes.OutsideRoot, f.Code));
        Assert.Equal(["README.md"], report.Inputs.Select(i => i.Path));
    }

    [Theory]
    [InlineData("Readme.md", DocsCodes.CaseMismatch)]
    [InlineData("README.MD", DocsCodes.CaseMismatch)]
    [InlineData("readme.md", DocsCodes.CaseMismatch)]
    [InlineData("README.md", null)]
    public void Case_mismatches_are_findings_as_on_GitHub(string written, string? code)
    {
        dir.Write("README.md", "# Top\n");
        dir.Write("docs/index.md", $"[home](../{written})\n");
        var findings = Check().Findings;
        Assert.Equal(code is null ? [] : [code], findings.Select(f => f.Code));
        if (code is not null) Assert.Contains("but README.md exists", findings[0].Message);
    }
}
