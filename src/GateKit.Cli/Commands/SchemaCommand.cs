using System.CommandLine;
using GateKit.Config;
using GateKit.Output;

namespace GateKit.Cli.Commands;

/// <summary>gatekit schema print NAME: the published JSON Schemas, embedded in the tool.</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter stdout)
    {
        var name = new Argument<string>("name") { Description = $"One of: {string.Join(", ", Schemas.Names)}." };
        var print = new Command("print", "Print a JSON Schema (draft-07) to standard output.") { name };
        print.SetAction(parse =>
        {
            var requested = parse.GetValue(name)!;
            if (Schemas.Read(requested) is not { } text)
                throw new UsageException($"unknown schema '{requested}'; known: {string.Join(", ", Schemas.Names)}");
            stdout.Write(text);
            return ExitCodes.Go;
        });
        return new Command("schema", "Work with GateKit's JSON Schemas.") { print };
    }
}
