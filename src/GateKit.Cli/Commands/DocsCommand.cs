using System.CommandLine;
using GateKit.Config;
using GateKit.Gates.Docs;
using GateKit.Output;
using GateKit.Results;

namespace GateKit.Cli.Commands;

/// <summary>gatekit docs check: every relative link and anchor of the Markdown under a folder resolves (exit 0 clean, 1 findings).</summary>
internal static class DocsCommand
{
    public static Command Create(TextWriter stdout, CancellationToken interrupted)
    {
        var root = new Argument<string>("ROOT") { Description = "Repository folder to check (default: the current folder).", DefaultValueFactory = _ => "." };
        var changed = new Option<bool>("--changed") { Description = "Check only the files changed against --base, plus unchanged files that link to files the change deleted or renamed." };
        var baseRef = new Option<string?>("--base") { Description = "The git ref --changed compares the working tree with, e.g. origin/main." };
        var slugs = new Option<string>("--slugs") { Description = "Heading slug dialect: github, gitlab (GitLab 17.0 and later), gitlab-legacy (before 17.0) or mkdocs (ignored with --config).", DefaultValueFactory = _ => "github" }
            .AcceptOnlyFromAmong("github", "gitlab", "gitlab-legacy", "mkdocs");
        var config = new Option<string?>("--config", "-c") { Description = "Take roots, globs, ignore rules and waivers from this gatekit.json's docs gate; ROOT is then its folder." };
        var format = CommonOptions.Format("text", "json");

        var check = new Command("check", "Check relative links, images and anchors in Markdown, offline.") { root, changed, baseRef, slugs, config, format };
        check.SetAction(parse =>
        {
            var (docs, folder, waivers) = Resolve(parse.GetValue(config), parse.GetValue(root)!, parse.GetValue(slugs)!);
            if (parse.GetValue(baseRef) is { } b && !parse.GetValue(changed)) throw new UsageException("--base is only used with --changed");
            DocsChangeSet? changes = null;
            if (parse.GetValue(changed))
            {
                var reference = parse.GetValue(baseRef) ?? throw new UsageException("--changed needs --base REF");
                changes = GitChanges.Against(folder, reference);
            }
            var result = DocsCheck.Run(docs, folder, changes, waivers, DateTimeOffset.UtcNow, interrupted);
            if (parse.GetValue(format) == "json")
                stdout.Write(System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(result, ResultJsonContext.Default.GateResult)));
            else
                WriteText(stdout, result);
            return result.Status is GateStatus.Pass or GateStatus.Skipped ? ExitCodes.Go : ExitCodes.NoGo;
        });
        return new Command("docs", "Documentation references.") { check };
    }

    private static (DocsConfig Docs, string Folder, IReadOnlyList<WaiverConfig> Waivers) Resolve(string? configPath, string root, string slugs)
    {
        if (configPath is not null)
        {
            var loaded = ConfigLoader.Load(configPath);
            var docs = loaded.Config.Gates.Docs ?? throw new UsageException($"{configPath} configures no docs gate (gates.docs)");
            return (docs, loaded.RootDirectory, loaded.Config.Waivers ?? []);
        }
        if (!Directory.Exists(root)) throw new UsageException($"{root} is not a folder");
        var dialect = slugs switch
        {
            "gitlab" => SlugDialect.GitLab, "gitlab-legacy" => SlugDialect.GitLabLegacy, "mkdocs" => SlugDialect.MkDocs, _ => SlugDialect.GitHub,
        };
        return (new DocsConfig { Roots = [new DocsRootConfig { Path = ".", Slugs = dialect }] }, Path.GetFullPath(root), []);
    }

    private static void WriteText(TextWriter o, GateResult result)
    {
        foreach (var f in result.Findings)
        {
            var where = f.Location is { } l ? $"{l.File}{(l.Line is { } line ? $":{line}" : "")}{(l.Column is { } c ? $":{c}" : "")}: " : "";
            o.WriteLine($"{where}{f.Priority} {f.Code}{(f.IsWaived ? " (waived)" : "")}: {f.Message}");
        }
        var m = result.Metrics;
        o.WriteLine($"docs: {result.Status.Name()}, {m.GetValueOrDefault("files_checked"):0} file(s), {m.GetValueOrDefault("links_checked"):0} link(s) checked, "
                    + $"{m.GetValueOrDefault("links_external"):0} external not fetched, {result.Findings.Count(f => !f.IsWaived)} finding(s)");
    }
}
