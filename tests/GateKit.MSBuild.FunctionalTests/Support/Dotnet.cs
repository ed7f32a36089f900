using System.Diagnostics;
using System.Text;

namespace GateKit.MSBuild.Tests.Support;

/// <summary>What a finished process said and returned; <see cref="Output"/> is stdout then stderr.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    public string Output => StdOut + StdErr;
}

/// <summary>Runs the dotnet CLI (or an installed tool) as a real child process.</summary>
public static class Dotnet
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunProgram("dotnet", workingDirectory, environment, args);

    public static ProcessResult RunProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunProgram(Patience, program, workingDirectory, environment, args);

    public static ProcessResult RunProgram(TimeSpan patience, string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The test host runs under MSBuild/VSTest: its MSBuild variables must not steer the child build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment.Remove("GATEKIT_PROFILE");
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(patience))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {patience}");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
