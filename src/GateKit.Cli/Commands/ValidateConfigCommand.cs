using System.CommandLine;
using GateKit.Config;

namespace GateKit.Cli.Commands;

/// <summary>gatekit validate-config: load the config strictly and report every problem (exit 3) or "valid".</summary>
internal static class ValidateConfigCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = CommonOptions.Config();
        var command = new Command("validate-config", "Check gatekit.json against its schema and rules without running any gate.") { config };
        command.SetAction(parse =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            stdout.WriteLine($"{parse.GetValue(config)}: valid (gates: {string.Join(", ", Gates.GateCatalog.Configured(loaded.Config.Gates))})");
            return ExitCodes.Go;
        });
        return command;
    }
}
