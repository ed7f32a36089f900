using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace GateKit.Gates.Release;

/// <summary>
/// The JSON Schema dialects GateKit reads artifact schemas in (draft-06, draft-07, 2019-09, 2020-12 and
/// v1, chosen by <c>$schema</c>; draft-07 without one): the library's, with two of its keywords replaced.
/// 2020-12's <c>items</c> reports the items after <c>prefixItems</c> at their own index (JsonSchema.Net
/// 8.0.5 numbers them from 0 again, so a violation would point at the wrong value). And <c>pattern</c> and
/// <c>patternProperties</c> are matched under a timeout. Their regular expressions are user input: a pattern
/// that backtracks catastrophically (<c>^(a+)+$</c> against a long string of <c>a</c>s and one other
/// character) would otherwise hold a run for hours. A match that runs out of time makes the value fail that
/// keyword with a message naming the pattern; the same pattern is then not tried again within the schema,
/// so a schema costs at most one timeout per pattern it declares.
/// </summary>
internal static class SchemaDialects
{
    /// <summary>
    /// A dialect registry whose patterns run under <paramref name="matchTimeout"/>, holding the dialects
    /// <paramref name="schema"/> names in a <c>$schema</c> anywhere in it, and the default (draft-07) dialect.
    /// Only those: each dialect GateKit bounds is made by the library once per process, and making one is
    /// most of what loading a first schema costs (the library reads every keyword handler's attributes).
    /// </summary>
    public static (DialectRegistry Registry, Dialect Default) For(TimeSpan matchTimeout, JsonElement schema)
    {
        var registry = new DialectRegistry();
        var draft07 = Bounded(Dialect.Draft07, matchTimeout);
        registry.Register(draft07);
        foreach (var dialect in Named(schema))
            if (dialect != Dialect.Draft07) registry.Register(Bounded(dialect, matchTimeout));
        return (registry, draft07);
    }

    // Dialect ids the registry knows: a $schema naming another one is refused before building.
    public static readonly Dialect[] Known = [Dialect.Draft06, Dialect.Draft07, Dialect.Draft201909, Dialect.Draft202012, Dialect.V1];

    /// <summary>The known dialect a <c>$schema</c> value names, or null.</summary>
    public static Dialect? Named(string declared) =>
        Uri.TryCreate(declared, UriKind.Absolute, out var id) ? Array.Find(Known, d => d.Id == id) : null;

    // Every known dialect a $schema string names, at any depth (an embedded resource may declare its own;
    // a data value that happens to look like one only costs a dialect more).
    private static HashSet<Dialect> Named(JsonElement schema)
    {
        var found = new HashSet<Dialect>();
        var pending = new Stack<JsonElement>([schema]);
        while (pending.TryPop(out var element))
        {
            if (element.ValueKind == JsonValueKind.Object)
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        if (property.NameEquals("$schema") && Named(property.Value.GetString()!) is { } dialect) found.Add(dialect);
                    }
                    else pending.Push(property.Value);
                }
            else if (element.ValueKind == JsonValueKind.Array)
                foreach (var item in element.EnumerateArray()) pending.Push(item);
        }
        return found;
    }

    private static readonly ConcurrentDictionary<(Dialect, TimeSpan), Dialect> BoundedDialects = new();

    // Added after the library's own handlers, GateKit's take their keyword names; the library's stay
    // registered by type only, because other keywords name them as the source of annotations they
    // depend on (additionalProperties evaluates after patternProperties).
    private static Dialect Bounded(Dialect dialect, TimeSpan matchTimeout) =>
        BoundedDialects.GetOrAdd((dialect, matchTimeout), key => key.Item1.With(
            [new TimedPattern(key.Item2), new TimedPatternProperties(key.Item2), .. key.Item1 == Dialect.Draft202012 || key.Item1 == Dialect.V1 ? [ItemsAfterPrefix] : Array.Empty<IKeywordHandler>()],
            key.Item1.Id));

    private static readonly ItemsAfterPrefixKeyword ItemsAfterPrefix = new();

    /// <summary>True for GateKit's own pattern handlers: a schema built with any other (a dialect from a custom meta-schema) is refused.</summary>
    public static bool IsBounded(IKeywordHandler handler) =>
        handler is TimedPattern or TimedPatternProperties || (handler is not PatternKeyword and not PatternPropertiesKeyword);

    // The library's own options (ECMAScript semantics, as JSON Schema asks) with a timeout; not Compiled,
    // which costs start-up under the JIT and is ignored by Native AOT.
    private static Regex NewRegex(string pattern, TimeSpan matchTimeout) => new(pattern, RegexOptions.ECMAScript, matchTimeout);

    // Patterns that ran out of time once in a built schema: failed at once afterwards.
    private static readonly ConditionalWeakTable<Regex, object> TimedOut = [];

    private static KeywordEvaluation Failed(string keyword, Regex regex) => new()
    {
        Keyword = keyword,
        IsValid = false,
        Error = $"the pattern {regex} did not finish matching within {regex.MatchTimeout.TotalMilliseconds:0} ms (it backtracks too much); the value counts as not matching",
    };

    private static KeywordEvaluation Guarded(string keyword, IEnumerable<Regex> regexes, Func<KeywordEvaluation> evaluate)
    {
        foreach (var regex in regexes)
            if (TimedOut.TryGetValue(regex, out _)) return Failed(keyword, regex);
        try
        {
            return evaluate();
        }
        catch (RegexMatchTimeoutException e)
        {
            var regex = regexes.First(r => r.ToString() == e.Pattern);
            TimedOut.AddOrUpdate(regex, regex);
            return Failed(keyword, regex);
        }
    }

    private sealed class TimedPattern(TimeSpan matchTimeout) : PatternKeyword
    {
        public override object? ValidateKeywordValue(JsonElement value) =>
            value.ValueKind == JsonValueKind.String ? NewRegex(value.GetString()!, matchTimeout) : base.ValidateKeywordValue(value);

        public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) =>
            Guarded(Name, [(Regex)keyword.Value!], () => base.Evaluate(keyword, context));
    }

    private sealed class TimedPatternProperties(TimeSpan matchTimeout) : PatternPropertiesKeyword
    {
        public override object? ValidateKeywordValue(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object) return base.ValidateKeywordValue(value);
            var regexes = new Dictionary<string, Regex>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
                    throw new JsonSchemaException($"'{Name}' values must be schemas; '{property.Name}' is {property.Value.ValueKind}");
                regexes[property.Name] = NewRegex(property.Name, matchTimeout);
            }
            return regexes;
        }

        public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) =>
            Guarded(Name, ((Dictionary<string, Regex>)keyword.Value!).Values, () => base.Evaluate(keyword, context));
    }

    private sealed class ItemsAfterPrefixKeyword : ItemsKeyword
    {
        private static readonly JsonElement True = JsonDocument.Parse("true").RootElement;

        public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
        {
            if (context.Instance.ValueKind != JsonValueKind.Array) return KeywordEvaluation.Ignore;
            var prefix = (int?)keyword.Value ?? 0;
            var schema = keyword.Subschemas[0];
            var path = context.EvaluationPath.Combine(Name);
            var results = new List<EvaluationResults>();
            var index = 0;
            foreach (var item in context.Instance.EnumerateArray())
            {
                if (index >= prefix)
                {
                    var result = schema.Evaluate(context with { InstanceLocation = context.InstanceLocation.Combine(index), Instance = item, EvaluationPath = path });
                    results.Add(result);
                    if (context.CanOptimize && !result.IsValid) return new KeywordEvaluation { Keyword = Name, IsValid = false };
                }
                index++;
            }
            return new KeywordEvaluation { Keyword = Name, IsValid = results.TrueForAll(r => r.IsValid), Details = [.. results], Annotation = True };
        }
    }
}
