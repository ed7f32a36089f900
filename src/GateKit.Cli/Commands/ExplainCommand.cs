using System.CommandLine;
using GateKit.Config;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>gatekit explain CODE: a finding code's meaning, default priority, fix and waiver, from <see cref="CodeCatalog"/>.</summary>
internal static class ExplainCommand
{
    /// <summary>An unknown code is echoed at most this long, so a hostile argument cannot flood the terminal.</summary>
    private const int MaxEcho = 80;

    public static Command Create(TextWriter stdout)
    {
        var code = new Argument<string>("code") { Description = "A finding or reason code, e.g. condition_violated (gatekit explain --list lists them)." };
        code.Arity = ArgumentArity.ZeroOrOne;
        var list = new Option<bool>("--list") { Description = "List every known code." };
        var command = new Command("explain", "Explain a finding code: what it means, its default priority, how to fix it and how to waive it.") { code, list };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                foreach (var known in CodeCatalog.Codes) stdout.WriteLine(known);
                return ExitCodes.Go;
            }
            var requested = parse.GetValue(code) ?? throw new UsageException("name a code to explain, or use --list");
            if (CodeCatalog.Find(requested).Count == 0)
            {
                var nearest = CodeCatalog.Nearest(requested);
                throw new UsageException($"unknown code '{Echo(requested)}'"
                    + (nearest.Count > 0 ? $"; did you mean {string.Join(", ", nearest)}?" : "; 'gatekit explain --list' lists the known codes"));
            }
            stdout.Write(CodeCatalog.Section(requested));
            return ExitCodes.Go;
        });
        return command;
    }

    private static string Echo(string text)
    {
        var visible = string.Concat(text.Take(MaxEcho).Select(c => char.IsControl(c) ? '?' : c));
        return text.Length > MaxEcho ? visible + "…" : visible;
    }
}
