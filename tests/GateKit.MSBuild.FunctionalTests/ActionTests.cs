using System.Text.RegularExpressions;
using GateKit.MSBuild.Tests.Support;
using GateKit.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace GateKit.MSBuild.Tests;

/// <summary>
/// action/action.yml executed for real: its steps run with bash, as a runner runs a composite action,
/// in a temp workspace with the GITHUB_* files, installing the tool from the locally packed feed.
/// And the YAML of the action and of this repository's workflow checked for the shape GitHub needs.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ActionTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder _temp = new();

    /// <summary>The actions/cache steps met: (key, path), in order.</summary>
    private List<(string Key, string Path)> CacheKeys { get; } = [];

    public void Dispose() => _temp.Dispose();

    private static string ActionFile => Path.Combine(PackedFeed.RepositoryRoot, "action", "action.yml");

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    [Theory]
    [InlineData("", 0, "go-with-conditions")]
    [InlineData("prod", 1, "no-go")]
    public void The_composite_action_installs_the_tool_runs_the_gates_and_reports(string profile, int exitCode, string decision)
    {
        var workspace = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, _temp.Combine("workspace"));
        feed.WriteNuGetConfig(workspace);
        var runnerTemp = Directory.CreateDirectory(_temp.Combine("runner-temp")).FullName;
        var files = new Dictionary<string, string>();
        foreach (var name in new[] { "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_ENV" })
            File.WriteAllText(files[name] = _temp.Combine(name.ToLowerInvariant()), "");
        var inputs = new Dictionary<string, string> { ["version"] = feed.Version, ["package-source"] = feed.Feed, ["profile"] = profile };

        var (exit, outputs, log) = RunAction(Load(ActionFile), inputs, workspace, runnerTemp, files);

        Assert.True(exit == exitCode, log);
        Assert.Equal(decision, outputs["decision"]);
        Assert.True(File.Exists(outputs["result-path"]), log);
        SchemaAssert.ValidResult(File.ReadAllBytes(outputs["result-path"]));
        var banner = decision == "no-go" ? "NO-GO" : "GO WITH CONDITIONS";
        Assert.Contains(banner, File.ReadAllText(outputs["summary-path"]));
        var stepSummary = File.ReadAllText(files["GITHUB_STEP_SUMMARY"]);
        Assert.Contains(banner, stepSummary);
        Assert.Contains("no GitHub token was given", stepSummary); // the fallback says why
        Assert.Matches(@"::(warning|error|notice) file=", log);     // and annotates through workflow commands
    }

    private Dictionary<string, string> RunnerFiles(string job)
    {
        var files = new Dictionary<string, string>();
        foreach (var name in new[] { "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_ENV" })
            File.WriteAllText(files[name] = _temp.Combine($"{job}-{name.ToLowerInvariant()}"), "");
        return files;
    }

    /// <summary>A copy of action/ whose tool-version names the version packed for the tests, as a release commit would.</summary>
    private string ReleasedAction()
    {
        var folder = GateKit.Cli.Tests.Support.Samples.CopyTo(Path.GetDirectoryName(ActionFile)!, _temp.Combine("action"));
        File.WriteAllText(Path.Combine(folder, "tool-version"), feed.Version + "\n");
        return folder;
    }

    [Fact]
    public void The_tool_version_is_the_release_one_by_default_and_the_cache_is_keyed_on_it()
    {
        var props = File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, "Directory.Build.props"));
        var version = VersionElement().Match(props).Groups[1].Value;
        Assert.Equal(version, File.ReadAllText(Path.Combine(Path.GetDirectoryName(ActionFile)!, "tool-version")).Trim());

        var action = ReleasedAction();
        var workspace = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, _temp.Combine("workspace"));
        var runnerTemp = Directory.CreateDirectory(_temp.Combine("runner-temp")).FullName;
        var inputs = new Dictionary<string, string> { ["package-source"] = feed.Feed };
        var first = RunAction(Load(ActionFile), inputs, workspace, runnerTemp, RunnerFiles("first"), action);
        Assert.True(first.Exit == 0, first.Log);
        Assert.Contains($"was successfully installed", first.Log);
        var (key, path) = Assert.Single(CacheKeys);
        Assert.Equal($"gatekit-tool-Linux-X64-{feed.Version}", key);
        Assert.True(File.Exists(Path.Combine(path, "gatekit")), $"the cached path {path} holds the tool");
        // A second job with the cache restored into the same path installs nothing.
        var second = RunAction(Load(ActionFile), inputs, workspace, runnerTemp, RunnerFiles("second"), action);
        Assert.True(second.Exit == 0, second.Log);
        Assert.DoesNotContain("was successfully installed", second.Log);
        Assert.NotEqual(first.Outputs["run-id"], second.Outputs["run-id"]);
    }

    [Fact]
    public void Set_tag_out_working_directory_and_report_reach_the_tool_and_each_report_path_is_an_output()
    {
        var root = Directory.CreateDirectory(_temp.Combine("repo")).FullName;
        GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, Path.Combine(root, "svc"));
        var inputs = new Dictionary<string, string>
        {
            ["version"] = feed.Version, ["package-source"] = feed.Feed, ["working-directory"] = "svc", ["out"] = "state",
            ["set"] = "quality.pass_rate=1.0\n", ["tag"] = "v1.4.0", ["report"] = "sarif=out/gatekit.sarif\nJUnit=out/junit.xml\n",
        };
        var (exit, outputs, log) = RunAction(Load(ActionFile), inputs, root, Directory.CreateDirectory(_temp.Combine("rt")).FullName, RunnerFiles("inputs"));
        Assert.True(exit == 1, log);
        Assert.Equal("no-go", outputs["decision"]);
        Assert.Equal(Path.Combine(root, "svc", "state", "runs", outputs["run-id"], "result.json"), outputs["result-path"]);
        Assert.Contains("\"quality.pass_rate=1.0\"", File.ReadAllText(outputs["result-path"]));
        Assert.Equal(Path.Combine(root, "svc", "out", "gatekit.sarif"), outputs["sarif-path"]);
        Assert.Equal(Path.Combine(root, "svc", "out", "junit.xml"), outputs["junit-path"]);
        Assert.True(File.Exists(outputs["sarif-path"]) && File.Exists(outputs["junit-path"]), log);
        Assert.Equal("", outputs["codequality-path"]);
    }

    [Fact]
    public void The_README_two_job_workflow_runs_its_legs_and_the_merge_whose_check_decides()
    {
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ActionFile)!, "README.md"));
        var marker = readme.IndexOf("<!-- two-job workflow:", StringComparison.Ordinal);
        Assert.True(marker >= 0, "the README marks its two-job workflow");
        var block = YamlBlock().Match(readme, marker).Groups[1].Value;
        var workflow = new YamlStream();
        workflow.Load(new StringReader(block));
        var jobs = (YamlMappingNode)((YamlMappingNode)workflow.Documents[0].RootNode)["jobs"];
        var action = ReleasedAction();
        var artifacts = Directory.CreateDirectory(_temp.Combine("artifacts")).FullName;

        (int Exit, Dictionary<string, string> Outputs, string Log) RunJob(string name, Dictionary<string, string> matrix)
        {
            var job = (YamlMappingNode)jobs[name];
            var id = name + string.Concat(matrix.Values.Select(v => "-" + v));
            var workspace = Directory.CreateDirectory(_temp.Combine("ws-" + id)).FullName;
            var steps = new Dictionary<string, Dictionary<string, string>>();
            (int, Dictionary<string, string>, string) last = (0, new Dictionary<string, string>(), "");
            foreach (YamlMappingNode step in ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            {
                var uses = ((YamlScalarNode)step["uses"]).Value!;
                var given = step.Children.TryGetValue(new YamlScalarNode("with"), out var w)
                    ? ((YamlMappingNode)w).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => WorkflowExpand(((YamlScalarNode)p.Value).Value ?? "", matrix, steps))
                    : new Dictionary<string, string>();
                if (uses.StartsWith("actions/checkout@", StringComparison.Ordinal)) GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, workspace);
                else if (uses.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal)) { }
                else if (uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal))
                {
                    var target = Directory.CreateDirectory(Path.Combine(artifacts, given["name"])).FullName;
                    File.Copy(given["path"], Path.Combine(target, Path.GetFileName(given["path"])));
                }
                else if (uses.StartsWith("actions/download-artifact@", StringComparison.Ordinal))
                {
                    foreach (var artifact in Directory.GetDirectories(artifacts, given["pattern"]))
                        GateKit.Cli.Tests.Support.Samples.CopyTo(artifact, Path.Combine(workspace, given["path"], Path.GetFileName(artifact)));
                }
                else
                {
                    Assert.Equal("<owner>/gatekit/action@v1", uses);
                    given["package-source"] = feed.Feed;
                    last = RunAction(Load(ActionFile), given, workspace, Directory.CreateDirectory(_temp.Combine("rt-" + id)).FullName, RunnerFiles(id), action);
                    if (step.Children.TryGetValue(new YamlScalarNode("id"), out var stepId)) steps[((YamlScalarNode)stepId).Value!] = last.Item2;
                }
            }
            return last;
        }

        var gates = ((YamlSequenceNode)jobs["legs"]["strategy"]["matrix"]["gate"]).Children.Select(g => ((YamlScalarNode)g).Value!).ToList();
        Assert.Equal(["release", "quality"], gates);
        foreach (var gate in gates)
        {
            var leg = RunJob("legs", new() { ["gate"] = gate });
            Assert.True(leg.Exit == 0, leg.Log);
            Assert.True(File.Exists(leg.Outputs["junit-path"]), leg.Log);
        }
        var merge = RunJob("gate", new Dictionary<string, string>());
        Assert.True(merge.Exit == 0, merge.Log);
        Assert.Equal("go-with-conditions", merge.Outputs["decision"]);
        var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(merge.Outputs["result-path"])!, "merge.json")));
        Assert.Equal(["gatekit-quality", "gatekit-release"], record.RootElement.GetProperty("sources").EnumerateArray().Select(x => x.GetProperty("leg").GetString()).Order());
        SchemaAssert.ValidResult(File.ReadAllBytes(merge.Outputs["result-path"]));

        // A leg that never uploaded its result: the merge is no-go, not a pass.
        Directory.Delete(Path.Combine(artifacts, "gatekit-quality"), recursive: true);
        var missing = RunJob("gate", new() { ["attempt"] = "2" });
        Assert.True(missing.Exit == 1, missing.Log);
        Assert.Equal("no-go", missing.Outputs["decision"]);
        Assert.Contains("leg_missing", File.ReadAllText(missing.Outputs["summary-path"]));
    }

    /// <summary>The expressions the README's workflow uses in its with: values: matrix values and step outputs.</summary>
    private static string WorkflowExpand(string text, Dictionary<string, string> matrix, Dictionary<string, Dictionary<string, string>> steps) =>
        Expression().Replace(text, m =>
        {
            var e = m.Groups[1].Value;
            if (e.StartsWith("matrix.", StringComparison.Ordinal)) return matrix[e["matrix.".Length..]];
            if (StepOutput().Match(e) is { Success: true } s) return steps[s.Groups[1].Value][s.Groups[2].Value];
            throw new Xunit.Sdk.XunitException($"the README workflow uses an expression the test cannot evaluate: {e}");
        });

    /// <summary>Runs the action's steps in order the way a runner does; returns the last exit code, the action's outputs and the log.</summary>
    private (int Exit, Dictionary<string, string> Outputs, string Log) RunAction(YamlMappingNode action, Dictionary<string, string> given,
        string workspace, string runnerTemp, Dictionary<string, string> files, string? actionDirectory = null)
    {
        actionDirectory ??= Path.GetDirectoryName(ActionFile)!;
        var inputs = ((YamlMappingNode)action["inputs"]).Children.ToDictionary(
            i => ((YamlScalarNode)i.Key).Value!,
            i => given.TryGetValue(((YamlScalarNode)i.Key).Value!, out var v) ? v
                : ((YamlMappingNode)i.Value).Children.TryGetValue(new YamlScalarNode("default"), out var d) ? ((YamlScalarNode)d).Value ?? "" : "");
        var stepOutputs = new Dictionary<string, Dictionary<string, string>>();
        // Defaults may be expressions themselves (github-token: ${{ github.token }}).
        foreach (var name in inputs.Keys.ToList()) inputs[name] = Expand(inputs[name], inputs, stepOutputs);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var log = new System.Text.StringBuilder();
        var exit = 0;
        foreach (YamlMappingNode step in ((YamlSequenceNode)action["runs"]["steps"]).Children.Cast<YamlMappingNode>())
        {
            if (step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses))
            {
                // The one action the composite uses: actions/cache, keyed on the tool's version, over the tool path. A miss
                // here; a hit is the install step finding the tool already in that path (CachedTools records the keys).
                Assert.StartsWith("actions/cache@", ((YamlScalarNode)uses).Value);
                var with = (YamlMappingNode)step["with"];
                CacheKeys.Add((Expand(((YamlScalarNode)with["key"]).Value!, inputs, stepOutputs), Expand(((YamlScalarNode)with["path"]).Value!, inputs, stepOutputs)));
                continue;
            }
            Assert.Equal("bash", ((YamlScalarNode)step["shell"]).Value);
            var env = new Dictionary<string, string>(feed.ChildEnvironment)
            {
                ["GITHUB_WORKSPACE"] = workspace, ["RUNNER_TEMP"] = runnerTemp, ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REPOSITORY"] = "octo/gatekit", ["GITHUB_SHA"] = new string('a', 40),
                ["GITHUB_JOB"] = "gates", ["GITHUB_TOKEN"] = "", ["GITHUB_API_URL"] = "http://127.0.0.1:9", ["PATH"] = path,
                ["GITHUB_ACTION_PATH"] = actionDirectory,
            };
            foreach (var (name, file) in files) env[name] = file;
            if (step.Children.TryGetValue(new YamlScalarNode("env"), out var envNode))
                foreach (var (k, v) in ((YamlMappingNode)envNode).Children)
                    env[((YamlScalarNode)k).Value!] = Expand(((YamlScalarNode)v).Value ?? "", inputs, stepOutputs);

            var script = _temp.Combine($"step-{Guid.NewGuid():N}.sh");
            File.WriteAllText(script, ((YamlScalarNode)step["run"]).Value);
            File.WriteAllText(files["GITHUB_OUTPUT"], "");
            var result = Dotnet.RunProgram("bash", workspace, env, "--noprofile", "--norc", "-eo", "pipefail", script);
            log.Append(result.Output);
            exit = result.ExitCode;
            // As a runner does: GITHUB_PATH lines join PATH for later steps; GITHUB_OUTPUT becomes the step's outputs.
            foreach (var line in File.ReadAllLines(files["GITHUB_PATH"])) path = line + ":" + path;
            File.WriteAllText(files["GITHUB_PATH"], "");
            if (step.Children.TryGetValue(new YamlScalarNode("id"), out var id))
                stepOutputs[((YamlScalarNode)id).Value!] = ParseOutputs(File.ReadAllText(files["GITHUB_OUTPUT"]));
            if (exit != 0) break;
        }
        var outputs = ((YamlMappingNode)action["outputs"]).Children.ToDictionary(
            o => ((YamlScalarNode)o.Key).Value!,
            o => Expand(((YamlScalarNode)((YamlMappingNode)o.Value)["value"]).Value ?? "", inputs, stepOutputs));
        return (exit, outputs, log.ToString());
    }

    /// <summary>The expressions the action may use; anything else fails the test, so the action stays runnable here.</summary>
    private static string Expand(string text, Dictionary<string, string> inputs, Dictionary<string, Dictionary<string, string>> steps) =>
        Expression().Replace(text, m =>
        {
            var e = m.Groups[1].Value;
            if (e.StartsWith("inputs.", StringComparison.Ordinal)) return inputs[e["inputs.".Length..]];
            if (e == "github.token") return "";
            if (e == "toJSON(matrix)") return "null";
            if (e == "runner.os") return "Linux";
            if (e == "runner.arch") return "X64";
            if (StepOutput().Match(e) is { Success: true } s)
                return steps.TryGetValue(s.Groups[1].Value, out var o) && o.TryGetValue(s.Groups[2].Value, out var v) ? v : "";
            throw new Xunit.Sdk.XunitException($"action.yml uses an expression the test cannot evaluate: {e}");
        });

    /// <summary>GITHUB_OUTPUT in both forms: name=value, and name&lt;&lt;DELIMITER … DELIMITER.</summary>
    private static Dictionary<string, string> ParseOutputs(string text)
    {
        var outputs = new Dictionary<string, string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var eq = line.IndexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq))
            {
                var name = line[..heredoc];
                var delimiter = line[(heredoc + 2)..];
                var value = new List<string>();
                while (++i < lines.Length && lines[i] != delimiter) value.Add(lines[i]);
                outputs[name] = string.Join("\n", value);
            }
            else if (eq > 0) outputs[line[..eq]] = line[(eq + 1)..];
        }
        return outputs;
    }

    [Fact]
    public void The_action_has_the_shape_GitHub_requires()
    {
        var action = Load(ActionFile);
        Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)action["name"]).Value));
        Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)action["description"]).Value));
        Assert.Equal("composite", ((YamlScalarNode)action["runs"]["using"]).Value);
        foreach (var (name, input) in ((YamlMappingNode)action["inputs"]).Children)
            Assert.True(((YamlMappingNode)input).Children.ContainsKey(new YamlScalarNode("description")), $"input {name} has no description");
        foreach (var expected in new[] { "config", "gates", "profile", "fail-on", "version", "package-source", "github-token", "comment", "check-name",
            "set", "tag", "out", "working-directory", "report", "mode", "results", "expect", "expect-legs" })
            Assert.True(((YamlMappingNode)action["inputs"]).Children.ContainsKey(new YamlScalarNode(expected)), $"input {expected} is missing");
        var ids = ((YamlSequenceNode)action["runs"]["steps"]).Children.Cast<YamlMappingNode>()
            .Select(s => s.Children.TryGetValue(new YamlScalarNode("id"), out var id) ? ((YamlScalarNode)id).Value : null).ToHashSet();
        foreach (var (name, output) in ((YamlMappingNode)action["outputs"]).Children)
        {
            var value = ((YamlScalarNode)((YamlMappingNode)output)["value"]).Value!;
            Assert.True(StepOutput().Match(Expression().Match(value).Groups[1].Value) is { Success: true } m && ids.Contains(m.Groups[1].Value),
                $"output {name} does not come from a step of the action: {value}");
        }
        // Inputs reach scripts through env only: an expression pasted into a script is an injection hole.
        foreach (YamlMappingNode step in ((YamlSequenceNode)action["runs"]["steps"]).Children.Cast<YamlMappingNode>())
            if (step.Children.TryGetValue(new YamlScalarNode("run"), out var run)) Assert.DoesNotContain("${{", ((YamlScalarNode)run).Value);
    }

    [Fact]
    public void The_workflow_builds_tests_packs_and_dogfoods_the_local_action()
    {
        var workflow = Load(Path.Combine(PackedFeed.RepositoryRoot, ".github", "workflows", "ci.yml"));
        Assert.True(workflow.Children.ContainsKey(new YamlScalarNode("on")));
        var jobs = (YamlMappingNode)workflow["jobs"];
        Assert.NotEmpty(jobs.Children);
        var steps = jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(job =>
        {
            Assert.True(job.Children.ContainsKey(new YamlScalarNode("runs-on")));
            return ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();
        }).ToList();
        Assert.All(steps, s => Assert.True(s.Children.ContainsKey(new YamlScalarNode("uses")) ^ s.Children.ContainsKey(new YamlScalarNode("run")), "a step needs uses or run"));
        string Text(YamlMappingNode s, string key) => s.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value ?? "" : "";
        Assert.Contains(steps, s => Text(s, "run").Contains(".ci/run", StringComparison.Ordinal));
        Assert.Contains(steps, s => Text(s, "run").Contains("dotnet pack", StringComparison.Ordinal));
        var local = Assert.Single(steps, s => Text(s, "uses") == "./action");
        var config = ((YamlScalarNode)local["with"]["config"]).Value!;
        Assert.True(File.Exists(Path.Combine(PackedFeed.RepositoryRoot, config)), $"the dogfood config {config} is missing");
        Assert.Contains("\"docs\"", File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, config)));
    }

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"\$\{\{\s*(.*?)\s*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$")]
    private static partial Regex StepOutput();
}
