#!/usr/bin/env bash
# Start-up benchmark: `gatekit --version` and `gatekit run` on the quickstart sample against a
# `dotnet new console` hello world built the same way (Release, framework-dependent), in one
# hyperfine run, so that the ratio is measured on the same machine under the same load.
# Usage: bench/startup.sh [runs]   (installs hyperfine with apt-get when it is missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }

# The tool two ways: a plain Release build (JIT), and published ReadyToRun (precompiled, as shipped).
dotnet build "$root/src/GateKit.Cli" -c Release --artifacts-path "$work/artifacts" -v quiet -nologo >/dev/null
tool="$(find "$work/artifacts/bin/GateKit.Cli" -name gatekit.dll | head -n 1)"
dotnet publish "$root/src/GateKit.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path "$work/r2r" -v quiet -nologo >/dev/null
r2r="$(find "$work/r2r/publish/GateKit.Cli" -name gatekit.dll | head -n 1)"

dotnet new console -o "$work/hello" >/dev/null
dotnet build "$work/hello" -c Release -o "$work/hello/out" -v quiet -nologo >/dev/null

cp -r "$root/samples/quickstart" "$work/quickstart"
rm -rf "$work/quickstart/.gatekit"

cd "$work/quickstart"
hyperfine --warmup 3 --runs "$runs" -N --export-markdown "$work/startup.md" \
  -n "hello world" "dotnet $work/hello/out/hello.dll" \
  -n "gatekit --version (JIT)" "dotnet $tool --version" \
  -n "gatekit run quickstart (JIT)" "dotnet $tool run --out $work/state" \
  -n "gatekit --version (R2R)" "dotnet $r2r --version" \
  -n "gatekit run quickstart (R2R)" "dotnet $r2r run --out $work/state-r2r"
cat "$work/startup.md"
