using System.CommandLine;
using System.Text.Json.Nodes;
using GateKit.Config;
using GateKit.Evidence;
using GateKit.Inputs;

namespace GateKit.Cli.Commands;

/// <summary>gatekit evidence pack | verify: evidence packs with SHA-256 manifests (exit 0 valid, 1 invalid, 2 not found, 3 malformed).</summary>
internal static class EvidenceCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupted) =>
        new("evidence", "Make and verify evidence packs (files with a SHA-256 manifest).") { Pack(stdout, stderr, interrupted), Verify(stdout, stderr, interrupted) };

    private static Option<int> Parallel() => new("--parallel")
    {
        Description = "Files hashed at once (default: the number of processors).",
        DefaultValueFactory = _ => FileHasher.DefaultParallelism,
    };

    private static Command Pack(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var input = new Option<string>("--in") { Description = "Folder whose files go into the pack.", Required = true };
        var outRoot = new Option<string>("--out-root") { Description = "Folder that holds packs and index.jsonl; the pack is <out-root>/<pack-id>.", Required = true };
        var packId = new Option<string>("--pack-id") { Description = "The pack's id and folder name.", Required = true };
        var deterministic = new Option<bool>("--deterministic") { Description = "Leave out everything that differs between runs (time, host details): same files, same manifest bytes." };
        var gitRef = new Option<string?>("--git-ref") { Description = "Commit or branch the evidence is for (default: the input folder's git HEAD)." };
        var runReason = new Option<string>("--run-reason") { Description = "Why the run was made, e.g. \"release readiness\".", Required = true };
        var operatorId = new Option<string>("--operator") { Description = "Who made the run.", Required = true };
        var include = new Option<string[]>("--include") { Description = "Glob of files to pack (repeatable; default **/*).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Glob of files to leave out (repeatable).", AllowMultipleArgumentsPerToken = true };
        var parallel = Parallel();
        var command = new Command("pack", "Copy a folder's files into a new pack with a manifest; never overwrites a pack.")
        {
            input, outRoot, packId, deterministic, gitRef, runReason, operatorId, include, exclude, parallel,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(input)!;
            var git = parse.GetValue(gitRef) ?? (Directory.Exists(folder) ? GitProbe.Read(folder)?.Sha : null)
                ?? throw new UsageException("--git-ref is required when the input folder is not in a git repository");
            var includes = parse.GetValue(include) is { Length: > 0 } i ? i : ["**/*"];
            foreach (var id in EvidenceIndex.AddMissing(Path.GetFullPath(parse.GetValue(outRoot)!)))
                stderr.WriteLine($"gatekit: pack {id} was not in the index (its pack process was stopped before recording it); indexed now");
            using var progress = ProgressLine.Start(stderr, "packing");
            var result = EvidencePacker.Pack(new PackRequest(folder, parse.GetValue(outRoot)!,
                new PackMetadata(parse.GetValue(packId)!, git, parse.GetValue(runReason)!, parse.GetValue(operatorId)!),
                CliApp.Tool, parse.GetValue(deterministic), DateTimeOffset.UtcNow)
            {
                Include = includes,
                Exclude = parse.GetValue(exclude) ?? [],
                Parallelism = Positive(parse.GetValue(parallel)),
                Progress = progress is null ? null : progress.Add,
            }, interrupted);
            progress?.Dispose();
            stdout.WriteLine($"packed {result.FileCount} file(s), {result.TotalBytes} bytes: {result.ManifestPath}");
            stdout.WriteLine($"manifest sha256 {result.ManifestSha256}");
            return ExitCodes.Go;
        });
        return command;
    }

    private static Command Verify(TextWriter stdout, TextWriter stderr, CancellationToken interrupted)
    {
        var manifest = new Option<string>("--manifest") { Description = "The pack's manifest.json.", Required = true };
        var lenient = new Option<bool>("--lenient") { Description = "Missing optional fields are warnings; a digest mismatch never is." };
        var format = CommonOptions.Format("text", "json");
        var parallel = Parallel();
        var maxManifestBytes = new Option<long>("--max-manifest-bytes")
        {
            Description = "A larger manifest is refused (exit 3) before it is parsed.", DefaultValueFactory = _ => InputReader.DefaultMaxBytes,
        };
        var command = new Command("verify", "Check a pack: required fields, the manifest's digest, every file's size and SHA-256, missing and extra files.")
        {
            manifest, lenient, format, parallel, maxManifestBytes,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(manifest)!;
            if (Directory.Exists(path)) path = Path.Combine(path, EvidenceManifest.FileName);
            if (!File.Exists(path)) throw new UsageException($"manifest {path} does not exist");
            var limit = parse.GetValue(maxManifestBytes) is var max and >= 1 ? max : throw new UsageException("--max-manifest-bytes must be at least 1");
            byte[] bytes;
            try { bytes = InputReader.ReadAll(path, limit, "--max-manifest-bytes"); }
            catch (InputTooLargeException e) { throw new ConfigException(new ConfigError(path, "$", e.Message, 1, 1)); }
            catch (IOException e) when (e is not FileNotFoundException) { throw new UsageException($"manifest {e.Message}"); }
            EvidenceReport report;
            using (var progress = ProgressLine.Start(stderr, "verifying"))
            {
                report = EvidenceVerifier.Verify(path, bytes, new VerifyOptions(parse.GetValue(lenient))
                {
                    Parallelism = Positive(parse.GetValue(parallel)),
                    Progress = progress is null ? null : progress.Add,
                }, interrupted);
            }
            if (parse.GetValue(format) == "json") WriteJson(stdout, report);
            else WriteText(stdout, report);
            return report.Malformed ? ExitCodes.InvalidInput : report.Valid ? ExitCodes.Go : ExitCodes.NoGo;
        });
        return command;
    }

    private static int Positive(int value) => value >= 1 ? value : throw new UsageException("--parallel must be at least 1");

    private static void WriteText(TextWriter o, EvidenceReport report)
    {
        foreach (var p in report.Problems)
        {
            var where = p.Line is { } line ? $"{report.Manifest}:{line}{(p.Column is { } c ? $":{c}" : "")}: " : "";
            o.WriteLine($"{where}{(p.Severity == ProblemSeverity.Error ? "error" : "warning")} {p.Code}: {p.Message}");
        }
        var errors = report.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = report.Problems.Count - errors;
        o.WriteLine($"{(report.Valid ? "VALID" : "INVALID")}  {report.Manifest}  pack {report.PackId ?? "?"}: {report.FilesHashed}/{report.FilesListed} file(s) hashed, {report.BytesHashed} bytes; {errors} error(s), {warnings} warning(s)");
    }

    private static void WriteJson(TextWriter o, EvidenceReport report)
    {
        var problems = new JsonArray();
        foreach (var p in report.Problems)
        {
            var item = new JsonObject { ["code"] = p.Code, ["severity"] = p.Severity == ProblemSeverity.Error ? "error" : "warning", ["message"] = p.Message };
            if (p.Path is not null) item["path"] = p.Path;
            if (p.JsonPath is not null) item["jsonPath"] = p.JsonPath;
            if (p.Line is not null) item["line"] = p.Line;
            if (p.Column is not null) item["column"] = p.Column;
            problems.Add((JsonNode)item);
        }
        var root = new JsonObject
        {
            ["manifest"] = report.Manifest,
            ["packId"] = report.PackId,
            ["valid"] = report.Valid,
            ["filesListed"] = report.FilesListed,
            ["filesHashed"] = report.FilesHashed,
            ["bytesHashed"] = report.BytesHashed,
            ["problems"] = problems,
        };
        o.Write(System.Text.Encoding.UTF8.GetString(EvidenceManifest.Canonical(root)));
        o.WriteLine();
    }

    /// <summary>Bytes done, redrawn on one stderr line at most four times a second; only when stderr is a terminal.</summary>
    private sealed class ProgressLine : IDisposable
    {
        private readonly TextWriter stderr;
        private readonly string verb;
        private readonly Timer timer;
        private long bytes;
        private int disposed;

        private ProgressLine(TextWriter stderr, string verb)
        {
            this.stderr = stderr;
            this.verb = verb;
            timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }

        public static ProgressLine? Start(TextWriter stderr, string verb) =>
            Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error) ? null : new ProgressLine(stderr, verb);

        public void Add(long count) => Interlocked.Add(ref bytes, count);

        private void Draw()
        {
            if (Volatile.Read(ref disposed) == 0) lock (stderr) stderr.Write($"\r{verb}: {Interlocked.Read(ref bytes) / (1024.0 * 1024):F0} MiB hashed ");
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1) return;
            timer.Dispose();
            lock (stderr) stderr.Write("\r\u001b[K");
        }
    }
}
