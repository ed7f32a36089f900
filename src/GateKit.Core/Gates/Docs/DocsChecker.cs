using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using GateKit.Inputs;
using GateKit.Results;
using Microsoft.Extensions.FileSystemGlobbing;

namespace GateKit.Gates.Docs;

/// <summary>What a docs check found, with the inputs it read and its counts.</summary>
public sealed record DocsReport(IReadOnlyList<Finding> Findings, IReadOnlyList<InputDigest> Inputs, IReadOnlyDictionary<string, double> Metrics);

/// <summary>
/// Checks every relative reference of the Markdown under the configured roots: the target exists
/// (case-sensitively, inside the root, and in a git work tree not only as a git-ignored file), and its
/// fragment names a heading slug, an explicit id or a line of the target. Each file is read and parsed
/// once. With a <see cref="DocsChangeSet"/> only the changed files are checked, plus, in every other file,
/// the links to files the change removed. GateKit's own state (every <c>.gatekit</c> folder and the run's
/// state folder) is never read as documentation.
/// </summary>
public sealed partial class DocsChecker
{
    private static readonly string[] MarkdownExtensions = [".md", ".markdown", ".mdown", ".mkd", ".mkdn"];
    private static readonly string[] HtmlExtensions = [".html", ".htm"];
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    // Parsing recurses inside Markdig for nested containers; a large stack keeps hostile nesting from ending the process.
    private const int ParserStackBytes = 256 * 1024 * 1024;

    private readonly DocsConfig config;
    private readonly DocsTree tree;
    private readonly DocsChangeSet? changes;
    private readonly string? stateFolder;
    private readonly Lazy<GitIgnoredPaths> gitIgnored;
    private readonly List<(Regex? Target, Matcher? File)> ignores;
    private readonly ConcurrentDictionary<string, InputDigest> inputs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, SlugDialect Dialect), Lazy<IReadOnlySet<string>?>> targetAnchors = new();
    private readonly ConcurrentDictionary<string, Lazy<int?>> lineCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileScan> scans = new(StringComparer.Ordinal);
    private readonly List<Finding> findings = [];
    private int linksChecked;
    private int externalLinks;

    private sealed record FileScan(string Path, SlugDialect Dialect, ScannedDocument? Document, IReadOnlyList<Finding> Problems);

    private DocsChecker(DocsConfig config, FileRoot files, DocsChangeSet? changes, string? stateDirectory)
    {
        this.config = config;
        tree = new DocsTree(files);
        this.changes = changes;
        if (stateDirectory is not null)
        {
            var relative = Path.GetRelativePath(files.Directory, Path.GetFullPath(stateDirectory)).Replace('\\', '/');
            if (relative != "." && relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                stateFolder = relative;
        }
        gitIgnored = new Lazy<GitIgnoredPaths>(() => GitIgnoredPaths.Read(files.Directory));
        ignores = config.Ignore.Select((rule, i) =>
        {
            Matcher? matcher = null;
            if (rule.File is { } glob)
            {
                matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddInclude(glob);
            }
            if (rule.Target is { } pattern && IgnorePattern.Problem(pattern) is { } problem)
                throw new Config.ConfigException(new Config.ConfigError("gates.docs", $"$.gates.docs.ignore[{i}].target", problem));
            return (rule.Target is { } target ? IgnorePattern.Compile(target) : null, matcher);
        }).ToList();
    }

    /// <summary>Checks the docs under <paramref name="files"/>; <paramref name="stateDirectory"/> (the run's state folder, when inside) is never read.</summary>
    /// <exception cref="Config.ConfigException">An ignore pattern is not a usable regular expression.</exception>
    public static DocsReport Check(DocsConfig config, FileRoot files, DocsChangeSet? changes, CancellationToken cancellationToken, string? stateDirectory = null)
    {
        var checker = new DocsChecker(config, files, changes, stateDirectory);
        return checker.Run(cancellationToken);
    }

    private DocsReport Run(CancellationToken cancellationToken)
    {
        var selected = SelectFiles();
        var ordered = selected.Keys.OrderBy(p => p, StringComparer.Ordinal).ToList();
        var parsed = new FileScan[ordered.Count];
        ParseAll(ordered.Count, i => parsed[i] = ScanFile(ordered[i], selected[ordered[i]]), cancellationToken);
        foreach (var scan in parsed) scans[scan.Path] = scan;

        var filesChecked = 0;
        foreach (var scan in parsed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = changes is null || changes.Changed.Contains(scan.Path);
            if (full)
            {
                filesChecked++;
                findings.AddRange(scan.Problems);
            }
            if (scan.Document is { } document) CheckDocument(scan, document, full);
        }
        if (selected.Count == 0)
            findings.Add(Make(DocsCodes.NothingEvaluated, "no Markdown file matched the docs gate's roots and include globs: nothing was evaluated", null, null));

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["files_total"] = selected.Count,
            ["files_checked"] = filesChecked,
            ["links_checked"] = linksChecked,
            ["links_external"] = externalLinks,
        };
        var sorted = findings
            .OrderBy(f => f.Location?.File ?? "", StringComparer.Ordinal).ThenBy(f => f.Location?.Line ?? 0).ThenBy(f => f.Location?.Column ?? 0)
            .ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        return new DocsReport(sorted, [.. inputs.Values.OrderBy(i => i.Path, StringComparer.Ordinal)], metrics);
    }

    /// <summary>The files of every root that match include and not exclude; a file in two roots belongs to the first.</summary>
    private Dictionary<string, SlugDialect> SelectFiles()
    {
        var selected = new Dictionary<string, SlugDialect>(StringComparer.Ordinal);
        foreach (var root in config.Roots)
        {
            var folder = NormalizeFolder(root.Path);
            if (folder is null || tree.Find(folder).Kind != EntryKind.Directory)
            {
                findings.Add(Make(DocsCodes.TargetMissing, $"docs root '{root.Path}' is not a folder inside the repository", null, root.Path));
                continue;
            }
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddIncludePatterns(config.Include);
            matcher.AddExcludePatterns(config.Exclude);
            foreach (var path in tree.Walk(folder))
            {
                if (stateFolder is not null && path.StartsWith(stateFolder + "/", StringComparison.Ordinal)) continue;
                var relative = folder.Length == 0 ? path : path[(folder.Length + 1)..];
                if (matcher.Match(relative).HasMatches) selected.TryAdd(path, root.Slugs);
            }
        }
        return selected;
    }

    private static string? NormalizeFolder(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static void ParseAll(int count, Action<int> parse, CancellationToken cancellationToken)
    {
        var next = -1;
        Exception? failure = null;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(Environment.ProcessorCount, count / 16 + 1))).Select(_ => new Thread(() =>
        {
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested) parse(i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }, ParserStackBytes) { IsBackground = true }).ToList();
        foreach (var w in workers) w.Start();
        foreach (var w in workers) w.Join();
        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null) throw new InvalidOperationException($"docs gate: {failure.Message}", failure);
    }

    private FileScan ScanFile(string path, SlugDialect dialect)
    {
        var problems = new List<Finding>();
        var text = ReadText(path, problems, report: true);
        if (text is null) return new FileScan(path, dialect, null, problems);
        try
        {
            return new FileScan(path, dialect, MarkdownScanner.Scan(text, dialect), problems);
        }
        catch (MarkdownNestingException e)
        {
            // Markdig refuses nesting deeper than its limit rather than overflow the stack.
            problems.Add(Make(DocsCodes.FileTooDeep, $"{path} nests Markdown deeper than the parser allows ({e.Limit} levels); it was not checked", new Location(path), path));
            return new FileScan(path, dialect, null, problems);
        }
        catch (MarkdownTooComplexException e)
        {
            problems.Add(Make(DocsCodes.FileTooComplex, $"{path} has link destinations that would take the parser more than {LinkScanBudget.MaxSteps:N0} steps by line {e.Line} "
                + "(many unclosed \"](\" in one unbroken run of text); it was not checked", new Location(path, e.Line), path));
            return new FileScan(path, dialect, null, problems);
        }
    }

    /// <summary>Reads a file as text: too large, binary or unreadable → null (with a finding when asked); invalid UTF-8 → replacement characters and a finding.</summary>
    private string? ReadText(string path, List<Finding>? problems, bool report)
    {
        void Problem(string code, string message, int? line = null, int? column = null)
        {
            if (report) problems?.Add(Make(code, message, new Location(path, line, column), path));
        }

        if (!tree.Files.TryResolve(path, out var full, out var why)) { Problem(DocsCodes.OutsideRoot, why); return null; }
        try
        {
            var size = new FileInfo(full).Length;
            if (size > config.MaxFileBytes)
            {
                Problem(DocsCodes.FileTooLarge, $"{path} is {size:N0} bytes, above maxFileBytes ({config.MaxFileBytes:N0}); it was not checked");
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        if (tree.Files.TryRead(path, out var file, out var problem, config.MaxFileBytes, "maxFileBytes") != ReadFailure.None)
        {
            Problem(DocsCodes.FileUnreadable, problem);
            return null;
        }
        inputs.TryAdd(file!.Digest.Path, file.Digest);
        var bytes = file.Bytes.AsSpan();
        if (bytes.IndexOf((byte)0) >= 0)
        {
            Problem(DocsCodes.FileNotText, $"{path} holds NUL bytes: it is binary, not Markdown; it was not checked");
            return null;
        }
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var before = Encoding.UTF8.GetString(bytes[..Math.Max(0, e.Index)]);
            var line = before.Count(c => c == '\n') + 1;
            var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
            Problem(DocsCodes.FileInvalidUtf8, $"{path} is not valid UTF-8 (first bad byte at line {line}); checked with replacement characters", line, column);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    private void CheckDocument(FileScan scan, ScannedDocument document, bool full)
    {
        foreach (var link in document.Links) Check(scan, document, link, full);
        foreach (var definition in document.Definitions)
        {
            if (definition.Duplicate)
            {
                if (full) Add(DocsCodes.ReferenceDuplicate, $"reference definition [{definition.Label}] is defined again; only the first one is used", scan.Path, definition.Link);
                continue;
            }
            Check(scan, document, definition.Link, full);
            if (!definition.Used && full)
                Add(DocsCodes.ReferenceUnused, $"reference definition [{definition.Label}] is never used", scan.Path, definition.Link);
        }
    }

    private void Check(FileScan scan, ScannedDocument document, LinkRef link, bool full)
    {
        var url = link.Url.Trim();
        if (url.Length == 0) return;
        if (IsExternal(url))
        {
            if (!full) return;
            externalLinks++;
            if (config.ListExternal && !Ignored(scan.Path, url))
                Add(DocsCodes.ExternalLink, $"external link {url} (not fetched)", scan.Path, link);
            return;
        }
        var hash = url.IndexOf('#');
        var pathPart = hash < 0 ? url : url[..hash];
        var fragment = hash < 0 ? null : Decode(url[(hash + 1)..]);
        var query = pathPart.IndexOf('?');
        // GitHub's ?plain=1 is the source view of a rendered file (Markdown): it has line anchors, not heading ids.
        var plain = query >= 0 && pathPart[(query + 1)..].Split('&').Contains("plain=1");
        if (query >= 0) pathPart = pathPart[..query];
        pathPart = Decode(pathPart);

        string? target;
        if (pathPart.Length == 0) target = scan.Path;
        else target = Resolve(scan.Path, pathPart);

        if (!full && (target is null || RemovedBy(target) is null)) return;
        if (Ignored(scan.Path, url)) return;
        linksChecked++;

        if (target is null)
        {
            Add(DocsCodes.OutsideRoot, $"{Describe(link)} {url} leaves the repository root; it was not read", scan.Path, link);
            return;
        }
        if (pathPart.Length == 0)
        {
            if (fragment is not null && !HasAnchor(document.Anchors, fragment, scan.Dialect))
                Add(DocsCodes.OwnAnchorMissing, $"{Describe(link)} {url}: this file has no heading or id '{fragment}'", scan.Path, link);
            return;
        }
        var entry = tree.Find(target);
        switch (entry.Kind)
        {
            case EntryKind.OutsideRoot:
                Add(DocsCodes.OutsideRoot, $"{Describe(link)} {url} leaves the repository root through a symbolic link; it was not read", scan.Path, link);
                return;
            case EntryKind.CaseMismatch:
                Add(DocsCodes.CaseMismatch, $"{Describe(link)} {url}: no {target}, but {entry.ActualPath} exists (GitHub paths are case-sensitive)", scan.Path, link);
                return;
            case EntryKind.Missing:
                Add(DocsCodes.TargetMissing, $"{Describe(link)} {url}: {target} does not exist{RemovedNote(target)}", scan.Path, link);
                return;
        }
        if (gitIgnored.Value.Contains(target))
        {
            Add(DocsCodes.TargetIgnored, $"{Describe(link)} {url}: {target} exists here but is ignored by git, so it is not in the repository", scan.Path, link);
            return;
        }
        if (fragment is null || fragment.Length == 0) return;

        var anchorFile = entry.Kind == EntryKind.Directory ? ReadmeOf(target) : target;
        if (anchorFile is null)
        {
            Add(DocsCodes.AnchorMissing, $"{Describe(link)} {url}: folder {target} has no README to hold '#{fragment}'", scan.Path, link);
            return;
        }
        var extension = Path.GetExtension(anchorFile).ToLowerInvariant();
        if (MarkdownExtensions.Contains(extension) && !plain)
        {
            var anchors = AnchorsOf(anchorFile, scan.Dialect);
            if (anchors is not null && !HasAnchor(anchors, fragment, scan.Dialect))
                Add(DocsCodes.AnchorMissing, $"{Describe(link)} {url}: {anchorFile} has no heading or id '{fragment}'", scan.Path, link);
        }
        else if (HtmlExtensions.Contains(extension) && !plain)
        {
            var anchors = HtmlAnchorsOf(anchorFile);
            if (anchors is not null && !anchors.Contains(fragment) && fragment != "top")
                Add(DocsCodes.AnchorMissing, $"{Describe(link)} {url}: {anchorFile} has no id or name '{fragment}'", scan.Path, link);
        }
        else if (LineAnchor().Match(fragment) is { Success: true } lines)
        {
            var count = LineCount(anchorFile);
            if (count is { } n && !(IsLineOf(lines.Groups[1].Value, n) && (!lines.Groups[2].Success || IsLineOf(lines.Groups[2].Value, n))))
                Add(DocsCodes.LineAnchorOutOfRange, $"{Describe(link)} {url}: {anchorFile} has {n} line(s)", scan.Path, link);
        }
        // Other fragments on other files (images, notebooks, reStructuredText…) are not checkable offline: not reported.
    }

    /// <summary>Whether a line number as written (decimal digits of any length) names a line 1..<paramref name="count"/>; never overflows.</summary>
    private static bool IsLineOf(string digits, int count)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length is > 0 and <= 10 && long.Parse(trimmed, System.Globalization.CultureInfo.InvariantCulture) <= count;
    }

    /// <summary>GitHub anchors: ids are prefixed "user-content-" in the page, and its script also matches the unprefixed and the lowercased fragment.</summary>
    private static bool HasAnchor(IReadOnlySet<string> anchors, string fragment, SlugDialect dialect)
    {
        // An empty fragment and "top" go to the top of the page (HTML: "the indicated part of the document").
        if (fragment.Length == 0 || fragment.Equals("top", StringComparison.OrdinalIgnoreCase)) return true;
        if (anchors.Contains(fragment)) return true;
        if (dialect != SlugDialect.GitHub) return false;
        if (fragment.StartsWith("user-content-", StringComparison.Ordinal) && anchors.Contains(fragment["user-content-".Length..])) return true;
        return anchors.Contains(fragment.ToLowerInvariant());
    }

    private string? ReadmeOf(string folder) =>
        tree.Names(folder)
            .Where(n => Path.GetFileNameWithoutExtension(n).Equals("readme", StringComparison.OrdinalIgnoreCase)
                        && MarkdownExtensions.Contains(Path.GetExtension(n).ToLowerInvariant()))
            .OrderBy(n => n, StringComparer.Ordinal).Select(n => folder.Length == 0 ? n : folder + "/" + n).FirstOrDefault();

    private IReadOnlySet<string>? AnchorsOf(string path, SlugDialect dialect)
    {
        if (scans.TryGetValue(path, out var scan) && scan.Dialect == dialect) return scan.Document?.Anchors;
        return targetAnchors.GetOrAdd((path, dialect), key => new Lazy<IReadOnlySet<string>?>(() =>
        {
            var text = ReadText(key.Path, null, report: false);
            try
            {
                return text is null ? null : MarkdownScanner.Scan(text, key.Dialect).Anchors;
            }
            catch (MarkdownNestingException)
            {
                return null; // too deep to parse: its own check reports it; links into it are not judged
            }
        })).Value;
    }

    private IReadOnlySet<string>? HtmlAnchorsOf(string path) =>
        targetAnchors.GetOrAdd((path, SlugDialect.GitHub), key => new Lazy<IReadOnlySet<string>?>(() =>
        {
            var text = ReadText(key.Path, null, report: false);
            return text is null ? null : MarkdownScanner.HtmlAnchors(text);
        })).Value;

    private int? LineCount(string path) =>
        lineCounts.GetOrAdd(path, p => new Lazy<int?>(() =>
        {
            var text = ReadText(p, null, report: false);
            if (text is null) return null;
            var lines = new LineIndex(text).Count;
            return text.Length > 0 && text[^1] is not ('\n' or '\r') ? lines : lines - 1;
        })).Value;

    /// <summary>The path a relative destination names, '/'-separated from the root; null when it climbs above the root.</summary>
    private static string? Resolve(string source, string destination)
    {
        var parts = new List<string>();
        if (!destination.StartsWith('/'))
        {
            var slash = source.LastIndexOf('/');
            if (slash > 0) parts.AddRange(source[..slash].Split('/'));
        }
        foreach (var part in destination.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>The removed path a target lies at or under, when the change removed it.</summary>
    private string? RemovedBy(string target)
    {
        if (changes is null) return null;
        if (changes.Removed.ContainsKey(target)) return target;
        foreach (var removed in changes.Removed.Keys)
            if (target.StartsWith(removed + "/", StringComparison.Ordinal)) return removed;
        return null;
    }

    private string RemovedNote(string target)
    {
        if (RemovedBy(target) is not { } removed) return "";
        return changes!.Removed[removed] is { } renamed
            ? $" (this change renamed {removed} to {renamed})"
            : $" (this change deleted {removed})";
    }

    private bool Ignored(string file, string url) =>
        ignores.Any(rule => (rule.Target is null || rule.Target.IsMatch(url)) && (rule.File is null || rule.File.Match(file).HasMatches)
                            && (rule.Target is not null || rule.File is not null));

    private static bool IsExternal(string url) => url.StartsWith("//", StringComparison.Ordinal) || Scheme().IsMatch(url);

    private static string Decode(string text)
    {
        try { return Uri.UnescapeDataString(text); }
        catch (UriFormatException) { return text; }
    }

    private static string Describe(LinkRef link) => link.Kind switch
    {
        LinkKind.Image => "image",
        LinkKind.Definition => "reference definition",
        LinkKind.Autolink => "autolink",
        LinkKind.HtmlHref => "<a href>",
        LinkKind.HtmlSrc => "<img src>",
        _ => "link",
    };

    private void Add(string code, string message, string? file, LinkRef link) =>
        findings.Add(Make(code, message, file is null ? null : new Location(file, link.Line, link.Column), link.Url));

    private Finding Make(string code, string message, Location? location, string? subject) =>
        new(code, config.Severity.TryGetValue(code, out var p) ? p : DocsCodes.Defaults[code], message, location, subject);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex("^L([0-9]+)(?:C[0-9]+)?(?:-L([0-9]+)(?:C[0-9]+)?)?$")]
    private static partial Regex LineAnchor();
}
