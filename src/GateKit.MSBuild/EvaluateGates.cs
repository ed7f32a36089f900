using System.Reflection;
using GateKit.Config;
using GateKit.Engine;
using GateKit.Output.Reports;
using GateKit.Results;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace GateKit.MSBuild;

/// <summary>
/// The MSBuild host: maps its parameters onto <see cref="RunOptions"/>, runs <see cref="RunPipeline"/>,
/// and logs what the run found. Decides nothing itself: status, decision and exit code come from Core.
/// </summary>
public sealed class EvaluateGates : Task, ICancelableTask
{
    private readonly CancellationTokenSource cancel = new();

    /// <summary>gatekit.json, or a folder holding it.</summary>
    [Required]
    public string ConfigFile { get; set; } = "";

    public string[] Gates { get; set; } = [];

    public string? Profile { get; set; }

    /// <summary>KEY=VALUE threshold overrides (GateKitSets), as <c>gatekit run --set</c>.</summary>
    public string[] Sets { get; set; } = [];

    public string? Tag { get; set; }

    /// <summary>The state folder (default: .gatekit beside the config).</summary>
    public string? OutputPath { get; set; }

    /// <summary><c>fail</c> (default): only no-go fails the build; <c>warn</c>: go-with-conditions does too.</summary>
    public string? FailOn { get; set; }

    public bool Deterministic { get; set; }

    /// <summary>
    /// Reports for other tools, as <c>gatekit run --report</c>: FORMAT=PATH each (sarif, junit, codequality);
    /// a relative PATH is relative to the project's folder. Written whatever the decision.
    /// </summary>
    public string[] Reports { get; set; } = [];

    /// <summary>
    /// The building project's folder ($(MSBuildProjectDirectory)), which relative report paths are resolved against:
    /// the engine's ProjectFileOfTaskNode is the file that calls the task — the package's targets, not the project.
    /// </summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>
    /// Written only when the run does not fail the build: the config and every input file the run read,
    /// one full path a line, for the next build's up-to-date check.
    /// </summary>
    public string? InputsFile { get; set; }

    [Output]
    public string? Decision { get; set; }

    [Output]
    public string? ResultPath { get; set; }

    [Output]
    public string? SummaryPath { get; set; }

    /// <summary>The full paths of the reports written, in the order of <see cref="Reports"/>.</summary>
    [Output]
    public string[] ReportPaths { get; set; } = [];

    public void Cancel() => cancel.Cancel();

    public override bool Execute()
    {
        if (InputsFile is { Length: > 0 }) TryDelete(InputsFile);
        var failOn = FailOn?.Trim().ToLowerInvariant() switch
        {
            null or "" or "fail" => GateKit.FailOn.Fail,
            "warn" => GateKit.FailOn.Warn,
            _ => (FailOn?)null,
        };
        if (failOn is null)
        {
            LogHostError(MSBuildCodes.Usage, $"GateKitFailOn must be 'fail' or 'warn', not '{FailOn}'", null);
            return false;
        }

        IReadOnlyList<ReportRequest> reports;
        try
        {
            var projectFolder = string.IsNullOrEmpty(ProjectDirectory) ? Environment.CurrentDirectory : ProjectDirectory;
            reports = Split(Reports).Select(ReportWriters.Parse).Select(r => r with { Path = Path.Combine(projectFolder, r.Path) }).ToList();
        }
        catch (UsageException e)
        {
            LogHostError(MSBuildCodes.Usage, $"GateKitReports: {e.Message}", null);
            return false;
        }

        var options = new RunOptions(ConfigFile, Split(Gates), NonEmpty(Profile), Split(Sets), NonEmpty(Tag), NonEmpty(OutputPath), Deterministic, Tool)
        {
            DeterministicEpoch = long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out var epoch) ? epoch : null,
        };
        RunOutput run;
        try
        {
            using (StateLock.Acquire(options, cancel.Token))
                run = RunPipeline.Execute(options, TimeProvider.System, cancel.Token);
        }
        catch (RequestException e)
        {
            LogHostError(MSBuildCodes.Usage, e.Text.Word(MSBuildProperties.Of), File.Exists(ConfigFile) ? ConfigFile : null);
            return false;
        }
        catch (UsageException e)
        {
            LogHostError(MSBuildCodes.Usage, e.Message, File.Exists(ConfigFile) ? ConfigFile : null);
            return false;
        }
        catch (ConfigException e)
        {
            foreach (var error in e.Errors)
                Log.LogError("gatekit", MSBuildCodes.InvalidInput, null, ConfigPathOf(ConfigFile), error.Line ?? 0, error.Column ?? 0, 0, 0,
                    $"{error.JsonPath}: {error.Problem}");
            return false;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            LogHostError(MSBuildCodes.Interrupted, "the gates were cancelled", null);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogHostError(MSBuildCodes.Runtime, $"cannot read or write the GateKit state: {e.Message}", null);
            return false;
        }

        var result = run.Result;
        var root = Path.GetDirectoryName(ConfigPathOf(ConfigFile))!;
        foreach (var gate in result.Gates)
            foreach (var finding in gate.Findings)
                LogFinding(gate, finding, root);

        Decision = result.Decision.Name();
        ResultPath = run.Stored.ResultPath;
        SummaryPath = run.Stored.SummaryPath;
        try
        {
            ReportPaths = [.. ReportWriters.WriteAll(result, reports)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogHostError(MSBuildCodes.Runtime, $"cannot write a report: {e.Message}", null);
            return false;
        }
        foreach (var path in ReportPaths) Log.LogMessage(MessageImportance.High, $"GateKit: report {path}");
        var gates = string.Join(", ", result.Gates.Select(g => $"{g.Name} {g.Status.Name()}"));
        Log.LogMessage(MessageImportance.High, $"GateKit: {Decision} ({gates}); run {result.RunId}; summary: {run.Stored.SummaryPath}");

        var exitCode = ExitCodes.ForRun(result, failOn.Value);
        if (exitCode != ExitCodes.Go)
        {
            var reasons = result.ReasonCodes.Count > 0 ? $": {string.Join(", ", result.ReasonCodes)}" : "";
            Log.LogError("gatekit", MSBuildCodes.ForExitCode(exitCode), null, run.Stored.SummaryPath, 0, 0, 0, 0,
                $"GateKit decision {Decision}{reasons} (see {run.Stored.SummaryPath})");
            return false;
        }

        if (InputsFile is { Length: > 0 }) WriteInputs(InputsFile, root, result);
        return !Log.HasLoggedErrors;
    }

    internal static ToolInfo Tool { get; } = new("gatekit", Version());

    private void LogFinding(GateResult gate, Finding finding, string root)
    {
        var file = finding.Location?.File is { Length: > 0 } f ? Path.GetFullPath(Path.Combine(root, f)) : null;
        var line = finding.Location?.Line ?? 0;
        var column = finding.Location?.Column ?? 0;
        var message = $"[{gate.Name} {finding.Priority}] {finding.Message}";
        if (finding.Waiver is { } waiver)
        {
            Log.LogMessage("gatekit", finding.Code, null, file, line, column, 0, 0, MessageImportance.Normal,
                $"{message} (waived by {waiver.Id}, owner {waiver.Owner})");
            return;
        }
        switch (finding.Severity)
        {
            case Severity.Error:
                Log.LogError("gatekit", finding.Code, null, file, line, column, 0, 0, message);
                break;
            case Severity.Warning:
                Log.LogWarning("gatekit", finding.Code, null, file, line, column, 0, 0, message);
                break;
            default:
                Log.LogMessage("gatekit", finding.Code, null, file, line, column, 0, 0, MessageImportance.High, message);
                break;
        }
    }

    private void LogHostError(string code, string message, string? file) =>
        Log.LogError("gatekit", code, null, file is null ? null : Path.GetFullPath(file), 0, 0, 0, 0, message);

    /// <summary>The config's full path as Core resolves it (a folder means its gatekit.json).</summary>
    private static string ConfigPathOf(string configFile)
    {
        var full = Path.GetFullPath(configFile);
        return Directory.Exists(full) ? Path.Combine(full, ConfigLoader.DefaultFileName) : full;
    }

    private static void WriteInputs(string inputsFile, string root, RunResult result)
    {
        var lines = new[] { Path.Combine(root, result.Config.Path) }
            .Concat(result.Gates.SelectMany(g => g.Inputs).Select(i => Path.GetFullPath(Path.Combine(root, i.Path))))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(inputsFile))!);
        File.WriteAllLines(inputsFile, lines);
    }

    private static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();


    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string Version()
    {
        var informational = typeof(EvaluateGates).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational[..plus];
    }
}
