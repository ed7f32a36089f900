using System.CommandLine;
using System.Reflection;
using GateKit.Cli.Commands;
using GateKit.Config;
using GateKit.Results;

namespace GateKit.Cli;

/// <summary>
/// The gatekit command line: declares the commands, parses, and maps every failure onto the spec's
/// exit codes in one place (usage 2, invalid input 3, runtime 4).
/// </summary>
public static class CliApp
{
    public static ToolInfo Tool { get; } = new("gatekit", Version());

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        using var interruption = new Interruption(stderr);
        var root = new RootCommand("GateKit: executable release gates with one config and one canonical result.")
        {
            RunCommand.Create(stdout, stderr, interruption.Token),
            MergeCommand.Create(stdout, stderr, interruption.Token),
            ValidateConfigCommand.Create(stdout),
            SchemaCommand.Create(stdout),
            ExportCommand.Create(stdout),
            DecideCommand.Create(stdout, stderr),
            SignoffCommand.Create(stdout),
            SignoffCommand.CreateHandoff(stdout),
            RunsCommand.Create(stdout, stderr, interruption.Token),
            GitHubCommand.Create(stdout, stderr, interruption.Token),
            PromotionCommand.Create(stdout, stderr, interruption.Token),
            DocsCommand.Create(stdout, interruption.Token),
            EvidenceCommand.Create(stdout, stderr, interruption.Token),
            ExplainCommand.Create(stdout),
            InitCommand.Create(stdout),
            CompletionCommand.Create(stdout),
        };
        root.Add(CompletionCommand.CreateComplete(stdout, root));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"gatekit: {error.Message}");
            stderr.WriteLine("Run 'gatekit --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (RequestException e)
        {
            stderr.WriteLine($"gatekit: {e.Text.Word(CliFlags.Of)}");
            return ExitCodes.Usage;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"gatekit: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ConfigException e)
        {
            foreach (var error in e.Errors) stderr.WriteLine($"gatekit: {error}");
            return ExitCodes.InvalidInput;
        }
        catch (Runs.RunModifiedException e)
        {
            stderr.WriteLine($"gatekit: {e.Message}");
            return ExitCodes.NoGo;
        }
        catch (Evidence.NothingPackedException e)
        {
            stderr.WriteLine($"gatekit: {e.Text.Word(CliFlags.Of)}");
            return ExitCodes.InvalidInput;
        }
        catch (Runs.PinMismatchException e)
        {
            stderr.WriteLine($"gatekit: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
        {
            stderr.WriteLine("gatekit: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"gatekit: {e.Message}");
            return ExitCodes.Runtime;
        }
        catch (Exception e)
        {
            // A bug in GateKit: say so, with the stack, so that the report can be acted on.
            stderr.WriteLine($"gatekit: unexpected error (please report it): {e}");
            return ExitCodes.Runtime;
        }
    }

    private static string Version()
    {
        var informational = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational[..plus];
    }
}
