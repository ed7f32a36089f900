using System.CommandLine;
using System.CommandLine.Completions;
using GateKit.Config;
using GateKit.Gates;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>
/// gatekit completion SHELL prints a completion script; each script asks the hidden
/// <c>gatekit complete -- WORDS…</c> (the words after "gatekit", the last one the word being completed)
/// for candidates, one per line. Commands, options and fixed values come from the declared commands;
/// gate names, profiles (from the config), schema names, codes and run ids (from the state folder) are
/// filled in here by option or argument name, so every command gets them without declaring a source.
/// </summary>
internal static class CompletionCommand
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish", "pwsh"];

    public static Command Create(TextWriter stdout)
    {
        var shell = new Argument<string>("shell") { Description = $"One of: {string.Join(", ", Shells)}." }.AcceptOnlyFromAmong([.. Shells]);
        var command = new Command("completion", "Print a shell completion script (bash, zsh, fish or pwsh); see README for where to put it.") { shell };
        command.SetAction(parse =>
        {
            stdout.Write(Script(parse.GetValue(shell)!));
            return ExitCodes.Go;
        });
        return command;
    }

    /// <summary>The hidden command the scripts call; it needs the whole command tree to walk.</summary>
    public static Command CreateComplete(TextWriter stdout, RootCommand root)
    {
        var words = new Argument<string[]>("words") { Arity = ArgumentArity.ZeroOrMore, Description = "The words after 'gatekit', the last being completed." };
        var command = new Command("complete", "Print completion candidates for a command line (used by the completion scripts).") { words };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            foreach (var candidate in Candidates(root, parse.GetValue(words) ?? [])) stdout.WriteLine(candidate);
            return ExitCodes.Go;
        });
        return command;
    }

    /// <summary>Candidates for the last word, given the words before it; sorted, each once.</summary>
    public static IReadOnlyList<string> Candidates(RootCommand root, IReadOnlyList<string> words)
    {
        var partial = words.Count > 0 ? words[^1] : "";
        Command current = root;
        var chain = new List<Command> { root };
        Option? pending = null;
        foreach (var word in words.Take(Math.Max(0, words.Count - 1)))
        {
            if (pending is not null) { pending = null; continue; }
            if (word.StartsWith('-'))
            {
                var option = OptionsOf(chain).FirstOrDefault(o => o.Name == word || o.Aliases.Contains(word));
                // A bool option is a flag: it may take a value, but the next word is rarely one.
                if (option is not null && option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool)) pending = option;
                continue;
            }
            if (current.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word)) is { } sub)
            {
                current = sub;
                chain.Add(sub);
            }
        }

        IEnumerable<string> all;
        if (pending is not null) all = Values(pending.Name, pending, words);
        else if (partial.StartsWith('-')) all = OptionsOf(chain).Where(o => !o.Hidden).Select(o => o.Name).Append("--help");
        else all = current.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(current.Arguments.SelectMany(a => Values(a.Name, a, words)));
        return all.Where(c => c.StartsWith(partial, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The options a command accepts: its own and its ancestors' recursive ones.</summary>
    private static IEnumerable<Option> OptionsOf(List<Command> chain) =>
        chain[^1].Options.Concat(chain.Take(chain.Count - 1).SelectMany(c => c.Options.Where(o => o.Recursive)));

    private static IEnumerable<string> Values(string name, Symbol symbol, IReadOnlyList<string> words) => name switch
    {
        "--gate" => GateCatalog.Names,
        "--profile" => Profiles(words),
        "--run" or "run" or "before" or "after" => RunIds(words),
        "code" => CodeCatalog.Codes,
        "name" when symbol.Parents.OfType<Command>().Any(c => c.Name == "print") => Schemas.Names,
        _ => symbol.GetCompletions(CompletionContext.Empty).Select(c => c.Label),
    };

    private static string? ValueOf(IReadOnlyList<string> words, params string[] names)
    {
        for (var i = words.Count - 2; i >= 0; i--)
            if (names.Contains(words[i])) return words[i + 1];
        return null;
    }

    private static IEnumerable<string> Profiles(IReadOnlyList<string> words)
    {
        try
        {
            return ConfigLoader.Load(ValueOf(words, "--config", "-c") ?? ConfigLoader.DefaultFileName).Config.Profiles?.Keys ?? [];
        }
        catch (Exception e) when (e is ConfigException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>"latest" and the run folders of the state folder (--out, else .gatekit beside --config), newest first by name.</summary>
    private static IEnumerable<string> RunIds(IReadOnlyList<string> words)
    {
        var state = ValueOf(words, "--out");
        if (state is null)
        {
            var config = Path.GetFullPath(ValueOf(words, "--config", "-c") ?? ConfigLoader.DefaultFileName);
            state = RunStore.DefaultStateDirectory(Directory.Exists(config) ? config : Path.GetDirectoryName(config)!);
        }
        try
        {
            return Directory.EnumerateDirectories(new RunStore(state).RunsDirectory).Select(Path.GetFileName).OfType<string>().Prepend("latest").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ["latest"];
        }
    }

    /// <summary>The script for one shell; each passes the words up to the cursor to 'gatekit complete'.</summary>
    public static string Script(string shell) => shell switch
    {
        "bash" => """
            # gatekit completion for bash: gatekit completion bash > ~/.gatekit-completion.bash; echo '. ~/.gatekit-completion.bash' >> ~/.bashrc
            _gatekit_complete() {
                local IFS=$'\n'
                COMPREPLY=($(gatekit complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
            }
            complete -o default -F _gatekit_complete gatekit

            """,
        "zsh" => """
            #compdef gatekit
            # gatekit completion for zsh: gatekit completion zsh > "${fpath[1]}/_gatekit" (or source it after compinit)
            _gatekit() {
                local -a candidates
                candidates=(${(f)"$(gatekit complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)"})
                compadd -a candidates
            }
            if (( $+functions[compdef] )); then compdef _gatekit gatekit; fi

            """,
        "fish" => """
            # gatekit completion for fish: gatekit completion fish > ~/.config/fish/completions/gatekit.fish
            function __gatekit_complete
                set -l words (commandline -opc)
                set -e words[1]
                set -l current (commandline -ct)
                gatekit complete -- $words "$current" 2>/dev/null
            end
            complete -c gatekit -f -a '(__gatekit_complete)'

            """,
        "pwsh" => """
            # gatekit completion for PowerShell: gatekit completion pwsh >> $PROFILE
            Register-ArgumentCompleter -Native -CommandName gatekit -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                $words = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
                if ($wordToComplete -eq '') { $words += '' }
                gatekit complete -- @words 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
        _ => throw new UsageException($"unknown shell '{shell}'; known: {string.Join(", ", Shells)}"),
    };
}
