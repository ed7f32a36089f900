using Json.Schema;
using Json.Schema.Keywords;

namespace GateKit.Gates.Release;

/// <summary>
/// Checks a built artifact schema before it is used: every reference resolved inside it (one to another file
/// or a URL is refused, not fetched), every pattern under GateKit's timeout, and no evaluation that could
/// recurse without end. Keywords that apply a subschema to the same value (<c>$ref</c>, <c>allOf</c>,
/// <c>anyOf</c>, <c>oneOf</c>, <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>dependentSchemas</c>, …)
/// must not form a cycle (<c>{"allOf": [{"$ref": "#"}]}</c> would evaluate forever: the library does not
/// guard against it) nor chains longer than <see cref="MaxInPlaceChain"/>, so that evaluation depth is
/// bounded by the chain times the instance's depth.
/// </summary>
internal static class SchemaGraph
{
    /// <summary>The longest chain of same-value applicators a schema may have.</summary>
    public const int MaxInPlaceChain = 64;

    private static readonly HashSet<string> InPlace = new(StringComparer.Ordinal)
    {
        "$ref", "$recursiveRef", "$dynamicRef", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "dependencies",
    };

    /// <summary>Why the schema cannot be used, or null.</summary>
    public static string? Problem(JsonSchema schema)
    {
        var nodes = Nodes(schema.Root);
        foreach (var node in nodes)
        {
            foreach (var keyword in node.Keywords)
            {
                if (!SchemaDialects.IsBounded(keyword.Handler))
                    return $"schema uses a dialect whose '{keyword.Handler.Name}' GateKit cannot bound in time; declare draft-07, 2019-09 or 2020-12 in $schema";
                if (keyword.Handler is RefKeyword && keyword.Subschemas.Length == 0)
                    return Unresolved(keyword.RawValue.GetString() ?? "");
            }
        }
        return InPlaceProblem(nodes);
    }

    private static string Unresolved(string reference)
    {
        if (reference.StartsWith('#')) return $"schema refers to {reference}, which is not in the schema";
        var target = reference.Split('#')[0];
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return $"schema refers to a URL ({target}); GateKit does not fetch schemas";
        return $"schema refers to another file ({target}); only references inside the schema are supported";
    }

    // Every node reachable from the root, through subschemas and resolved references.
    private static List<JsonSchemaNode> Nodes(JsonSchemaNode root)
    {
        var seen = new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance) { root };
        var order = new List<JsonSchemaNode> { root };
        for (var i = 0; i < order.Count; i++)
            foreach (var keyword in order[i].Keywords)
                foreach (var child in keyword.Subschemas)
                    if (seen.Add(child)) order.Add(child);
        return order;
    }

    // Depth-first over same-value edges without recursion (a schema may chain thousands of references):
    // a node met again while on the path is a cycle; the longest chain is the deepest post-order length.
    private static string? InPlaceProblem(List<JsonSchemaNode> nodes)
    {
        // $dynamicRef and $recursiveRef are resolved while evaluating: any anchor they could land on counts.
        var dynamicTargets = nodes.Where(n => n.Keywords.Any(k => k.Handler.Name is "$dynamicAnchor" or "$recursiveAnchor")).ToArray();
        IEnumerable<JsonSchemaNode> Next(JsonSchemaNode node) => node.Keywords
            .Where(k => InPlace.Contains(k.Handler.Name))
            .SelectMany(k => k.Handler.Name is "$dynamicRef" or "$recursiveRef" ? k.Subschemas.Concat(dynamicTargets) : k.Subschemas);

        var chain = new Dictionary<JsonSchemaNode, int>(ReferenceEqualityComparer.Instance);
        var onPath = new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance);
        foreach (var start in nodes)
        {
            if (chain.ContainsKey(start)) continue;
            var stack = new Stack<(JsonSchemaNode Node, IEnumerator<JsonSchemaNode> Next)>();
            stack.Push((start, Next(start).GetEnumerator()));
            onPath.Add(start);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Peek();
                if (next.MoveNext())
                {
                    var child = next.Current;
                    if (onPath.Contains(child))
                        return "schema applies itself to the same value without end (a cycle of $ref, allOf, anyOf, oneOf, not, if/then/else or dependentSchemas)";
                    if (chain.ContainsKey(child)) continue;
                    onPath.Add(child);
                    stack.Push((child, Next(child).GetEnumerator()));
                    continue;
                }
                stack.Pop();
                onPath.Remove(node);
                var length = 1 + Next(node).Select(c => chain.GetValueOrDefault(c)).DefaultIfEmpty(0).Max();
                if (length > MaxInPlaceChain)
                    return $"schema chains more than {MaxInPlaceChain} references and combinators on one value";
                chain[node] = length;
            }
        }
        return null;
    }
}
