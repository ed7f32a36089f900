using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using GateKit.Results;

namespace GateKit.Config;

/// <summary>gatekit.json as loaded: the typed config, where it lives, and the digest of its bytes.</summary>
public sealed record LoadedConfig(GateKitConfig Config, string FullPath, string RootDirectory, InputDigest Digest);

/// <summary>Reads gatekit.json strictly: malformed JSON and schema violations are <see cref="ConfigException"/>s (exit 3).</summary>
public static partial class ConfigLoader
{
    public const string DefaultFileName = "gatekit.json";

    /// <summary>A config file larger than this is refused (exit 3) before it is parsed: 16 MiB unless the variable says otherwise.</summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    /// <summary>The environment variable that raises or lowers <see cref="DefaultMaxBytes"/> (a number of bytes).</summary>
    public const string MaxBytesVariable = "GATEKIT_MAX_CONFIG_BYTES";

    public static LoadedConfig Load(string path)
    {
        var fullPath = FullPathOf(path);
        if (!File.Exists(fullPath)) throw new UsageException($"config file not found: {path}");

        byte[] bytes;
        try { bytes = Inputs.InputReader.ReadAll(fullPath, MaxBytes(), MaxBytesVariable); }
        catch (Inputs.InputTooLargeException e)
        {
            throw new ConfigException(new ConfigError(path, "$", e.Message, 1, 1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"config file cannot be read: {path}: {e.Message}");
        }
        var config = Parse(bytes, path);
        var digest = new InputDigest(Path.GetFileName(fullPath), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
        return new LoadedConfig(config, fullPath, Path.GetDirectoryName(fullPath)!, digest);
    }

    private static long MaxBytes() =>
        Environment.GetEnvironmentVariable(MaxBytesVariable) is { Length: > 0 } text
            ? long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
                ? limit
                : throw new UsageException($"{MaxBytesVariable} must be a positive number of bytes, not '{Truncated(text)}'")
            : DefaultMaxBytes;

    private static string Truncated(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static ConfigError ErrorOf(JsonException e, string displayName) => new(
        displayName, Inputs.QuotedInput.Of(e.Path ?? "$"), Explain(e),
        e.LineNumber is { } line ? (int)line + 1 : null, e.BytePositionInLine is { } column ? (int)column + 1 : null);

    /// <summary>The config file a path names: the path itself, or gatekit.json in it when it is a folder.</summary>
    public static string FullPathOf(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return Directory.Exists(fullPath) ? Path.Combine(fullPath, DefaultFileName) : fullPath;
    }

    /// <summary>Parses and validates config bytes; <paramref name="displayName"/> is used in errors.</summary>
    public static GateKitConfig Parse(ReadOnlySpan<byte> bytes, string displayName)
    {
        GateKitConfig? config;
        // Before the model is built: with a duplicate, System.Text.Json would keep the last value. A document
        // that is not strict JSON (malformed, duplicate keys, text that does not decode) is that one problem.
        if (Json.StrictJson.Check(bytes, out _) is { } notStrict) throw new ConfigException(ErrorOf(notStrict, displayName));
        try
        {
            config = JsonSerializer.Deserialize(bytes, ConfigContract.Root);
        }
        catch (JsonException e)
        {
            // System.Text.Json stops at the first problem; the user is owed all of them.
            throw new ConfigException(ConfigProblems.Collect(bytes.ToArray(), displayName, ErrorOf(e, displayName)));
        }
        if (config is null) throw new ConfigException(new ConfigError(displayName, "$", "expected an object, found null", 1, 1));

        var located = bytes.ToArray();
        using (var document = JsonDocument.Parse(located))
        {
            var nulls = ConfigNulls.Find(document.RootElement);
            if (nulls.Count > 0)
            {
                var positions = JsonPathLocator.LocateAll(located, nulls.ToHashSet(StringComparer.Ordinal));
                throw new ConfigException(nulls.Select(path =>
                    new ConfigError(displayName, path, NullProblem(path), Line(positions, path), Column(positions, path))).ToList());
            }
        }

        var problems = ConfigValidator.Validate(config);
        if (problems.Count > 0)
        {
            var positions = JsonPathLocator.LocateAll(located, problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal));
            throw new ConfigException(problems.Select(p =>
                new ConfigError(displayName, p.Path, p.Problem, Line(positions, p.Path), Column(positions, p.Path))).ToList());
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
            return $"unknown property '{Inputs.QuotedInput.Of(unmapped.Groups[1].Value)}'";
        if (MissingRequired().Match(message) is { Success: true } missing)
            return $"missing required property {missing.Groups[1].Value.TrimEnd('.')}";
        if (NotConvertible().IsMatch(message))
        {
            // System.Text.Json names the type it was building, which for a record with required members
            // is the containing record, not the property at fault: describe the type at the path instead.
            return TypeAt(e.Path) is { } expected ? $"expected {Describe(expected)}" : "unexpected value";
        }
        if (message.Contains("doesn't allow setting null", StringComparison.Ordinal) || message.Contains("doesn't allow null values", StringComparison.Ordinal))
            return NullProblem(e.Path);
        if (e.InnerException is not null || message.Length == 0) return "malformed JSON";
        return message.TrimEnd('.');
    }

    /// <summary>What the config model expects at a JSON path, in the loader's words ("expected a string"); null when unknown.</summary>
    internal static string? ExpectedAt(string path) => TypeAt(path) is { } type ? $"expected {Describe(type)}" : null;

    private static int? Line(IReadOnlyDictionary<string, (int Line, int Column)> positions, string path) =>
        positions.TryGetValue(path, out var at) ? at.Line : null;

    private static int? Column(IReadOnlyDictionary<string, (int Line, int Column)> positions, string path) =>
        positions.TryGetValue(path, out var at) ? at.Column : null;

    private static string NullProblem(string? path) =>
        TypeAt(path) is { } expected ? $"must not be null: expected {Describe(expected)}" : "must not be null";

    /// <summary>The .NET type the config model expects at a JSON path such as <c>$.gates.quality.conditions[0].op</c>.</summary>
    private static Type? TypeAt(string? path)
    {
        if (path is null) return null;
        Type? type = typeof(GateKitConfig);
        foreach (Match step in PathStep().Matches(path))
        {
            if (type is null || ConfigContract.Info(type) is not { } info) return null;
            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value.Replace("\\'", "'");
            type = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => info.ElementType,
                _ => null,
            };
        }
        return type;
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum && ConfigContract.Info(type) is { } enumInfo)
        {
            // Each value as the config's own converter writes it (no reflection over the enum's fields,
            // which a trimmed or Native AOT build need not keep).
            var names = Enum.GetValuesAsUnderlyingType(type).Cast<object>()
                .Select(v => JsonSerializer.SerializeToElement(Enum.ToObject(type, v), enumInfo).GetString());
            return "one of " + string.Join(", ", names.Select(n => $"\"{n}\""));
        }
        if (type == typeof(int) || type == typeof(long)) return "an integer";
        if (type == typeof(double)) return "a number";
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        return ConfigContract.Info(type)?.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^'\\]|\\.)*)'\]|\[\d+\]")]
    private static partial Regex PathStep();

    [GeneratedRegex("The JSON property '(.*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("missing required properties including: (.*)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("could not be converted to ")]
    private static partial Regex NotConvertible();
}
