using System.Text.Json;
using System.Text.RegularExpressions;
using GateKit.GitHub.Tests.Support;
using GateKit.MSBuild.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.MSBuild.Tests;

/// <summary>
/// GateKit.Tool packed as a RID-specific tool (-p:GateKitNativeTool=true): installed on this linux-x64
/// machine it is the Native AOT executable, on macOS, Windows and linux-arm64 the framework-dependent
/// tool precompiled ReadyToRun for that platform, and it runs the gates as the framework-dependent tool
/// does, including artifact schemas (JsonSchema.Net) and the path that relies on a reflection-based
/// library (Octokit for GitHub check runs).
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class NativeToolPackageTests(NativeToolFeed feed) : IClassFixture<NativeToolFeed>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Install(params string[] args)
    {
        var tools = _temp.Combine("tools");
        var install = feed.Install(_temp.Path, tools, args);
        Assert.True(install.ExitCode == 0, install.Output);
        return tools;
    }

    private static ProcessResult Run(string gatekit, string folder, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Dotnet.RunProgram(gatekit, folder, environment, args);

    [Fact]
    public void The_pointer_package_names_the_native_package_every_ReadyToRun_package_and_the_framework_dependent_fallback()
    {
        var settings = PackedFeed.ReadEntry(feed.PackagePath("GateKit.Tool"), "tools/any/any/DotnetToolSettings.xml");
        var named = Regex.Matches(settings, "<RuntimeIdentifierPackage RuntimeIdentifier=\"([^\"]+)\" Id=\"([^\"]+)\"")
            .Select(m => (Rid: m.Groups[1].Value, Id: m.Groups[2].Value)).ToList();
        Assert.Equal(["linux-x64", .. NativeToolFeed.ReadyToRunRuntimeIdentifiers, "any"], named.Select(p => p.Rid));
        Assert.All(named, p => Assert.Equal($"GateKit.Tool.{p.Rid}", p.Id));
        Assert.All(named, p => Assert.True(File.Exists(feed.PackagePath(p.Id)), $"{p.Id} is named by the pointer package but was not packed"));
        Assert.DoesNotContain(PackedFeed.Entries(feed.PackagePath("GateKit.Tool")), e => e.EndsWith(".dll", StringComparison.Ordinal));

        var native = PackedFeed.Entries(feed.PackagePath("GateKit.Tool.linux-x64"));
        Assert.Contains("tools/any/linux-x64/gatekit", native);
        Assert.DoesNotContain(native, e => e.EndsWith(".dll", StringComparison.Ordinal) || e.EndsWith(".dbg", StringComparison.Ordinal));
        Assert.Contains("<packageType name=\"DotnetToolRidPackage\" />", PackedFeed.ReadEntry(feed.PackagePath("GateKit.Tool.linux-x64"), "GateKit.Tool.linux-x64.nuspec"));
        Assert.Contains("Runner=\"executable\"", PackedFeed.ReadEntry(feed.PackagePath("GateKit.Tool.linux-x64"), "tools/any/linux-x64/DotnetToolSettings.xml"));

        var fallback = PackedFeed.Entries(feed.PackagePath("GateKit.Tool.any"));
        Assert.Contains("tools/net10.0/any/gatekit.dll", fallback);
        Assert.Contains("tools/net10.0/any/JsonSchema.Net.dll", fallback);
        Assert.Contains("tools/net10.0/any/Octokit.dll", fallback);
    }

    /// <summary>
    /// Every platform of the ReadyToRun list gets the framework-dependent tool precompiled for its OS and
    /// architecture by crossgen2 on this host: the same assemblies as the IL-only fallback, each a
    /// ReadyToRun image for that platform, run with dotnet, no native executable (an apphost built here
    /// would be unsigned on macOS). The fallback stays IL only: ReadyToRun code serves one platform.
    /// </summary>
    [Fact]
    public void Each_ReadyToRun_package_holds_the_framework_dependent_tool_precompiled_for_its_platform()
    {
        var fallback = feed.PackagePath("GateKit.Tool.any");
        ReadyToRunImages.AssertAllILOnly(fallback, "tools/net10.0/any/");
        var portable = PackedFeed.Entries(fallback).Where(e => e.StartsWith("tools/net10.0/any/", StringComparison.Ordinal))
            .Select(e => e["tools/net10.0/any/".Length..]).Order().ToList();
        Assert.All(NativeToolFeed.ReadyToRunRuntimeIdentifiers, rid =>
        {
            var id = $"GateKit.Tool.{rid}";
            var package = feed.PackagePath(id);
            var folder = $"tools/net10.0/{rid}/";
            Assert.Contains("<packageType name=\"DotnetToolRidPackage\" />", PackedFeed.ReadEntry(package, $"{id}.nuspec"));
            Assert.Contains("EntryPoint=\"gatekit.dll\" Runner=\"dotnet\"", PackedFeed.ReadEntry(package, folder + "DotnetToolSettings.xml"));
            var precompiled = ReadyToRunImages.AssertAllFor(package, folder, rid);
            Assert.Contains("gatekit.dll", precompiled);
            // The same files as the fallback: every dependency precompiled, nothing native added.
            var files = PackedFeed.Entries(package).Where(e => e.StartsWith(folder, StringComparison.Ordinal)).Select(e => e[folder.Length..]).Order().ToList();
            Assert.Equal(portable, files);
        });
    }

    [Fact]
    public void Installed_on_linux_x64_it_is_the_native_executable_and_runs_the_quickstart_sample()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            throw new PlatformNotSupportedException("this test checks the linux-x64 package on a linux-x64 machine");
        var tools = Install();
        var gatekit = Path.Combine(tools, "gatekit");
        var installed = Directory.EnumerateFiles(Path.Combine(tools, ".store"), "*", SearchOption.AllDirectories).ToList();
        var executable = Assert.Single(installed, f => Path.GetFileName(f) == "gatekit");
        Assert.DoesNotContain(installed, f => f.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(executable)[..4]);
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(gatekit)[..4]); // the command itself, not a dotnet shim

        var version = Run(gatekit, _temp.Path, null, "--version");
        Assert.True(version.ExitCode == 0, version.Output);
        Assert.StartsWith(feed.Version + "+", version.StdOut.Trim());

        var sample = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, _temp.Combine("quickstart"));
        var run = Run(gatekit, sample, null, "run", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Output);
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal("go-with-conditions", result.GetProperty("decision").GetString());
        var release = result.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "release");
        Assert.Equal("pass", release.GetProperty("status").GetString()); // the artifact was validated against its schema
        var state = Path.Combine(sample, ".gatekit");
        SchemaAssert.ValidResult(File.ReadAllBytes(Path.Combine(state, "runs", File.ReadAllText(Path.Combine(state, "latest")).Trim(), "result.json")));

        var noGo = Run(gatekit, sample, null, "run", "--profile", "prod");
        Assert.True(noGo.ExitCode == 1, noGo.Output);
    }

    [Fact]
    public void The_native_executable_finds_schema_violations_in_an_artifact()
    {
        var gatekit = Path.Combine(Install(), "gatekit");
        var sample = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, _temp.Combine("quickstart"));
        File.WriteAllText(Path.Combine(sample, "reports", "v1.4.0_report.json"),
            """{ "tag": 5, "passed": true, "status": "OK", "metrics": { "coverage": 1.7 } }""");

        var run = Run(gatekit, sample, null, "run", "--format", "json");

        Assert.True(run.ExitCode == 1, run.Output);
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal("no-go", result.GetProperty("decision").GetString());
        var findings = result.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "release")
            .GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("code").GetString() == "schema_violation")
            .Select(f => f.GetProperty("message").GetString()).ToList();
        Assert.Equal(2, findings.Count);
        Assert.StartsWith("report: $.tag violates schemas/report.schema.json: type: ", findings[0]);
        Assert.StartsWith("report: $.metrics.coverage violates schemas/report.schema.json: maximum: ", findings[1]);
    }

    [Fact]
    public void The_native_executable_publishes_check_runs_and_falls_back_without_checks_permission()
    {
        const string Token = "ghs_NativeSecretToken1234567890";
        const string Head = "2222222222222222222222222222222222222222";
        var gatekit = Path.Combine(Install(), "gatekit");
        var sample = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, _temp.Combine("quickstart"));
        using var server = new GitHubTestServer();
        var env = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "octo/repo",
            ["GITHUB_API_URL"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = _temp.Write("event.json", $$$$"""{"pull_request":{"number":5,"head":{"sha":"{{{{Head}}}}"}}}"""),
            ["GITHUB_SHA"] = "1111111111111111111111111111111111111111",
            ["GITHUB_JOB"] = "gates",
            ["GITHUB_STEP_SUMMARY"] = _temp.Combine("step-summary.md"),
            ["GITHUB_OUTPUT"] = _temp.Combine("output.txt"),
            ["GITHUB_TOKEN"] = Token,
        };

        var run = Run(gatekit, sample, env, "run", "--github", "--comment");

        Assert.True(run.ExitCode == 0, run.Output);
        var checks = server.Requests.Where(r => r.Path == "/repos/octo/repo/check-runs").ToList();
        Assert.Equal(["gatekit / release (gates)", "gatekit / quality (gates)"], checks.Select(c => c.Json!["name"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.Equal(Head, c.Json!["head_sha"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.Equal("completed", c.Json!["status"]!.GetValue<string>()));
        Assert.Single(server.Comments);
        Assert.Contains("\ngo-with-conditions\n", File.ReadAllText(_temp.Combine("output.txt")));
        Assert.DoesNotContain(Token, run.Output);

        server.Script(new ScriptedResponse("POST", "check-runs", 403, """{"message":"Resource not accessible by integration"}"""));
        var fallback = Run(gatekit, sample, env, "run", "--github");
        Assert.True(fallback.ExitCode == 0, fallback.Output);
        Assert.Contains("::warning ", fallback.StdOut);
        var stepSummary = File.ReadAllText(_temp.Combine("step-summary.md"));
        Assert.True(stepSummary.Contains("checks\\: write", StringComparison.Ordinal), fallback.Output + "\n--- step summary ---\n" + stepSummary[^Math.Min(2000, stepSummary.Length)..]);
    }

    [Fact]
    public void Elsewhere_the_framework_dependent_fallback_runs_the_quickstart_sample_with_dotnet()
    {
        // dotnet tool install picks it on every platform but linux-x64 (it cannot be asked to here: the
        // SDK refuses another architecture on Linux), so its content is run as the SDK would run it.
        var package = feed.PackagePath("GateKit.Tool.any");
        Assert.Contains("EntryPoint=\"gatekit.dll\" Runner=\"dotnet\"", PackedFeed.ReadEntry(package, "tools/net10.0/any/DotnetToolSettings.xml"));
        var tool = _temp.Combine("any");
        System.IO.Compression.ZipFile.ExtractToDirectory(package, tool);
        var sample = GateKit.Cli.Tests.Support.Samples.CopyTo(PackedFeed.Quickstart, _temp.Combine("quickstart"));

        var run = Dotnet.Run(sample, null, Path.Combine(tool, "tools", "net10.0", "any", "gatekit.dll"), "run", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("go-with-conditions", JsonDocument.Parse(run.StdOut).RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public void Only_the_reflection_based_dependencies_warn_in_the_native_build()
    {
        // Our own code is analysed as errors at compile time; the Native AOT compiler's remaining warnings
        // must come from the reflection-based libraries named in GateKit.Cli.csproj, and from nothing else.
        var allowed = new Regex(@"warning IL\d{4}: (Assembly 'Octokit'|Octokit\.)");
        var warnings = feed.PackOutput.Split('\n').Where(l => Regex.IsMatch(l, @"warning IL\d{4}")).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Matches(allowed, w));
        Assert.DoesNotMatch(@"error IL\d{4}", feed.PackOutput);
    }
}
