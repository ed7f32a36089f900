using System.Diagnostics;
using System.Text;

namespace GateKit.Cli.Tests.Support;

/// <summary>What a finished gatekit process said and returned.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs the real, built gatekit tool (dotnet gatekit.dll) as a child process: its ReadyToRun copy under
/// readytorun/ where the build made one (the same IL precompiled, a third less CPU per process; see the
/// project file), else the IL beside the tests. Or, when GATEKIT_TEST_TOOL names an executable (the
/// Native AOT binary), that executable, so that the whole suite can be run against another build of the tool.
/// </summary>
public static class GateKitProcess
{
    public static string? OtherTool { get; } = Environment.GetEnvironmentVariable("GATEKIT_TEST_TOOL") is { Length: > 0 } tool
        ? (File.Exists(tool) ? Path.GetFullPath(tool) : throw new FileNotFoundException($"GATEKIT_TEST_TOOL names no file: {tool}"))
        : null;

    public static string ToolPath { get; } = OtherTool ?? (File.Exists(ReadyToRunTool) ? ReadyToRunTool : Path.Combine(AppContext.BaseDirectory, "gatekit.dll"));

    private static string ReadyToRunTool => Path.Combine(AppContext.BaseDirectory, "readytorun", "gatekit.dll");

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gatekit {string.Join(' ', args)} did not finish in 60 s");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static ProcessResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(OtherTool ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (OtherTool is null) start.ArgumentList.Add(ToolPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("GATEKIT_PROFILE");
        start.Environment.Remove("GATEKIT_FAULT");
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        // A test run inside Azure Pipelines or GitLab CI must not turn on that CI's log commands (--ci auto).
        start.Environment.Remove("TF_BUILD");
        start.Environment.Remove("GITLAB_CI");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
    }

    /// <summary>Sends a POSIX signal to a process we started, by its id.</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
