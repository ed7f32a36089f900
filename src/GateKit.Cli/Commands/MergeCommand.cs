using System.CommandLine;
using System.Text;
using GateKit.GitHub;
using GateKit.Inputs;
using GateKit.Merge;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>
/// gatekit merge: one verdict from the results of several jobs, written as result.json, merge.json and
/// summary.md into --out, and with --github one check run whose name does not depend on the legs.
/// </summary>
internal static class MergeCommand
{
    public const string MergeFile = "merge.json";

    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var results = new Argument<string[]>("results") { Description = "The legs' result.json files: PATH (the leg is named by its folder) or LEG=PATH.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the merged result.json, merge.json and summary.md.", DefaultValueFactory = _ => Path.Combine(".gatekit", "merge") };
        var expect = new Option<int?>("--expect") { Description = "How many legs must be merged; fewer or more is a finding." };
        var expectLegs = new Option<string[]>("--expect-legs") { Description = "The leg names that must all be merged (comma-separated or repeated); a missing or other leg is a finding.", AllowMultipleArgumentsPerToken = true };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 on no-go only (fail), or on go-with-conditions too (warn).", DefaultValueFactory = _ => "fail" }
            .AcceptOnlyFromAmong("fail", "warn");
        var format = CommonOptions.Format("text", "json");
        var reports = CommonOptions.Reports();
        var ci = CiLogOption.Create();
        var github = new Option<bool>("--github") { Description = "Inside GitHub Actions: one check run for the merged verdict, step summary, outputs." };
        var githubOptions = new GitHubOptions();
        var command = new Command("merge", "Combine the results of several jobs into one verdict, one result and one check run.")
        {
            results, output, expect, expectLegs, failOn, format, reports, ci, github, githubOptions.CheckName, githubOptions.Comment,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(expect) is < 1) throw new Config.UsageException("--expect: give a number of legs of at least 1");
            var context = parse.GetValue(github) ? GitHubContext.FromEnvironment(GitHubContext.ProcessEnvironment()) : null;
            var reportRequests = (parse.GetValue(reports) ?? []).Select(Output.Reports.ReportWriters.Parse).ToList();
            var legs = (parse.GetValue(expectLegs) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
            var inputs = parse.GetValue(results)!.Select(a => RunMerger.Input(a, path => InputReader.ReadAll(path))).ToList();
            var fail = parse.GetValue(failOn) == "warn" ? FailOn.Warn : FailOn.Fail;
            var merge = RunMerger.Merge(inputs, legs, parse.GetValue(expect), CliApp.Tool);

            var folder = Path.GetFullPath(parse.GetValue(output)!);
            var resultPath = Path.Combine(folder, RunStore.ResultFile);
            var summaryPath = Path.Combine(folder, RunStore.SummaryFile);
            AtomicFile.Write(Path.Combine(folder, MergeFile), CanonicalJson.Serialize(merge.Record, MergeJsonContext.Default.MergeRecord));
            AtomicFile.Write(summaryPath, Encoding.UTF8.GetBytes(MergeSummary.Render(merge)));
            AtomicFile.Write(resultPath, CanonicalJson.Serialize(merge.Result, ResultJsonContext.Default.RunResult));
            var log = parse.GetValue(format) == "json" ? stderr : stdout;
            if (parse.GetValue(format) == "json")
                stdout.Write(File.ReadAllText(resultPath));
            else
            {
                stdout.WriteLine($"{merge.Result.Decision.Banner()}  merge {merge.Result.RunId} of {merge.Record.Sources.Count} leg(s)");
                foreach (var source in merge.Record.Sources)
                    stdout.WriteLine($"  {source.Leg,-16} {source.Decision.Name(),-18} run {source.RunId}{(source.Errored ? "  (errored)" : "")}");
                if (merge.Result.ReasonCodes.Count > 0) stdout.WriteLine($"  reasons: {string.Join(", ", merge.Result.ReasonCodes)}");
                stdout.WriteLine($"  result:  {resultPath}");
                stdout.WriteLine($"  summary: {summaryPath}");
            }
            foreach (var path in Output.Reports.ReportWriters.WriteAll(merge.Result, reportRequests)) log.WriteLine($"  report:  {path}");
            CiLogOption.Write(parse.GetValue(ci), merge.Result, fail, log);
            var exit = RunMerger.ExitCode(merge.Result, fail);
            if (context is null) return exit;
            // One check run per merge (never per gate): its name is the base name and this job's identity, the same whatever legs ran.
            var options = new PublishOptions(CheckMode.PerRun, parse.GetValue(githubOptions.CheckName)!, parse.GetValue(githubOptions.Comment), fail,
                context.StepSummaryPath is null ? $"in {summaryPath}" : "in this job's step summary");
            var root = context.Workspace ?? Environment.CurrentDirectory;
            return GitHubOptions.Report(stdout, stderr, new StoredReport(merge.Result, resultPath, summaryPath, root), context, options, writeOutputs: true, exit, interrupted);
        });
        return command;
    }
}
