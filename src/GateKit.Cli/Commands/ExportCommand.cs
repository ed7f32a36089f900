using System.CommandLine;
using System.Text;
using GateKit.Config;
using GateKit.History;
using GateKit.Output;

namespace GateKit.Cli.Commands;

/// <summary>gatekit export: a gate's history as flat records, CSV (RFC 4180) or JSON.</summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.Out();
        var gate = new Option<string>("--gate", "-g") { Description = "Whose history to export.", DefaultValueFactory = _ => "quality" };
        var format = CommonOptions.Format("csv", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of standard output." };
        var command = new Command("export", "Export the run history of a gate as flat records.") { config, state, gate, format, output };
        command.SetAction(parse =>
        {
            var stateDirectory = CommonOptions.StateDirectory(parse, config, state);
            var name = parse.GetValue(gate)!;
            if (!Gates.GateCatalog.Names.Contains(name))
                throw new UsageException($"unknown gate '{name}'; known gates: {string.Join(", ", Gates.GateCatalog.Names)}");
            var records = new HistoryStore(stateDirectory).Read(name).Records;
            var bytes = parse.GetValue(format) == "json" ? HistoryExport.ToJson(records) : Encoding.UTF8.GetBytes(HistoryExport.ToCsv(records));
            if (parse.GetValue(output) is { } file) AtomicFile.Write(file, bytes);
            else stdout.Write(Encoding.UTF8.GetString(bytes));
            return ExitCodes.Go;
        });
        return command;
    }
}
