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

    public static Option<string> Format(params string[] formats) => new Option<string>("--format")
    {
        Description = $"Output format: {string.Join(" or ", formats)}.",
        DefaultValueFactory = _ => formats[0],
    }.AcceptOnlyFromAmong(formats);
}
