using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GateKit.Config;

/// <summary>
/// Finds <c>null</c> where the config model holds an object, list or text (<c>"reports": [null]</c>,
/// <c>"artifacts": null</c>, a null waiver): System.Text.Json accepts a null element in a list and a null
/// for a property it is not told is non-nullable, and the rules that run next would dereference it. The
/// walk follows the model's own serialization metadata, so a new config type is covered without a list.
/// </summary>
internal static class ConfigNulls
{
    /// <summary>The JSON path of every null the model does not allow, in document order.</summary>
    public static IReadOnlyList<string> Find(JsonElement root)
    {
        var found = new List<string>();
        Walk(root, typeof(GateKitConfig), "$", found);
        return found;
    }

    private static void Walk(JsonElement element, Type type, string path, List<string> found)
    {
        if (ConfigContract.Info(type) is not { } info) return;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (info.Properties.FirstOrDefault(p => p.Name == member.Name) is not { } property) continue;
                    var at = path + Member(member.Name);
                    if (member.Value.ValueKind == JsonValueKind.Null)
                    {
                        if (!property.IsSetNullable && !AcceptsNull(property.PropertyType)) found.Add(at);
                    }
                    else Walk(member.Value, property.PropertyType, at, found);
                }
                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Item(item, info.ElementType!, $"{path}[{index}]", found);
                    index++;
                }
                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object:
                foreach (var member in element.EnumerateObject()) Item(member.Value, info.ElementType!, path + Member(member.Name), found);
                break;
        }
    }

    /// <summary>An element of a list or a value of a map: a null is allowed only where the model says so.</summary>
    private static void Item(JsonElement item, Type type, string path, List<string> found)
    {
        if (item.ValueKind == JsonValueKind.Null)
        {
            if (!AcceptsNull(type)) found.Add(path);
        }
        else Walk(item, type, path, found);
    }

    /// <summary>A nullable value type, or a raw JSON value (kept as written, null included).</summary>
    private static bool AcceptsNull(Type type) => Nullable.GetUnderlyingType(type) is not null || type == typeof(JsonElement);

    private static string Member(string name) => JsonPathLocator.Member(name);
}
