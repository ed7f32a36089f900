#!/usr/bin/env bash
# Start-up benchmark: `gatekit --version` and `gatekit run` on the quickstart sample against a
# `dotnet new console` hello world built the same way, in one hyperfine run, so that the ratios are
# measured on the same machine under the same load. Each program two ways: framework-dependent
# (the hello world: a Release build; the tool: a Release build, IL only, as the `any` tool package
# runs, and published ReadyToRun, framework-dependent and precompiled for this platform) and Native
# AOT (`dotnet publish -r linux-x64 -p:PublishAot=true`, as the linux-x64 tool package ships it).
# The hello world gets the tool's runtime settings (invariant globalization, no dynamic PGO).
# Usage: bench/startup.sh [runs]
# Installs hyperfine, clang and zlib1g-dev (Native AOT links with them) with apt-get when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/bench/lib.sh"
install_missing hyperfine native-aot
quiet=(-v quiet -nologo -tl:off)
# The tool three ways, one build after the other: framework-dependent IL only (what the `any` tool
# package installs on a platform without a package of its own: a Release build), ReadyToRun
# (framework-dependent, precompiled: what the linux-arm64, osx and win-x64 packages install) and
# Native AOT (what the linux-x64 tool package installs).
dotnet build "$root/src/GateKit.Cli" -c Release --artifacts-path "$work/il" "${quiet[@]}" >/dev/null
il="$(find "$work/il/bin/GateKit.Cli" -name gatekit.dll | head -n 1)"
r2r="$(publish_r2r)"
aot="$(publish_aot)"

dotnet new console -o "$work/hello" >/dev/null
same=(-p:InvariantGlobalization=true -p:TieredPGO=false)
dotnet build "$work/hello" -c Release -o "$work/hello/out" "${same[@]}" "${quiet[@]}" >/dev/null
dotnet publish "$work/hello" -c Release -r linux-x64 -p:PublishAot=true -o "$work/hello/aot" "${same[@]}" "${quiet[@]}" >/dev/null
# The floor JsonSchema.Net (the artifact schema library) sets under Native AOT: its module initializer
# (dialects and 19 meta-schemas) runs at every start of an executable that contains it, used or not.
dotnet new console -o "$work/hello-schema" >/dev/null
dotnet add "$work/hello-schema" package JsonSchema.Net --version 8.0.5 >/dev/null
echo 'if (args.Length > 0) Console.WriteLine(Json.Schema.JsonSchema.FromText(args[0]).BaseUri); Console.WriteLine("Hello, World!");' > "$work/hello-schema/Program.cs"
dotnet publish "$work/hello-schema" -c Release -r linux-x64 -p:PublishAot=true -o "$work/hello-schema/aot" "${same[@]}" "${quiet[@]}" >/dev/null

cp -r "$root/samples/quickstart" "$work/quickstart"
rm -rf "$work/quickstart/.gatekit"

cd "$work/quickstart"
hyperfine --warmup 3 --runs "$runs" -N --export-markdown "$work/startup.md" \
  -n "hello world (framework-dependent)" "dotnet $work/hello/out/hello.dll" \
  -n "hello world (Native AOT)" "$work/hello/aot/hello" \
  -n "hello world + JsonSchema.Net (Native AOT)" "$work/hello-schema/aot/hello-schema" \
  -n "gatekit --version (IL only)" "dotnet $il --version" \
  -n "gatekit --version (R2R)" "dotnet $r2r --version" \
  -n "gatekit --version (Native AOT)" "$aot --version" \
  -n "gatekit run quickstart (IL only)" "dotnet $il run --out $work/state-il" \
  -n "gatekit run quickstart (R2R)" "dotnet $r2r run --out $work/state-r2r" \
  -n "gatekit run quickstart (Native AOT)" "$aot run --out $work/state-aot"
cat "$work/startup.md"

# Methods the JIT still compiles in one `gatekit run` (the rest is precompiled): what ReadyToRun leaves.
jit_count() {
  DOTNET_JitStdOutFile="$work/jit-$1.txt" DOTNET_JitDisasmSummary=1 dotnet "$2" run --out "$work/state-jit-$1" >/dev/null
  echo "methods JIT-compiled by gatekit run ($1): $(grep -c 'JIT compiled' "$work/jit-$1.txt")"
}
jit_count il "$il"
jit_count r2r "$r2r"
