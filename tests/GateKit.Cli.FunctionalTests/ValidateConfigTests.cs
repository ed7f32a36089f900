using System.Text.Json;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>validate-config reports every problem, for people and (--format json) for machines.</summary>
public sealed class ValidateConfigTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _sample;

    public ValidateConfigTests() => _sample = Samples.CopyTo(Samples.Quickstart, _temp.Combine("quickstart"));

    public void Dispose() => _temp.Dispose();

    private void Break()
    {
        var path = Path.Combine(_sample, "gatekit.json");
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"colour\": \"blue\",", StringComparison.Ordinal)
            .Replace("\"tag\": \"v1.4.0\"", "\"tag\": 14", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_property_and_a_wrong_type_elsewhere_are_both_reported_with_file_line_and_column()
    {
        Break();
        var text = GateKitProcess.Run(_sample, "validate-config");
        Assert.Equal(3, text.ExitCode);
        var lines = text.StdErr.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^gatekit: gatekit\.json:3:\d+: \$\.colour: unknown property 'colour'$", lines[0]);
        Assert.Matches(@"^gatekit: gatekit\.json:\d+:\d+: \$\.gates\.release\.tag: expected a string$", lines[1]);

        var json = GateKitProcess.Run(_sample, "validate-config", "--format", "json");
        Assert.Equal(3, json.ExitCode);
        var report = JsonDocument.Parse(json.StdOut).RootElement;
        Assert.False(report.GetProperty("valid").GetBoolean());
        var problems = report.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["$.colour", "$.gates.release.tag"], problems.Select(p => p.GetProperty("path").GetString()));
        Assert.All(problems, p => Assert.True(p.GetProperty("line").GetInt32() > 0 && p.GetProperty("column").GetInt32() > 0));
    }

    [Fact]
    public void A_valid_config_is_valid_in_json_too()
    {
        var json = GateKitProcess.Run(_sample, "validate-config", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        var report = JsonDocument.Parse(json.StdOut).RootElement;
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
    }
}
