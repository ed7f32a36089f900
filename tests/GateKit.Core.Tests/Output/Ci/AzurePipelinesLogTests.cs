using System.Text.RegularExpressions;
using CsCheck;
using GateKit.Output.Ci;
using GateKit.Results;
using GateKit.Tests.Output.Reports;

namespace GateKit.Tests.Output.Ci;

/// <summary>Azure Pipelines logging commands: the agent's escaping, the issue per finding, the task result, hostile text.</summary>
public sealed partial class AzurePipelinesLogTests
{
    // The agent's reading of a command line: "##vso[area.action k=v;k=v]data", properties split on ';', each value and the
    // data decoded (%0D, %0A, %3B, %5D, then %AZP25 -> %).
    [GeneratedRegex(@"^##vso\[(?<command>task\.[a-z]+) (?<properties>[^\]]*)\](?<data>.*)$")]
    private static partial Regex CommandLine();

    private static string Unescape(string value) => value.Replace("%0D", "\r").Replace("%0A", "\n").Replace("%3B", ";").Replace("%5D", "]").Replace("%AZP25", "%");

    private static List<(string Command, Dictionary<string, string> Properties, string Data)> Parse(string text)
    {
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n').Select(line =>
        {
            var m = CommandLine().Match(line);
            Assert.True(m.Success, $"not one logging command: {line[..Math.Min(200, line.Length)]}");
            var properties = m.Groups["properties"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0], p => Unescape(p[1]));
            return (m.Groups["command"].Value, properties, Unescape(m.Groups["data"].Value));
        }).ToList();
    }

    [Theory]
    [InlineData("plain", "plain", "plain")]
    [InlineData("100%", "100%AZP25", "100%AZP25")]
    [InlineData("a;b]c", "a;b]c", "a%3Bb%5Dc")]
    [InlineData("one\r\ntwo", "one%0D%0Atwo", "one%0D%0Atwo")]
    [InlineData("%0A", "%AZP250A", "%AZP250A")]
    [InlineData("##vso[task.complete result=Failed;]", "##vso[task.complete result=Failed;]", "##vso[task.complete result=Failed%3B%5D")]
    public void Data_and_properties_are_escaped_by_the_agent_rules(string value, string data, string property)
    {
        Assert.Equal(data, AzurePipelinesLog.EscapeData(value));
        Assert.Equal(property, AzurePipelinesLog.EscapeProperty(value));
    }

    [Fact]
    public void Escaping_round_trips_through_the_agent_decoding_and_never_leaves_a_separator()
    {
        Gen.String[0, 40].Select(Gen.Char["%;]\r\nA0DZP25"].Array[0, 20], (s, extra) => s + new string(extra)).Sample(value =>
        {
            var property = AzurePipelinesLog.EscapeProperty(value);
            Assert.DoesNotContain(';', property);
            Assert.DoesNotContain(']', property);
            Assert.DoesNotContain('\n', property);
            Assert.DoesNotContain('\r', property);
            Assert.Equal(value, Unescape(property));
            Assert.Equal(value, Unescape(AzurePipelinesLog.EscapeData(value)));
        }, iter: 2000);
    }

    [Fact]
    public void An_ordinary_run_gives_one_issue_per_finding_most_severe_first_and_the_task_result()
    {
        var commands = Parse(AzurePipelinesLog.Commands(ReportRuns.Ordinary(), FailOn.Fail));
        Assert.Equal(6, commands.Count);
        Assert.All(commands.Take(5), c => Assert.Equal("task.logissue", c.Command));
        Assert.Equal(["error", "warning", "warning", "warning", "warning"], commands.Take(5).Select(c => c.Properties["type"]));
        Assert.Equal(["artifact_missing", "schema_violation", "monitoring_alert", "nothing_evaluated", "condition_violated"], commands.Take(5).Select(c => c.Properties["code"]));
        var located = commands[1];
        Assert.Equal("dist/meta.json", located.Properties["sourcepath"]);
        Assert.Equal("7", located.Properties["linenumber"]);
        Assert.Equal("3", located.Properties["columnnumber"]);
        Assert.Equal("release: schema_violation (P1) $.version: expected string", located.Data);
        Assert.False(commands[3].Properties.ContainsKey("sourcepath"), "a finding without a file has no sourcepath");
        Assert.Contains("(waived: WV-1, accepted until the fix ships)", commands[4].Data);
        Assert.Equal("task.complete", commands[5].Command);
        Assert.Equal("Failed", commands[5].Properties["result"]);
    }

    [Theory]
    [InlineData(Decision.Go, FailOn.Fail, "Succeeded")]
    [InlineData(Decision.GoWithConditions, FailOn.Fail, "SucceededWithIssues")]
    [InlineData(Decision.GoWithConditions, FailOn.Warn, "Failed")]
    [InlineData(Decision.NoGo, FailOn.Fail, "Failed")]
    public void The_task_result_follows_the_decision_and_the_exit_code(Decision decision, FailOn failOn, string expected)
    {
        var run = GateKit.Tests.Support.Runs.Run("r", decision, GateKit.Tests.Support.Runs.Gate("release", GateStatus.Pass));
        Assert.Equal(expected, AzurePipelinesLog.TaskResult(run, failOn));
        Assert.Equal("Failed", AzurePipelinesLog.TaskResult(run with { Interrupted = true }, failOn));
        Assert.Equal("Failed", AzurePipelinesLog.TaskResult(run with { Gates = [GateKit.Tests.Support.Runs.Gate("release", GateStatus.Error)] }, failOn));
    }

    [Fact]
    public void Hostile_messages_and_file_names_stay_inside_their_own_command_clean_and_bounded()
    {
        var text = AzurePipelinesLog.Commands(ReportRuns.Hostile(), FailOn.Fail);
        Assert.True(text.Length < 2 * 1024 * 1024, $"{text.Length} characters: messages and paths are clipped");
        var commands = Parse(text);
        Assert.Single(commands, c => c.Command == "task.complete");
        Assert.Equal("task.complete", commands[^1].Command);
        Assert.All(commands, c => Assert.Subset(new HashSet<string> { "type", "sourcepath", "linenumber", "columnnumber", "code", "result" }, c.Properties.Keys.ToHashSet()));
        foreach (var c in commands)
        {
            ReportRuns.AssertCleanText(c.Data);
            foreach (var v in c.Properties.Values) ReportRuns.AssertCleanText(v);
        }
        Assert.Contains(commands, c => c.Data.EndsWith("##vso[task.complete result=Failed;]done", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Properties.GetValueOrDefault("sourcepath") == "##vso[task.complete result=Failed;]done");
        Assert.Contains(commands, c => c.Data.EndsWith("line one\nline two\r\nline three\rend", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Data.Contains("clipped from", StringComparison.Ordinal));
    }

    [Fact]
    public void Past_the_limit_one_warning_counts_the_rest()
    {
        var findings = Enumerable.Range(0, AzurePipelinesLog.MaxIssues + 7).Select(i => new Finding("c" + i, Priority.P1, "m")).ToList();
        var run = GateKit.Tests.Support.Runs.Run("r", Decision.NoGo, GateKit.Tests.Support.Runs.Gate("release", GateStatus.Fail, findings));
        var commands = Parse(AzurePipelinesLog.Commands(run, FailOn.Fail));
        Assert.Equal(AzurePipelinesLog.MaxIssues + 2, commands.Count);
        Assert.Equal("7 more findings are in result.json and summary.md", commands[^2].Data);
    }
}
