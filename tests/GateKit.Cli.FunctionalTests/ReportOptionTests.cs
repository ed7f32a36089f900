using System.Text.Json;
using System.Xml;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit run --report FORMAT=PATH, end to end on a copy of the quickstart sample.</summary>
public sealed class ReportOptionTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public ReportOptionTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Each_requested_report_is_written_and_its_path_printed()
    {
        var run = GateKitProcess.Run(_sample, "run", "--report", "sarif=out/gatekit.sarif", "--report", "junit=out/junit.xml", "--report", "CodeQuality=out/cq.json");
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        foreach (var file in new[] { "out/gatekit.sarif", "out/junit.xml", "out/cq.json" })
        {
            var full = Path.Combine(_sample, file);
            Assert.Contains(full, run.StdOut);
            Assert.True(File.Exists(full), file);
        }
        Assert.Equal("2.1.0", JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_sample, "out/gatekit.sarif"))).RootElement.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_sample, "out/cq.json"))).RootElement.ValueKind);
        var junit = new XmlDocument();
        junit.Load(Path.Combine(_sample, "out/junit.xml"));
        Assert.Equal("testsuites", junit.DocumentElement!.Name);
        Assert.Empty(Directory.GetFiles(Path.Combine(_sample, "out"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Under_format_json_stdout_stays_one_JSON_document()
    {
        var run = GateKitProcess.Run(_sample, "run", "--format", "json", "--report", "junit=junit.xml");
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        JsonDocument.Parse(run.StdOut);
        Assert.Contains("junit.xml", run.StdErr);
    }

    [Theory]
    [InlineData("html=report.html", "unknown format 'html'")]
    [InlineData("sarif", "expected FORMAT=PATH, got 'sarif'")]
    [InlineData("=x.sarif", "expected FORMAT=PATH, got '=x.sarif'")]
    [InlineData("junit=", "expected FORMAT=PATH, got 'junit='")]
    public void A_malformed_or_unknown_report_is_a_usage_error_naming_it_before_the_run(string value, string message)
    {
        var run = GateKitProcess.Run(_sample, "run", "--report", value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr);
        Assert.False(Directory.Exists(Path.Combine(_sample, ".gatekit", "runs")), "no run is recorded");
    }
}
