using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GateKit.Config;
using GateKit.Output;

namespace GateKit.Cli.Commands;

/// <summary>gatekit validate-config: load the config strictly and report every problem (exit 3) or "valid".</summary>
internal static class ValidateConfigCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = CommonOptions.Config();
        var format = CommonOptions.Format("text", "json");
        var command = new Command("validate-config", "Check gatekit.json against its schema and rules without running any gate; every problem is reported.") { config, format };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(config)!;
            if (parse.GetValue(format) != "json")
            {
                var loaded = ConfigLoader.Load(path);
                stdout.WriteLine($"{path}: valid (gates: {string.Join(", ", Gates.GateCatalog.Configured(loaded.Config.Gates))})");
                return ExitCodes.Go;
            }
            IReadOnlyList<ConfigError> problems;
            try
            {
                ConfigLoader.Load(path);
                problems = [];
            }
            catch (ConfigException e)
            {
                problems = e.Errors;
            }
            var array = new JsonArray();
            foreach (var p in problems)
                array.Add((JsonNode)new JsonObject { ["file"] = p.File, ["line"] = p.Line, ["column"] = p.Column, ["path"] = p.JsonPath, ["problem"] = p.Problem });
            var report = new JsonObject { ["config"] = path, ["valid"] = problems.Count == 0, ["problems"] = array };
            stdout.WriteLine(Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonSerializer.SerializeToElement(report, ResultJsonContext.Default.JsonNode))));
            return problems.Count == 0 ? ExitCodes.Go : ExitCodes.InvalidInput;
        });
        return command;
    }
}
