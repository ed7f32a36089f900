using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.GitHub.Tests.Support;

/// <summary>
/// A loopback GitHub server, a temp workspace and a reporter wired to both: what the publishing tests
/// share. Waits are recorded, not slept.
/// </summary>
public sealed class PublishBench : IDisposable
{
    public const string Token = "ghs_BenchSecretToken1234567890";
    public const string Head = "2222222222222222222222222222222222222222";

    public GitHubTestServer Server { get; } = new();
    public TempFolder Temp { get; } = new();
    public List<TimeSpan> Delays { get; } = [];
    public StringWriter Stdout { get; } = new();

    /// <param name="attemptTimeout">Long by default, so that a loaded machine never turns a slow answer into a timeout; short where a test hangs the server.</param>
    public RetryPolicy Retry(TimeSpan? budget = null, TimeSpan? attemptTimeout = null) => new(4, TimeSpan.FromSeconds(1), budget ?? TimeSpan.FromMinutes(5), (d, _) =>
    {
        lock (Delays) Delays.Add(d);
        return Task.CompletedTask;
    })
    {
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(20),
        Clock = new FixedClock(Now),
    };

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public GitHubContext Context(int? pr = 7, string? workflow = "ci", string eventName = "pull_request") =>
        new(Server.BaseAddress, "octo", "repo", eventName, Head, pr, "test", """{"os":"linux"}""", "https://github.example/octo/repo/actions/runs/1",
            Temp.Combine("step-summary.md"), Temp.Combine("output.txt"))
        {
            Token = Token,
            Workflow = workflow,
            RepositoryUrl = "https://github.example/octo/repo",
            Workspace = Temp.Path,
        };

    public static PublishOptions Options(CheckMode mode = CheckMode.PerGate, bool comment = false, FailOn failOn = FailOn.Fail) =>
        new(mode, "gatekit", comment, failOn, "in the step summary");

    public Task<GitHubOutcome> Report(RunResult result, PublishOptions? options = null, GitHubContext? context = null, string? root = null, int exitCode = 1,
        RetryPolicy? retry = null, CancellationToken cancellationToken = default) =>
        new GitHubReporter(Stdout, retry ?? Retry()).ReportAsync(
            new StoredReport(result, Temp.Combine(".gatekit/runs/x/result.json"), Temp.Combine(".gatekit/runs/x/summary.md"), root ?? Temp.Path),
            context ?? Context(), options ?? Options(), writeOutputs: true, exitCode, cancellationToken);

    public string StepSummary => File.Exists(Temp.Combine("step-summary.md")) ? File.ReadAllText(Temp.Combine("step-summary.md")) : "";

    public string Outputs => File.Exists(Temp.Combine("output.txt")) ? File.ReadAllText(Temp.Combine("output.txt")) : "";

    public IReadOnlyList<string> WorkflowAnnotations => Stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public void Dispose()
    {
        Server.Dispose();
        Temp.Dispose();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
