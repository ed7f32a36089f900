using System.CommandLine;

namespace GateKit.Cli.Commands;

/// <summary>Options several commands share, declared once.</summary>
internal static class CommonOptions
{
    public static Option<string> Config() => new("--config", "-c")
    {
        Description = "Path to gatekit.json (or the folder holding it).",
        DefaultValueFactory = _ => "gatekit.json",
    };

    public static Option<string?> Out() => new("--out")
    {
        Description = "State folder for runs, history and latest (default: .gatekit beside the config).",
    };

    /// <summary>The state folder a command works on: --out, else .gatekit beside the config (which need not be valid).</summary>
    public static string StateDirectory(ParseResult parse, Option<string> config, Option<string?> output)
    {
        if (parse.GetValue(output) is { } state) return state;
        var path = Path.GetFullPath(parse.GetValue(config)!);
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
        return Output.RunStore.DefaultStateDirectory(folder);
    }

    public static Option<string> Format(params string[] formats) => new Option<string>("--format")
    {
        Description = $"Output format: {string.Join(" or ", formats)}.",
        DefaultValueFactory = _ => formats[0],
    }.AcceptOnlyFromAmong(formats);

    /// <summary>--report FORMAT=PATH (repeatable), on run and github publish.</summary>
    public static Option<string[]> Reports() => new("--report")
    {
        Description = $"Also write a report for another tool: FORMAT=PATH, FORMAT one of {string.Join(", ", Output.Reports.ReportWriters.Names)} (repeatable).",
    };
}
