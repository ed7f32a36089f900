using System.Diagnostics;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;
using Xunit.Abstractions;

namespace GateKit.Cli.Tests;

/// <summary>
/// gatekit completion SHELL scripts parse in their shell (a shell that is missing fails the test, naming it:
/// .ci/run installs zsh and fish with apt-get and PowerShell as a .NET tool), and the hidden complete command
/// gives the candidates they show.
/// </summary>
public sealed class CompletionCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("bash", "-n")]
    [InlineData("zsh", "-n")]
    [InlineData("fish", "--no-execute")]
    [InlineData("pwsh", null)]
    public void Each_shells_script_is_printed_and_parses_in_that_shell(string shell, string? checkFlag)
    {
        var result = GateKitProcess.Run(_temp.Path, "completion", shell);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("gatekit complete --", result.StdOut, StringComparison.Ordinal);
        var script = _temp.Write($"gatekit.{shell}", result.StdOut);

        var executable = Which(shell) ?? (shell == "pwsh" ? ToolPathPwsh() : null);
        Assert.True(executable is not null,
            $"{shell} is not installed (not in PATH{(shell == "pwsh" ? $" nor at {PwshToolPath}" : "")}), so the {shell} script's syntax cannot be checked: run .ci/run, which installs it");
        output.WriteLine($"{shell} script checked with {executable}");
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (shell == "pwsh")
        {
            start.ArgumentList.Add("-NoProfile");
            start.ArgumentList.Add("-Command");
            start.ArgumentList.Add($"$e = $null; [System.Management.Automation.Language.Parser]::ParseFile('{script}', [ref]$null, [ref]$e) | Out-Null; if ($e.Count) {{ $e; exit 1 }}");
        }
        else
        {
            start.ArgumentList.Add(checkFlag!);
            start.ArgumentList.Add(script);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{shell}: {errors}");
    }

    [Fact]
    public void The_bash_script_completes_through_the_tool_in_a_real_bash()
    {
        // COMP_WORDS/COMP_CWORD set as bash sets them for "gatekit run --gate q<TAB>".
        var script = GateKitProcess.Run(_temp.Path, "completion", "bash").StdOut;
        var tool = GateKitProcess.OtherTool ?? $"dotnet {GateKitProcess.ToolPath}";
        var probe = _temp.Write("probe.bash", $"gatekit() {{ {tool} \"$@\"; }}\n{script}\nCOMP_WORDS=(gatekit run --gate q); COMP_CWORD=3; _gatekit_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n");
        using var process = Process.Start(new ProcessStartInfo("bash", [probe]) { RedirectStandardOutput = true, WorkingDirectory = _temp.Path })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal("quality", text.Trim());
    }

    [Theory]
    [InlineData(new[] { "" }, "run", "init", "explain", "completion")]
    [InlineData(new[] { "ru" }, "run", "runs")]
    [InlineData(new[] { "run", "--" }, "--gate", "--profile", "--config", "--help")]
    [InlineData(new[] { "run", "--gate", "" }, "docs", "evidence", "promotion", "quality", "release")]
    [InlineData(new[] { "run", "-g", "re" }, "release")]
    [InlineData(new[] { "promotion", "apply", "--intent", "" }, "expand", "resume", "rollback")]
    [InlineData(new[] { "schema", "print", "" }, "evidence-manifest", "gatekit", "history", "result")]
    [InlineData(new[] { "explain", "condition_" }, "condition_violated")]
    [InlineData(new[] { "completion", "" }, "bash", "fish", "pwsh", "zsh")]
    public void Candidates_cover_commands_options_gates_intents_schemas_codes_and_shells(string[] words, params string[] expected)
    {
        var result = GateKitProcess.Run(_temp.Path, ["complete", "--", .. words]);
        Assert.Equal(0, result.ExitCode);
        var candidates = result.StdOut.Trim().Split('\n');
        Assert.All(expected, e => Assert.Contains(e, candidates));
        Assert.All(candidates, c => Assert.StartsWith(words[^1], c, StringComparison.Ordinal));
        Assert.DoesNotContain("complete", candidates);
    }

    [Fact]
    public void A_flag_takes_no_value_so_the_word_after_it_is_completed_as_a_command_word()
    {
        var result = GateKitProcess.Run(_temp.Path, "complete", "--", "run", "--deterministic", "");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("true", result.StdOut.Split('\n'));
        var afterFlag = GateKitProcess.Run(_temp.Path, "complete", "--", "run", "--deterministic", "--gate", "");
        Assert.Contains("quality", afterFlag.StdOut.Split('\n'));
    }

    [Fact]
    public void Profiles_come_from_the_config_and_run_ids_from_the_state_folder()
    {
        _temp.Write("cfg/gatekit.json", """{ "schemaVersion": 1, "profiles": { "dev": { "thresholds": {} }, "prod": { "thresholds": {} } }, "gates": { "docs": {} } }""");
        Directory.CreateDirectory(_temp.Combine("state/runs/20261130T120000Z-abc"));
        Directory.CreateDirectory(_temp.Combine("cfg/.gatekit/runs/20261129T000000Z-def"));

        var profiles = GateKitProcess.Run(_temp.Path, "complete", "--", "run", "--config", "cfg/gatekit.json", "--profile", "");
        Assert.Equal(["dev", "prod"], profiles.StdOut.Trim().Split('\n'));

        var byOut = GateKitProcess.Run(_temp.Path, "complete", "--", "runs", "show", "--out", "state", "");
        Assert.Contains("20261130T120000Z-abc", byOut.StdOut.Split('\n'));
        Assert.Contains("latest", byOut.StdOut.Split('\n'));

        var byConfig = GateKitProcess.Run(_temp.Path, "complete", "--", "decide", "--config", "cfg", "--run", "2026");
        Assert.Equal(["20261129T000000Z-def"], byConfig.StdOut.Trim().Split('\n'));
    }

    [Fact]
    public void A_broken_config_or_missing_state_folder_gives_no_candidates_rather_than_an_error()
    {
        _temp.Write("gatekit.json", "{ not json");
        var profiles = GateKitProcess.Run(_temp.Path, "complete", "--", "run", "--profile", "");
        Assert.Equal(0, profiles.ExitCode);
        Assert.Equal("", profiles.StdOut.Trim());
        var runs = GateKitProcess.Run(_temp.Path, "complete", "--", "decide", "--run", "");
        Assert.Equal("latest", runs.StdOut.Trim());
    }

    /// <summary>Where .ci/run installs PowerShell when pwsh is not in PATH (<c>dotnet tool install PowerShell --tool-path</c>).</summary>
    private static string PwshToolPath => Path.Combine(Samples.RepositoryRoot, "artifacts", "tools", "pwsh", "pwsh");

    private static string? ToolPathPwsh() => File.Exists(PwshToolPath) ? PwshToolPath : null;

    private static string? Which(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, executable)).FirstOrDefault(File.Exists);
}
