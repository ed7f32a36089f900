namespace GateKit.Config;

/// <summary>One problem in a JSON input: the file, the JSON path at fault and, where known, the 1-based line and column.</summary>
public sealed record ConfigError(string File, string JsonPath, string Problem, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        var where = Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
        return $"{where}: {JsonPath}: {Problem}";
    }
}

/// <summary>
/// gatekit.json (or another JSON input GateKit owns) is malformed or violates its schema: exit 3.
/// Carries every problem found, not only the first.
/// </summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public ConfigException(ConfigError error) : this([error]) { }

    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}

/// <summary>Bad arguments, or a file named on the command line or in the config that is not there: exit 2.</summary>
public class UsageException(string message) : Exception(message);

/// <summary>
/// A value a host passed in is wrong (exit 2). <see cref="Text"/> names the value by what it is; each host words it
/// in its own terms (<see cref="RequestText.Word"/>): the CLI names its flag, the MSBuild task its property.
/// <see cref="Exception.Message"/> is Core's own wording, which names no host's spelling.
/// </summary>
public sealed class RequestException(RequestText text) : UsageException(text.ToString())
{
    public RequestText Text { get; } = text;
}
