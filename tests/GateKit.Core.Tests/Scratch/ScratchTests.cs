using System.Diagnostics;
using GateKit.Gates.Docs;
using Xunit.Abstractions;

namespace GateKit.Tests.Scratch;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Timing()
    {
        foreach (var (name, unit) in new[] { ("same", "# Same\n\n"), ("open", "[a](\n"), ("open1", "[a]("), ("brk", "[a]\n") })
            foreach (var n in new[] { 8000, 16000, 32000 })
            {
                var text = string.Concat(Enumerable.Repeat(unit, n));
                var w = Stopwatch.StartNew();
                var md = Markdig.Markdown.Parse(text);
                var parse = w.ElapsedMilliseconds;
                w.Restart();
                MarkdownScanner.Scan(text, SlugDialect.GitHub);
                output.WriteLine($"{name} x{n}: markdig {parse} ms, scan {w.ElapsedMilliseconds} ms");
            }
    }
}
