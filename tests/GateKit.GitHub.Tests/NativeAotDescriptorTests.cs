using System.Reflection;
using System.Xml.Linq;
using Octokit;

namespace GateKit.GitHub.Tests;

/// <summary>
/// The Native AOT build keeps Octokit's models by name (src/GateKit.Cli/NativeAot.Descriptors.xml), not
/// the whole assembly: every model GateKit sends or reads, and every Octokit type their members reach,
/// must be named there, or SimpleJson's reflection fails on it in the native tool only (an upgrade of
/// Octokit that adds a member type fails here first).
/// </summary>
public sealed class NativeAotDescriptorTests
{
    // What GitHubPublisher sends (check runs, their updates) and reads (check runs, issue comments, API errors).
    private static readonly Type[] Models =
    [
        typeof(NewCheckRun), typeof(CheckRunUpdate), typeof(NewCheckRunOutput), typeof(NewCheckRunAnnotation), typeof(NewCheckRunImage),
        typeof(CheckRun), typeof(CheckRunOutputResponse), typeof(CheckRunAnnotation), typeof(IssueComment), typeof(BodyWrapper),
        typeof(ApiError), typeof(ApiErrorDetail), typeof(RateLimit),
    ];

    [Fact]
    public void Every_Octokit_type_the_models_reach_is_kept()
    {
        var descriptor = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "GateKit.Cli", "NativeAot.Descriptors.xml"));
        var kept = descriptor.Descendants("assembly").Where(a => (string?)a.Attribute("fullname") == "Octokit")
            .Descendants("type").Select(t => (string)t.Attribute("fullname")!).ToHashSet(StringComparer.Ordinal);

        var missing = Reached().Where(t => !kept.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "not in NativeAot.Descriptors.xml: " + string.Join(", ", missing));
    }

    private static SortedSet<string> Reached()
    {
        var octokit = typeof(CheckRun).Assembly;
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Type>();
        void Add(Type? type)
        {
            if (type is null || type.IsGenericParameter) return;
            if (type.IsArray) Add(type.GetElementType());
            else if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                Add(type.GetGenericTypeDefinition());
                foreach (var argument in type.GetGenericArguments()) Add(argument);
            }
            else if (type.Assembly == octokit && seen.Add(type.FullName!)) queue.Enqueue(type);
        }
        foreach (var model in Models) Add(model);
        while (queue.TryDequeue(out var type))
        {
            Add(type.BaseType);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)) Add(property.PropertyType);
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)) Add(field.FieldType);
        }
        return seen;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GateKit.sln"))) return dir.FullName;
        throw new InvalidOperationException("GateKit.sln not found above the test folder");
    }
}
