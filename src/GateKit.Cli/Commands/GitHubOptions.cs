using System.CommandLine;
using GateKit.GitHub;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>The options of the GitHub host, shared by `run --github` and `github publish`, and the call into GateKit.GitHub.</summary>
internal sealed class GitHubOptions
{
    public Option<string> CheckName { get; } = new("--check-name") { Description = "Base name of the check runs; the job and matrix identity are appended.", DefaultValueFactory = _ => "gatekit" };

    public Option<string> Checks { get; } = new Option<string>("--checks") { Description = "One check run per gate, or one per run.", DefaultValueFactory = _ => "per-gate" }
        .AcceptOnlyFromAmong("per-gate", "per-run");

    public Option<bool> Comment { get; } = new("--comment") { Description = "Create or update one sticky comment on the pull request." };

    public IEnumerable<Option> All => [CheckName, Checks, Comment];

    public PublishOptions Read(ParseResult parse, FailOn failOn, string fullSummaryAt) => new(
        parse.GetValue(Checks) == "per-run" ? CheckMode.PerRun : CheckMode.PerGate,
        parse.GetValue(CheckName)!,
        parse.GetValue(Comment),
        failOn,
        fullSummaryAt);

    /// <summary>
    /// Reports to GitHub and gives the exit code the process returns: <paramref name="exitCode"/> (the
    /// run's), 4 when an API call failed for good, 5 when the job was cancelled meanwhile. The step summary
    /// and outputs are written in every case; GateKit's messages (token redacted) go to standard error.
    /// </summary>
    public static int Report(TextWriter stdout, TextWriter stderr, StoredReport run, GitHubContext context, PublishOptions options, bool writeOutputs, int exitCode, CancellationToken cancellationToken)
    {
        var outcome = new GitHubReporter(stdout, RetryPolicy.Default).ReportAsync(run, context, options, writeOutputs, exitCode, cancellationToken).GetAwaiter().GetResult();
        foreach (var message in outcome.Messages) stderr.WriteLine($"gatekit: {message}");
        return outcome.ExitCode;
    }
}
