using System.CommandLine;
using System.Text;
using GateKit.Decisions;
using GateKit.Output;
using GateKit.Reports;
using GateKit.Runs;

namespace GateKit.Cli.Commands;

/// <summary>gatekit signoff and gatekit handoff: the operator documents of a run.</summary>
internal static class SignoffCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.Out();
        var run = new Option<string>("--run") { Description = "The run id (or \"latest\").", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of standard output." };
        var command = new Command("signoff", "Write the sign-off note of a run: result, top findings, risks, recommendation, evidence.") { config, state, run, output };
        command.SetAction(parse =>
        {
            var catalog = new RunCatalog(CommonOptions.StateDirectory(parse, config, state));
            var result = catalog.LoadVerified(parse.GetValue(run)!);
            var decisions = new DecisionStore(catalog.Store.StateDirectory).For(result.RunId);
            var target = parse.GetValue(output) is { } file ? Path.GetFullPath(file) : null;
            var linkBase = Path.GetRelativePath(target is null ? Environment.CurrentDirectory : Path.GetDirectoryName(target)!,
                catalog.Store.FolderOf(result.RunId)).Replace('\\', '/');
            var text = SignoffDocument.Render(result, decisions.Count > 0 ? decisions[^1] : null, linkBase);
            if (target is null) stdout.Write(text);
            else AtomicFile.Write(target, Encoding.UTF8.GetBytes(text));
            return ExitCodes.Go;
        });
        return command;
    }

    public static Command CreateHandoff(TextWriter stdout)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.Out();
        var run = new Option<string>("--run") { Description = "The run id (or \"latest\").", Required = true };
        var folder = new Option<string?>("--to") { Description = "The handoff folder to create (default: <state>/handoff/<runId>)." };
        var command = new Command("handoff", "Create a handoff folder for a run: INDEX.md with summary, gate reports, decisions, open risks and next actions.") { config, state, run, folder };
        command.SetAction(parse =>
        {
            var catalog = new RunCatalog(CommonOptions.StateDirectory(parse, config, state));
            // Verified before anything is created: a modified run gets no handoff folder at all.
            var id = catalog.LoadVerified(parse.GetValue(run)!).RunId;
            var target = parse.GetValue(folder) ?? Path.Combine(catalog.Store.StateDirectory, "handoff", id);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            stdout.WriteLine(Path.Combine(HandoffPackage.Write(catalog, id, target), HandoffPackage.IndexFile));
            return ExitCodes.Go;
        });
        return command;
    }
}
