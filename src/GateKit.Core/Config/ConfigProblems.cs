using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GateKit.Gates.Release;

namespace GateKit.Config;

/// <summary>
/// Every problem of a config that does not load, in one pass (README: validate-config reports all of them):
/// when System.Text.Json stops at the first schema problem, the document is checked against the composed
/// gatekit.schema.json (<see cref="ConfigSchema"/>) for all of them, and the rules (<see cref="ConfigValidator"/>) run on what remains once
/// the values at fault are left out. Each problem has its JSON path and 1-based line and column; ordered by
/// position in the file, then path.
/// </summary>
public static class ConfigProblems
{
    /// <summary>Longer JSON paths are cut in messages (only a huge member name makes one this long).</summary>
    private const int MaxPathChars = 256;

    /// <param name="first">The problem the loader stopped at; always among those returned.</param>
    public static IReadOnlyList<ConfigError> Collect(byte[] bytes, string displayName, ConfigError first)
    {
        JsonNode? document;
        try { document = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }); }
        catch (JsonException) { return [first]; } // not JSON at all: the parser's one position is all there is
        // The schema of the gates the catalogue lists (for the built-in ones, schemas/gatekit.schema.json).
        if (document is not JsonObject root || ConfigSchema.Compose(Gates.GateCatalog.Descriptors) is not { } schemaText
            || !ArtifactSchemaValidator.TryLoad(schemaText, out var validator, out _))
            return [first];

        var errors = new List<ConfigError> { first };
        var violations = validator!.Validate(Encoding.UTF8.GetString(bytes));
        // "Not any of" an anyOf/oneOf names the container, not the value at fault: said only when nothing more precise is.
        var vague = violations.Where(v => IsVague(v.Message)).ToList();
        foreach (var v in violations.Except(vague)) errors.Add(Located(bytes, displayName, v.JsonPath, Reword(v.JsonPath, v.Message)));

        // Leave out the values at fault; if the rest is a config, its rule problems are problems too.
        var atFault = errors.Select(e => e.JsonPath).Distinct().ToList();
        foreach (var path in atFault) Remove(root, path);
        try
        {
            if (root.Deserialize(ConfigContract.Root) is { } config)
                foreach (var p in ConfigValidator.Validate(config).Where(p => !atFault.Any(f => Under(p.Path, f))))
                    errors.Add(Located(bytes, displayName, p.Path, p.Problem));
        }
        catch (JsonException) { } // still not a config (a required value was at fault): the schema problems say why
        foreach (var v in vague.Where(v => !errors.Any(e => Under(e.JsonPath, v.JsonPath))))
            errors.Add(Located(bytes, displayName, v.JsonPath, ConfigLoader.ExpectedAt(v.JsonPath) ?? "does not match any of the shapes the schema allows"));

        return errors
            .DistinctBy(e => (e.JsonPath, e.Problem))
            // Two words for one fault (the loader's and the schema's): keep the loader's.
            .GroupBy(e => e.JsonPath).Select(g => g.Contains(first) ? first : g.First())
            .OrderBy(e => e.Line ?? int.MaxValue).ThenBy(e => e.Column ?? int.MaxValue).ThenBy(e => e.JsonPath, StringComparer.Ordinal)
            // A path through a huge member name must not make the message huge (the loader cuts its own problem's path alike).
            .Select(e => e.JsonPath.Length <= MaxPathChars ? e : e with { JsonPath = Inputs.QuotedInput.Of(e.JsonPath) })
            .ToList();
    }

    private static ConfigError Located(byte[] bytes, string displayName, string path, string problem)
    {
        var at = JsonPathLocator.Locate(bytes, path);
        return new ConfigError(displayName, path, problem, at?.Line, at?.Column);
    }

    /// <summary>The artifact schema validator's keyword messages ("additionalProperties: …", "type: …") in the loader's words.</summary>
    private static string Reword(string path, string message)
    {
        // additionalProperties: false fails at the unknown member itself, so its name ends the path.
        if (message.StartsWith("additionalProperties:", StringComparison.Ordinal) && LastMember(path) is { } name)
            return $"unknown property '{Inputs.QuotedInput.Of(name)}'";
        if (message.StartsWith("required:", StringComparison.Ordinal))
            return $"missing required property: {message["required:".Length..].Trim()}";
        var typeProblem = message.StartsWith("type:", StringComparison.Ordinal) || message.StartsWith("enum:", StringComparison.Ordinal)
            || message.StartsWith("const:", StringComparison.Ordinal);
        return typeProblem && ConfigLoader.ExpectedAt(path) is { } expected ? expected : message;
    }

    private static string? LastMember(string path) => JsonPathSteps(path) is { Count: > 0 } steps && steps[^1] is string name ? name : null;

    private static bool IsVague(string message) =>
        message.StartsWith("anyOf:", StringComparison.Ordinal) || message.StartsWith("oneOf:", StringComparison.Ordinal);

    private static bool Under(string path, string prefix) =>
        path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal) || path.StartsWith(prefix + "[", StringComparison.Ordinal);

    /// <summary>Removes the member a path such as <c>$.gates.quality.conditions[0].op</c> ends at (array items stay, to keep indexes).</summary>
    private static void Remove(JsonObject root, string path)
    {
        var steps = JsonPathSteps(path);
        if (steps.Count == 0 || steps[^1] is not string member) return;
        JsonNode? node = root;
        foreach (var step in steps.SkipLast(1))
            node = step switch
            {
                string name when node is JsonObject o => o[name],
                int index when node is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
        (node as JsonObject)?.Remove(member);
    }

    /// <summary>The steps of a JSON path as GateKit writes them: names (also ['quoted']) and [indexes].</summary>
    private static List<object> JsonPathSteps(string path)
    {
        var steps = new List<object>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                steps.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var name = new StringBuilder();
                i += 2;
                while (i < path.Length && !(path[i] == '\'' && i + 1 < path.Length && path[i + 1] == ']'))
                {
                    if (path[i] == '\\' && i + 1 < path.Length) i++;
                    name.Append(path[i++]);
                }
                steps.Add(name.ToString());
                i += 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index)) return [];
                steps.Add(index);
                i = end + 1;
            }
            else return [];
        }
        return steps;
    }
}
