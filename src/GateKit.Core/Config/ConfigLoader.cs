using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using GateKit.Results;

namespace GateKit.Config;

/// <summary>gatekit.json as loaded: the typed config, where it lives, and the digest of its bytes.</summary>
public sealed record LoadedConfig(GateKitConfig Config, string FullPath, string RootDirectory, InputDigest Digest);

/// <summary>Reads gatekit.json strictly: malformed JSON and schema violations are <see cref="ConfigException"/>s (exit 3).</summary>
public static partial class ConfigLoader
{
    public const string DefaultFileName = "gatekit.json";

    public static LoadedConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) fullPath = Path.Combine(fullPath, DefaultFileName);
        if (!File.Exists(fullPath)) throw new UsageException($"config file not found: {path}");

        byte[] bytes;
        try { bytes = File.ReadAllBytes(fullPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"config file cannot be read: {path}: {e.Message}");
        }
        var config = Parse(bytes, path);
        var digest = new InputDigest(Path.GetFileName(fullPath), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
        return new LoadedConfig(config, fullPath, Path.GetDirectoryName(fullPath)!, digest);
    }

    /// <summary>Parses and validates config bytes; <paramref name="displayName"/> is used in errors.</summary>
    public static GateKitConfig Parse(ReadOnlySpan<byte> bytes, string displayName)
    {
        GateKitConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(bytes, ConfigJsonContext.Default.GateKitConfig);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var column = e.BytePositionInLine is { } c ? (int)c + 1 : (int?)null;
            throw new ConfigException(new ConfigError(displayName, e.Path ?? "$", Explain(e), line, column));
        }
        if (config is null) throw new ConfigException(new ConfigError(displayName, "$", "expected an object, found null", 1, 1));

        var problems = ConfigValidator.Validate(config);
        if (problems.Count > 0)
        {
            var located = bytes.ToArray();
            throw new ConfigException(problems.Select(p =>
            {
                var at = JsonPathLocator.Locate(located, p.Path);
                return new ConfigError(displayName, p.Path, p.Problem, at?.Line, at?.Column);
            }).ToList());
        }
        return config;
    }

    /// <summary>Turns System.Text.Json's messages (which name .NET types) into ones about the JSON.</summary>
    private static string Explain(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];

        if (UnmappedMember().Match(message) is { Success: true } unmapped)
            return $"unknown property '{unmapped.Groups[1].Value}'";
        if (MissingRequired().Match(message) is { Success: true } missing)
            return $"missing required property {missing.Groups[1].Value.TrimEnd('.')}";
        if (NotConvertible().Match(message) is { Success: true } convert)
            return $"expected {Describe(convert.Groups[1].Value)}";
        if (message.Contains("doesn't allow setting null", StringComparison.Ordinal))
            return "must not be null";
        if (e.InnerException is not null || message.Length == 0) return "malformed JSON";
        return message.TrimEnd('.');
    }

    private static string Describe(string dotnetType) => dotnetType switch
    {
        "System.Int32" => "an integer",
        "System.String" => "a string",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        _ when dotnetType.EndsWith("Priority", StringComparison.Ordinal) => "one of \"P0\", \"P1\", \"P2\"",
        _ when dotnetType.EndsWith("ComparisonOp", StringComparison.Ordinal) => "one of \">=\", \"<=\", \"==\", \"between\"",
        _ when dotnetType.EndsWith("Aggregate", StringComparison.Ordinal) => "one of \"value\", \"count\", \"mean\", \"p50\", \"p95\", \"rate\"",
        _ when dotnetType.EndsWith("Baseline", StringComparison.Ordinal) => "one of \"previous\", \"median\"",
        _ when dotnetType.EndsWith("ReportFormat", StringComparison.Ordinal) => "one of \"json\", \"jsonl\"",
        _ when dotnetType.EndsWith("ArtifactKind", StringComparison.Ordinal) => "one of \"json\", \"monitoring\", \"document\"",
        _ when dotnetType.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
        _ when dotnetType.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ => "an object",
    };

    [GeneratedRegex("The JSON property '(.*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("missing required properties including: (.*)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("could not be converted to ([^ .]+(?:\\.[^ .]+)*)")]
    private static partial Regex NotConvertible();
}
