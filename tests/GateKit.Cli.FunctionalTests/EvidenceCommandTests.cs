using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using GateKit.Cli.Tests.Support;
using GateKit.Tests.Support;

namespace GateKit.Cli.Tests;

/// <summary>gatekit evidence pack / verify as a real process: exit codes 0, 1, 2, 3 and 4 and what they print.</summary>
public sealed class EvidenceCommandTests
{
    private static string Tree(TempFolder temp)
    {
        var input = temp.Combine("in");
        Directory.CreateDirectory(Path.Combine(input, "logs"));
        File.WriteAllText(Path.Combine(input, "report.json"), """{"passed":true}""");
        File.WriteAllText(Path.Combine(input, "logs", "run.log"), "ok\n");
        return input;
    }

    private static string[] PackArgs(string input, string outRoot, string id = "p1") =>
        ["evidence", "pack", "--in", input, "--out-root", outRoot, "--pack-id", id, "--git-ref", "abc123", "--run-reason", "release readiness", "--operator", "alice", "--deterministic"];

    [Fact]
    public void Pack_then_verify_exits_0_and_a_tampered_pack_exits_1_listing_every_problem()
    {
        using var temp = new TempFolder();
        var pack = GateKitProcess.Run(temp.Path, PackArgs(Tree(temp), temp.Combine("out")));
        Assert.True(pack.ExitCode == 0, pack.StdErr);
        var manifest = temp.Combine("out/p1/manifest.json");
        SchemaAssert.Valid("evidence-manifest.schema.json", File.ReadAllText(manifest));

        var ok = GateKitProcess.Run(temp.Path, "evidence", "verify", "--manifest", manifest);
        Assert.Equal(0, ok.ExitCode);
        Assert.StartsWith("VALID", ok.StdOut);

        File.AppendAllText(temp.Combine("out/p1/files/logs/run.log"), "tampered");
        File.Delete(temp.Combine("out/p1/files/report.json"));
        var bad = GateKitProcess.Run(temp.Path, "evidence", "verify", "--manifest", manifest, "--format", "json");
        Assert.Equal(1, bad.ExitCode);
        var report = JsonNode.Parse(bad.StdOut)!;
        Assert.False((bool)report["valid"]!);
        Assert.Equal(["size_mismatch", "file_missing"], report["problems"]!.AsArray().Select(p => (string)p!["code"]!));
    }

    [Fact]
    public void Packing_twice_into_the_same_id_exits_2_and_keeps_the_first_pack()
    {
        using var temp = new TempFolder();
        var input = Tree(temp);
        Assert.Equal(0, GateKitProcess.Run(temp.Path, PackArgs(input, temp.Combine("out"))).ExitCode);
        var before = File.ReadAllBytes(temp.Combine("out/p1/manifest.json"));
        var again = GateKitProcess.Run(temp.Path, PackArgs(input, temp.Combine("out")));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.StdErr);
        Assert.Equal(before, File.ReadAllBytes(temp.Combine("out/p1/manifest.json")));
    }

    [Theory]
    [InlineData("missing.json", 2)]
    [InlineData("truncated", 3)]
    [InlineData("garbled", 3)]
    public void Verify_exits_2_for_a_missing_manifest_and_3_for_a_malformed_one(string which, int code)
    {
        using var temp = new TempFolder();
        var manifest = temp.Combine("pack/manifest.json");
        if (which != "missing.json")
        {
            Assert.Equal(0, GateKitProcess.Run(temp.Path, PackArgs(Tree(temp), temp.Path, "pack")).ExitCode);
            var bytes = File.ReadAllBytes(manifest);
            File.WriteAllBytes(manifest, which == "truncated" ? bytes[..(bytes.Length - 20)] : Encoding.UTF8.GetBytes("\u0000garbage{"));
        }
        var run = GateKitProcess.Run(temp.Path, "evidence", "verify", "--manifest", manifest);
        Assert.Equal(code, run.ExitCode);
        Assert.Contains(code == 2 ? "does not exist" : "manifest_malformed", code == 2 ? run.StdErr : run.StdOut);
    }

    /// <summary>
    /// An unreadable file: root reads everything, so as root the tool runs as nobody (setpriv) with
    /// the file's mode 000; otherwise mode 000 is enough.
    /// </summary>
    [Theory]
    [InlineData("pack", 4)]
    [InlineData("verify", 1)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_file_is_a_clear_error_naming_it(string command, int code)
    {
        using var temp = new TempFolder();
        var input = Tree(temp);
        var outRoot = temp.Combine("out");
        string[] args;
        string victim;
        if (command == "pack")
        {
            victim = Path.Combine(input, "logs", "run.log");
            args = PackArgs(input, outRoot);
        }
        else
        {
            Assert.Equal(0, GateKitProcess.Run(temp.Path, PackArgs(input, outRoot)).ExitCode);
            victim = Path.Combine(outRoot, "p1", "files", "logs", "run.log");
            args = ["evidence", "verify", "--manifest", Path.Combine(outRoot, "p1", "manifest.json")];
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Append(temp.Path))
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? (UnixFileMode)0b111_111_111 : (UnixFileMode)0b110_110_110);
        File.SetUnixFileMode(victim, UnixFileMode.None);

        var run = RunUnprivileged(temp.Path, args);
        Assert.True(run.ExitCode == code, run.StdOut + run.StdErr);
        Assert.Contains("logs/run.log", command == "pack" ? run.StdErr : run.StdOut);
        Assert.Contains(command == "pack" ? "cannot be read" : "file_unreadable", command == "pack" ? run.StdErr : run.StdOut);
        if (command == "pack") Assert.Empty(Directory.Exists(outRoot) ? Directory.EnumerateDirectories(outRoot) : []);
    }

    private static ProcessResult RunUnprivileged(string workingDirectory, string[] args)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "setpriv" : GateKitProcess.OtherTool ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
            foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", GateKitProcess.OtherTool ?? "dotnet" }) start.ArgumentList.Add(a);
        if (GateKitProcess.OtherTool is null) start.ArgumentList.Add(GateKitProcess.ToolPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["HOME"] = workingDirectory;
        start.Environment["DOTNET_CLI_HOME"] = workingDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) { process.Kill(true); throw new TimeoutException("gatekit did not finish"); }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
