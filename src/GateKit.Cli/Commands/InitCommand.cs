using System.CommandLine;
using GateKit.Config;
using GateKit.Output;

namespace GateKit.Cli.Commands;

/// <summary>gatekit init: propose a starter gatekit.json from what the repository holds, explained on standard output.</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout)
    {
        var dir = new Option<string>("--dir") { Description = "The repository folder to look at and write gatekit.json into.", DefaultValueFactory = _ => "." };
        var command = new Command("init", "Write a starter gatekit.json for the repository (never overwrites one) and explain it.") { dir };
        command.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(dir)!);
            if (!Directory.Exists(root)) throw new UsageException($"--dir {root}: no such folder");
            var path = Path.Combine(root, ConfigLoader.DefaultFileName);
            UsageException Exists() => new($"{path} already exists; init never overwrites a config (edit it, or remove it first)");
            if (File.Exists(path) || Directory.Exists(path)) throw Exists();
            var starter = StarterConfig.Propose(root)
                ?? throw new UsageException($"{root}: found no Markdown, JSONL report or evidence pack to gate; see README.md for writing gatekit.json by hand");
            // A config written meanwhile (another init, an editor) is not replaced either.
            if (!AtomicFile.TryCreate(path, starter.Json)) throw Exists();
            stdout.WriteLine($"wrote {path}");
            foreach (var line in starter.Explanation) stdout.WriteLine($"  {line}");
            stdout.WriteLine("Check it with 'gatekit validate-config', then run 'gatekit run'.");
            return ExitCodes.Go;
        });
        return command;
    }
}
