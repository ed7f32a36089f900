using System.Diagnostics;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests.ProducedReports;

/// <summary>
/// Reports made by the real tools, once for the test class: samples/dotnet copied to a temp folder with one
/// failing test added (<see cref="FailingTestFile"/>, failing at <see cref="FailingLine"/>) and one source file no
/// test calls (<see cref="UncoveredFile"/>, its statements on <see cref="UncoveredLines"/>, never run), then one
/// <c>dotnet test</c> with the TRX and JUnit loggers, coverlet's collector writing Cobertura and lcov, and a build
/// that writes every project's compiler results as SARIF 2.1.0 (ErrorLog). The temp folder is the file root the gate reads.
/// </summary>
public sealed class ProducedReportsFixture : IDisposable
{
    public const string FailingTestFile = "Sample.Tests/BrokenTests.cs";
    public const int FailingLine = 9;
    public const string Trx = "out/tests.trx";
    public const string Junit = "out/tests.junit.xml";
    public const string SarifGlob = "out/sarif/*.sarif";
    /// <summary>coverlet.collector writes each format into a folder named by a fresh GUID under the results directory.</summary>
    public const string CoberturaGlob = "out/coverage/*/coverage.cobertura.xml";
    public const string LcovGlob = "out/coverage/*/coverage.info";
    public const string UncoveredFile = "Sample/Unused.cs";
    public static readonly int[] UncoveredLines = [7, 8];

    private readonly TempFolder _root = new();

    public string Root => _root.Path;
    public string TestOutput { get; }

    public ProducedReportsFixture()
    {
        var sample = Path.Combine(SchemaAssert.RepositoryRoot, "samples", "dotnet");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "Sample/Sample.csproj", "Sample/Prices.cs",
                     "Sample.Tests/Sample.Tests.csproj", "Sample.Tests/PricesTests.cs" })
            _root.Write(file, File.ReadAllText(Path.Combine(sample, file)));
        _root.Write(FailingTestFile, """
            using Xunit;

            namespace Sample.Tests;

            public class BrokenTests
            {
                [Fact]
                public void Half_price() =>
                    Assert.Equal(49m, Sample.Prices.Discounted(100m, 50m));
            }
            """);
        _root.Write(UncoveredFile, """
            namespace Sample;

            public static class Unused
            {
                public static int Twice(int value)
                {
                    var twice = value * 2;
                    return twice;
                }
            }
            """);
        _root.Write("coverage.runsettings", """
            <RunSettings>
              <DataCollectionRunSettings>
                <DataCollectors>
                  <DataCollector friendlyName="XPlat code coverage">
                    <Configuration><Format>cobertura,lcov</Format></Configuration>
                  </DataCollector>
                </DataCollectors>
              </DataCollectionRunSettings>
            </RunSettings>
            """);
        // The compiler writes the ErrorLog file but does not create its folder.
        Directory.CreateDirectory(_root.Combine("out/sarif"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList =
            {
                "test", "Sample.Tests/Sample.Tests.csproj", $"-p:SarifDir={_root.Combine("out/sarif")}",
                "--logger", $"trx;LogFileName={_root.Combine(Trx)}", "--logger", $"junit;LogFilePath={_root.Combine(Junit)}",
                "--collect", "XPlat Code Coverage", "--settings", _root.Combine("coverage.runsettings"), "--results-directory", _root.Combine("out/coverage"),
            },
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        TestOutput = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        // dotnet test exits 1 because a test failed; the reports are what matters.
        if (!File.Exists(_root.Combine(Trx)) || !File.Exists(_root.Combine(Junit))
            || !Directory.Exists(_root.Combine("out/coverage")) || !Directory.EnumerateFiles(_root.Combine("out/coverage"), "coverage.*", SearchOption.AllDirectories).Any())
            throw new InvalidOperationException($"dotnet test made no reports (exit {process.ExitCode}):\n{TestOutput}");
    }

    public void Dispose() => _root.Dispose();
}
