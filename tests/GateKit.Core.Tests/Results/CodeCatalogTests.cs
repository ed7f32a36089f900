using System.Reflection;
using GateKit.Results;
using GateKit.Tests.Support;

namespace GateKit.Core.Tests.Results;

/// <summary>
/// The code catalogue documents every code GateKit can emit, and docs/codes.md is exactly its rendering.
/// Set GATEKIT_WRITE_CODES_MD=1 to regenerate docs/codes.md from the catalogue instead of checking it.
/// </summary>
public sealed class CodeCatalogTests
{
    /// <summary>Every public static class named *Codes in Core, with its string constants and the Docs list beside them.</summary>
    public static TheoryData<string> CodesClasses()
    {
        var data = new TheoryData<string>();
        foreach (var type in CodesTypes()) data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> CodesTypes() =>
        typeof(CodeCatalog).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true, IsPublic: true } && t.Name.EndsWith("Codes", StringComparison.Ordinal))
            .Where(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.IsLiteral && f.FieldType == typeof(string))) // not ExitCodes
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void Every_codes_class_of_core_is_found_so_a_new_one_cannot_hide()
    {
        var names = CodesTypes().Select(t => t.Name).ToHashSet();
        Assert.Subset(names, new HashSet<string> { "DocsCodes", "EvidenceCodes", "PromotionCodes", "QualityCodes", "ReleaseCodes", "RunCodes", "WaiverCodes" });
    }

    [Theory]
    [MemberData(nameof(CodesClasses))]
    public void Every_code_constant_has_exactly_one_entry_in_its_classes_docs_and_the_catalogue_holds_it(string typeName)
    {
        var type = typeof(CodeCatalog).Assembly.GetType(typeName)!;
        var constants = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!).ToList();
        var docs = (IReadOnlyList<CodeDoc>)type.GetProperty("Docs")!.GetValue(null)!;

        Assert.NotEmpty(constants);
        Assert.Equal(constants.Order(StringComparer.Ordinal), docs.Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.Single(docs.Select(d => d.Source).Distinct());
        foreach (var doc in docs)
        {
            Assert.Contains(doc, CodeCatalog.All);
            Assert.Matches("^[a-z][a-z0-9_]*$", doc.Code);
            Assert.Matches("P[0-2]|severity", doc.Priority);
            Assert.EndsWith(".", doc.Meaning, StringComparison.Ordinal);
            Assert.EndsWith(".", doc.Fix, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Docs_codes_md_is_the_catalogue_rendered()
    {
        var path = Path.Combine(SchemaAssert.RepositoryRoot, CodeCatalog.DocumentPath);
        var generated = CodeCatalog.Markdown();
        if (Environment.GetEnvironmentVariable("GATEKIT_WRITE_CODES_MD") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing; run this test with GATEKIT_WRITE_CODES_MD=1 to generate it");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Every_code_has_a_section_and_waivable_ones_show_a_waiver_for_their_gate()
    {
        foreach (var code in CodeCatalog.Codes)
        {
            var section = CodeCatalog.Section(code);
            Assert.StartsWith($"## `{code}`\n", section, StringComparison.Ordinal);
            foreach (var doc in CodeCatalog.Find(code).Where(d => d.Waivable))
                Assert.Contains($"\"gate\": \"{doc.Source}\", \"code\": \"{code}\"", section, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("TARGET_MISSING", "target_missing")]
    [InlineData("target-missing", "target_missing")]
    [InlineData("  condition_violated ", "condition_violated")]
    public void A_code_is_found_whatever_its_case_dashes_or_surrounding_space(string typed, string code) =>
        Assert.All(CodeCatalog.Find(typed), d => Assert.Equal(code, d.Code));

    /// <summary>Every known code with one letter dropped, doubled or swapped suggests that code first among the nearest.</summary>
    [Fact]
    public void A_misspelt_code_suggests_the_code_it_was_meant_to_be()
    {
        foreach (var code in CodeCatalog.Codes)
        {
            var middle = code.Length / 2;
            string[] typos = [code.Remove(middle, 1), code.Insert(middle, code[middle].ToString()), Swap(code, middle)];
            foreach (var typo in typos.Where(t => CodeCatalog.Find(t).Count == 0))
                Assert.Contains(code, CodeCatalog.Nearest(typo));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("zzzzzzzzzzzzzzzzzzzz")]
    [InlineData("\n</script>\u0001")]
    public void Nonsense_or_hostile_input_suggests_nothing(string typed) => Assert.Empty(CodeCatalog.Nearest(typed));

    [Fact]
    public void A_huge_input_is_answered_at_once_without_suggestions() =>
        Assert.Empty(CodeCatalog.Nearest(new string('a', 10_000_000)));

    private static string Swap(string s, int i) => i + 1 < s.Length ? string.Concat(s.AsSpan(0, i), s[i + 1].ToString(), s[i].ToString(), s.AsSpan(i + 2)) : s;
}
