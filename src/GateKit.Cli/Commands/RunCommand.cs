using System.CommandLine;
using GateKit.Engine;
using GateKit.Inputs;
using GateKit.Results;
using GateKit.Runs;

namespace GateKit.Cli.Commands;

/// <summary>gatekit run: evaluate the configured gates into a new run folder and exit with the decision.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var config = CommonOptions.Config();
        var gates = new Option<string[]>("--gate", "-g") { Description = "Run only these gates (repeatable).", AllowMultipleArgumentsPerToken = true };
        var profile = new Option<string?>("--profile", "-p") { Description = "Threshold profile (default: GATEKIT_PROFILE, then the config's defaultProfile)." };
        var sets = new Option<string[]>("--set") { Description = "Override a threshold: KEY=VALUE, e.g. quality.pass_rate=0.95 (repeatable)." };
        var tag = new Option<string?>("--tag") { Description = "Tag or version substituted for {tag} in input paths." };
        var output = CommonOptions.Out();
        var deterministic = new Option<bool>("--deterministic") { Description = "Fix timestamps (SOURCE_DATE_EPOCH, else today 00:00 UTC) and derive the run id from the inputs: same inputs, same bytes." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 on no-go only (fail), or on go-with-conditions too (warn).", DefaultValueFactory = _ => "fail" }
            .AcceptOnlyFromAmong("fail", "warn");
        var format = CommonOptions.Format("text", "json");
        var pin = new Option<string?>("--pin") { Description = "An earlier run's result.json: refuse to run unless the config and every input still have the digests it recorded." };
        var failOnHold = PromotionCommand.FailOnHold();
        var skipOnMissing = PromotionCommand.SkipOnMissingEvidence();
        var github = new Option<bool>("--github") { Description = "Inside GitHub Actions: check runs, step summary, outputs (GITHUB_* variables; token from GATEKIT_GITHUB_TOKEN or GITHUB_TOKEN)." };
        var baseRef = new Option<string?>("--base") { Description = "Git ref that new-code metrics (coverage.new_lines, sarif.new) compare with, through its merge base with HEAD (default: the pull request's target on GitHub)." };
        var reports = CommonOptions.Reports();
        var ci = CiLogOption.Create();
        var githubOptions = new GitHubOptions();

        var command = new Command("run", "Evaluate the gates and write result.json and summary.md into a new run folder.")
        {
            config, gates, profile, sets, tag, output, deterministic, failOn, format, pin, failOnHold, skipOnMissing, github, reports, ci, baseRef,
        };
        foreach (var option in githubOptions.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            // Read the GitHub context first: a missing or malformed event file stops the run before it starts.
            var context = parse.GetValue(github) ? GitHub.GitHubContext.FromEnvironment(GitHub.GitHubContext.ProcessEnvironment()) : null;
            var fail = parse.GetValue(failOn) == "warn" ? FailOn.Warn : FailOn.Fail;
            var reportRequests = (parse.GetValue(reports) ?? []).Select(Output.Reports.ReportWriters.Parse).ToList();
            var options = new RunOptions(
                parse.GetValue(config)!,
                parse.GetValue(gates) ?? [],
                parse.GetValue(profile) ?? NonEmpty(Environment.GetEnvironmentVariable("GATEKIT_PROFILE")),
                parse.GetValue(sets) ?? [],
                parse.GetValue(tag),
                parse.GetValue(output),
                parse.GetValue(deterministic),
                CliApp.Tool)
            {
                DeterministicEpoch = long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out var epoch) ? epoch : null,
                OnGateStarting = FaultInjection.BeforeGate,
                OnWritePoint = FaultInjection.AtWritePoint,
                Pin = parse.GetValue(pin) is { } pinFile ? PinFrom(pinFile) : null,
                AdjustConfig = PromotionCommand.Adjust(parse.GetValue(skipOnMissing), parse.GetValue(failOnHold)),
                FailOn = fail,
                BaseRef = parse.GetValue(baseRef) ?? GateKit.Gates.Quality.NewCode.GitChangedLines.DefaultBase(Environment.GetEnvironmentVariable),
            };
            var (run, exit) = Execute(options, parse.GetValue(format)!, stdout, stderr, interrupted);
            // Paths go to stderr under --format json, so stdout stays one JSON document.
            foreach (var path in Output.Reports.ReportWriters.WriteAll(run.Result, reportRequests))
                (parse.GetValue(format) == "json" ? stderr : stdout).WriteLine($"  report:  {path}");
            CiLogOption.Write(parse.GetValue(ci), run.Result, fail, parse.GetValue(format) == "json" ? stderr : stdout);
            if (context is null) return exit;
            var root = Path.GetDirectoryName(Config.ConfigLoader.FullPathOf(options.ConfigPath))!;
            var stored = new GitHub.StoredReport(run.Result, run.Stored.ResultPath, run.Stored.SummaryPath, root);
            var fullSummaryAt = context.StepSummaryPath is null ? $"in {run.Stored.SummaryPath}" : "in this job's step summary";
            // The exit code the process returns: the run's, or 4 (publishing failed), or 5 (cancelled meanwhile);
            // the run's record is corrected to it, so that the index and `runs list` agree with the process.
            var reported = GitHubOptions.Report(stdout, stderr, stored, context, githubOptions.Read(parse, fail, fullSummaryAt), writeOutputs: true, exit, interrupted);
            return reported == exit ? exit : run.RecordExit(reported, reported == ExitCodes.Interrupted
                ? "interrupted while publishing to GitHub, after the run was recorded"
                : "publishing to GitHub failed after the run was recorded");
        });
        return command;
    }

    /// <summary>Runs and reports a run, for `run` and `runs rerun` alike.</summary>
    public static (RunOutput Run, int Exit) Execute(RunOptions options, string format, TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var run = RunPipeline.Execute(options, TimeProvider.System, interrupted);
        if (run.SkippedHistoryLines > 0)
            stderr.WriteLine($"gatekit: warning: skipped {run.SkippedHistoryLines} unreadable history line(s)");
        if (format == "json")
            stdout.Write(System.Text.Encoding.UTF8.GetString(run.ResultJson));
        else
            WriteText(stdout, run);
        return (run, ExitCodes.ForRun(run.Result, options.FailOn));
    }

    private static RunPin PinFrom(string resultFile)
    {
        if (!File.Exists(resultFile)) throw new Config.UsageException($"--pin: file not found: {resultFile}");
        return RunPin.From(RunCatalog.Parse(InputReader.ReadAll(resultFile), resultFile), resultFile);
    }

    private static void WriteText(TextWriter o, RunOutput run)
    {
        var r = run.Result;
        o.WriteLine($"{r.Decision.Banner()}{(r.Interrupted ? " (interrupted)" : "")}  run {r.RunId}{(r.Profile is null ? "" : $"  profile {r.Profile}")}");
        foreach (var gate in r.Gates)
            o.WriteLine($"  {gate.Name,-10} {gate.Status.Name(),-8} {string.Join(", ", gate.ReasonCodes)}".TrimEnd());
        if (r.ReasonCodes.Count > 0) o.WriteLine($"  reasons: {string.Join(", ", r.ReasonCodes)}");
        o.WriteLine(run.Stored.AlreadyRecorded ? $"  already recorded: {run.Stored.Folder}" : $"  result:  {run.Stored.ResultPath}");
        o.WriteLine($"  summary: {run.Stored.SummaryPath}");
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
