using System.Diagnostics;
using System.Runtime.InteropServices;
using GateKit.Native;
using GateKit.Tests.Support;

namespace GateKit.Tests.Native;

/// <summary>
/// Every constant and structure offset GateKit passes to the C library (Native/Libc.cs) against the
/// system's own headers: a small C program, compiled with the machine's C compiler, prints them for the
/// architecture the tests run on. A value right on x86-64 but wrong on ARM64 (O_DIRECTORY) fails there.
/// </summary>
public sealed class LibcConstantsTests
{
    private static readonly (string Name, long Value, string CExpression)[] Values =
    [
        ("O_RDONLY", Libc.O_RDONLY, "O_RDONLY"),
        ("O_NONBLOCK", Libc.O_NONBLOCK, "O_NONBLOCK"),
        ("O_DIRECTORY", Libc.O_DIRECTORY, "O_DIRECTORY"),
        ("O_CLOEXEC", Libc.O_CLOEXEC, "O_CLOEXEC"),
        ("AT_EMPTY_PATH", Libc.AT_EMPTY_PATH, "AT_EMPTY_PATH"),
        ("STATX_TYPE", Libc.STATX_TYPE, "STATX_TYPE"),
        ("STATX_SIZE", Libc.STATX_SIZE, "STATX_SIZE"),
        ("StatxModeOffset", Libc.StatxModeOffset, "offsetof(struct statx, stx_mode)"),
        ("StatxSizeOffset", Libc.StatxSizeOffset, "offsetof(struct statx, stx_size)"),
        ("StatxSize", Libc.StatxSize, "sizeof(struct statx)"),
        ("S_IFMT", Libc.S_IFMT, "S_IFMT"),
        ("S_IFREG", Libc.S_IFREG, "S_IFREG"),
        ("POSIX_FADV_SEQUENTIAL", Libc.POSIX_FADV_SEQUENTIAL, "POSIX_FADV_SEQUENTIAL"),
        ("EPERM", Libc.EPERM, "EPERM"),
        ("ENOENT", Libc.ENOENT, "ENOENT"),
        ("EINTR", Libc.EINTR, "EINTR"),
        ("EACCES", Libc.EACCES, "EACCES"),
        ("EEXIST", Libc.EEXIST, "EEXIST"),
        ("EXDEV", Libc.EXDEV, "EXDEV"),
        ("ENOTDIR", Libc.ENOTDIR, "ENOTDIR"),
        ("ENOSYS", Libc.ENOSYS, "ENOSYS"),
        ("ELOOP", Libc.ELOOP, "ELOOP"),
        ("SYS_openat2", Libc.SYS_openat2, "SYS_openat2"),
        ("RESOLVE_NO_SYMLINKS", (long)Libc.RESOLVE_NO_SYMLINKS, "RESOLVE_NO_SYMLINKS"),
        ("RESOLVE_BENEATH", (long)Libc.RESOLVE_BENEATH, "RESOLVE_BENEATH"),
        ("OpenHowSize", Marshal.SizeOf<Libc.OpenHow>(), "sizeof(struct open_how)"),
        ("OpenHowResolveOffset", (long)Marshal.OffsetOf<Libc.OpenHow>(nameof(Libc.OpenHow.Resolve)), "offsetof(struct open_how, resolve)"),
        ("DirentTypeOffset", Libc.DirentTypeOffset, "offsetof(struct dirent64, d_type)"),
        ("DirentNameOffset", Libc.DirentNameOffset, "offsetof(struct dirent64, d_name)"),
        ("DT_UNKNOWN", Libc.DT_UNKNOWN, "DT_UNKNOWN"),
        ("DT_DIR", Libc.DT_DIR, "DT_DIR"),
        ("DT_LNK", Libc.DT_LNK, "DT_LNK"),
    ];

    [Fact]
    public void Every_constant_is_the_system_headers_value_on_this_architecture()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("GateKit's libc calls are Linux-only");
        using var temp = new TempFolder();
        var source = temp.Write("libc.c", """
            #define _GNU_SOURCE
            #include <dirent.h>
            #include <errno.h>
            #include <fcntl.h>
            #include <linux/openat2.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <sys/stat.h>
            #include <sys/syscall.h>
            int main(void) {
            """ + string.Concat(Values.Select(v => $"    printf(\"{v.Name} %lld\\n\", (long long)({v.CExpression}));\n")) + """
                return 0;
            }
            """);
        var program = temp.Combine("libc");
        var compile = Run(Compiler(), "-o", program, source);
        Assert.True(compile.ExitCode == 0, compile.Output);

        var printed = Run(program);
        Assert.True(printed.ExitCode == 0, printed.Output);
        var headers = printed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => long.Parse(p[1]));

        Assert.Equal(Values.Select(v => $"{v.Name} {headers[v.Name]}"), Values.Select(v => $"{v.Name} {v.Value}"));
    }

    // The machine's C compiler (cc, else clang or gcc): the test needs one and says so.
    private static string Compiler() =>
        new[] { "cc", "clang", "gcc" }.FirstOrDefault(c => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(folder => File.Exists(Path.Combine(folder, c))))
        ?? throw new InvalidOperationException("this test needs a C compiler (cc, clang or gcc) on PATH: install Debian's gcc or clang");

    private static (int ExitCode, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
