#!/usr/bin/env bash
# Scaling benchmark (issue 20, kind 2): each doubling of an input should roughly double the time.
# Measures, at each size (default 10k, 100k, 1M items), the wall time and peak memory of:
#   waivers  `gatekit run` of a quality gate whose config holds N waivers (none matching)
#   missing  `gatekit evidence verify` of a manifest listing N files that are all missing
# One run per point (the point is the curve, not the last percent). Prints a Markdown table.
# Usage: bench/scaling.sh [sizes...]     e.g. bench/scaling.sh 10000 100000
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("${@:-10000 100000 1000000}")
read -r -a sizes <<<"${sizes[*]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/bench/lib.sh"
# GATEKIT_BENCH_TOOL runs another build (e.g. "dotnet artifacts/bin/GateKit.Cli/debug/gatekit.dll") instead of publishing.
tool="${GATEKIT_BENCH_TOOL:-dotnet $(publish_r2r)}"
export GATEKIT_MAX_CONFIG_BYTES=$((1024 * 1024 * 1024))

measure() { # measure LABEL N DIR COMMAND...: one timed run, one table row (wall time, peak RSS, exit code)
  local label="$1" n="$2" dir="$3"; shift 3
  python3 - "$label" "$n" "$dir" "$@" <<'PY'
import resource, subprocess, sys, time
label, n, folder, command = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
start = time.monotonic()
code = subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(f"| {label} | {int(n):,} | {wall:.2f} s | {peak} MiB | {code} |")
PY
}

echo "| input | items | wall | peak RSS | exit |"
echo "|---|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  # Waivers: none matches, so each is also reported unused; the quickstart's quality data.
  dir="$work/waivers-$n"
  mkdir -p "$dir/data"
  cp "$root/samples/quickstart/data/cases.jsonl" "$dir/data/"
  python3 - "$dir/gatekit.json" "$n" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
waivers = [{"id": f"W-{i}", "gate": "quality", "code": "condition_violated", "subject": f"s{i}", "owner": "o",
            "reason": "r", "expires": "2099-01-01"} for i in range(n)]
config = {"schemaVersion": 1, "gates": {"quality": {"reports": [{"id": "cases", "path": "data/cases.jsonl"}],
          "conditions": [{"id": "pass_rate", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=",
                          "threshold": 0.5, "severity": "P0"}]}}, "waivers": waivers}
json.dump(config, open(path, "w"))
PY
  measure waivers "$n" "$dir" $tool run --out "$dir/state"

  # Evidence verify: a manifest of N entries whose files are not in the pack.
  dir="$work/missing-$n"
  mkdir -p "$dir/pack/files"
  python3 - "$dir/pack/manifest.json" "$n" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
files = [{"path": f"d{i % 1000}/f{i}.txt", "size": 1, "sha256": "0" * 64} for i in range(n)]
json.dump({"schema_version": 1, "pack_id": "p", "files": files}, open(path, "w"))
PY
  measure "evidence verify (missing)" "$n" "$dir" $tool evidence verify --manifest pack/manifest.json --max-manifest-bytes 4294967296
done
