#!/usr/bin/env bash
# Scaling benchmark (issue 20, kind 2): each doubling of an input should roughly double the time.
# Measures, at each size (default 10k, 100k, 1M items), the wall time, CPU time and peak memory of:
#   waivers     `gatekit run`: a quality gate whose config holds N waivers (none matching)
#   conditions  `gatekit run`: a quality gate of N conditions, each violated (N findings)
#   cases       `gatekit run`: a quality report (JSONL) of N cases
#   artifacts   `gatekit run`: a release gate of N artifacts, each with an assertion
#   telemetry   `gatekit promotion evaluate`: N telemetry lines in the reliability window
#   missing     `gatekit evidence verify`: a manifest listing N files that are all missing
#   same        `gatekit docs check`: one file of N `# Same` headings (N-1 duplicate slugs)
#   open-link   `gatekit docs check`: one line of N `[a](` (unclosed link destinations)
# One run per point (the point is the curve, not the last percent); a point is stopped after
# GATEKIT_BENCH_TIMEOUT seconds (default 600) and shown as such. Prints a Markdown table.
# Usage: bench/scaling.sh [sizes...]     e.g. bench/scaling.sh 10000 100000
# GATEKIT_BENCH_KINDS="same open-link" limits the kinds measured.
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

kinds="${GATEKIT_BENCH_KINDS:-waivers conditions cases artifacts telemetry missing same open-link}"
limit="${GATEKIT_BENCH_TIMEOUT:-600}"

measure() { # measure LABEL N DIR COMMAND...: one timed run, one table row (wall, CPU, peak RSS, exit code)
  local label="$1" n="$2" dir="$3"; shift 3
  python3 - "$label" "$n" "$dir" "$limit" "$@" <<'PY'
import resource, subprocess, sys, time
label, n, folder, limit, command = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5:]
start = time.monotonic()
try:
    code = subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=limit).returncode
except subprocess.TimeoutExpired:
    code = f"stopped after {limit:.0f} s"
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"| {label} | {int(n):,} | {wall:.2f} s | {usage.ru_utime + usage.ru_stime:.2f} s | {usage.ru_maxrss // 1024} MiB | {code} |")
PY
}

echo "| input | items | wall | CPU | peak RSS | exit |"
echo "|---|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  for kind in $kinds; do
    dir="$work/$kind-$n"
    mkdir -p "$dir"
    case "$kind" in
      waivers|conditions|cases|artifacts)
        mkdir -p "$dir/data"
        python3 - "$dir" "$n" "$kind" "$root/samples/quickstart/data/cases.jsonl" <<'PY'
import json, sys
folder, n, kind, cases = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = open(cases).read().splitlines()
with open(f"{folder}/data/cases.jsonl", "w") as out:
    for i in range(n if kind == "cases" else len(lines)):
        record = json.loads(lines[i % len(lines)]); record["id"] = f"case-{i}"
        out.write(json.dumps(record) + "\n")
json.dump({"passed": True, "status": "OK"}, open(f"{folder}/data/report.json", "w"))
condition = {"id": "pass_rate", "report": "cases", "aggregate": "rate", "pointer": "/passed", "op": ">=", "threshold": 0.5, "severity": "P0"}
conditions = [condition]
if kind == "conditions":
    conditions = [{"id": f"c{i}", "report": "cases", "aggregate": "mean", "pointer": "/score", "op": "<=", "threshold": 0.1, "severity": "P2"}
                  for i in range(n)]
config = {"schemaVersion": 1, "gates": {"quality": {"reports": [{"id": "cases", "path": "data/cases.jsonl"}], "conditions": conditions}}}
if kind == "waivers":
    config["waivers"] = [{"id": f"W-{i}", "gate": "quality", "code": "condition_violated", "subject": f"s{i}", "owner": "o",
                          "reason": "r", "expires": "2099-01-01"} for i in range(n)]
if kind == "artifacts":
    config["gates"] = {"release": {"tag": "v1", "artifacts": [
        {"id": f"a{i}", "path": "data/report.json", "assertions": [{"pointer": "/passed", "equals": True}]} for i in range(n)]}}
json.dump(config, open(f"{folder}/gatekit.json", "w"))
PY
        measure "$kind" "$n" "$dir" $tool run --out "$dir/state" ;;
      telemetry)
        cp -r "$root/samples/promotion/." "$dir/"
        python3 - "$dir/telemetry/executions.jsonl" "$n" <<'PY'
import datetime, json, sys
path, n = sys.argv[1], int(sys.argv[2])
end = datetime.datetime(2026, 11, 23, 11, 0, tzinfo=datetime.timezone.utc)
with open(path, "w") as out:
    for i in range(n):
        t = end - datetime.timedelta(seconds=(i * 6 * 86400) // n)
        out.write(json.dumps({"timestamp": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "category": "fleet_handoff_execute", "loopId": f"loop-{i % 7}",
            "execution": {"mode": "autonomous", "requestedIntentCount": 4, "executedCount": 4, "ambiguousCount": 0, "failedCount": 0}}) + "\n")
PY
        measure "$kind" "$n" "$dir" $tool promotion evaluate --now 2026-11-23T12:00:00Z ;;
      missing)
        mkdir -p "$dir/pack/files"
        python3 - "$dir/pack/manifest.json" "$n" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
files = [{"path": f"d{i % 1000}/f{i}.txt", "size": 1, "sha256": "0" * 64} for i in range(n)]
json.dump({"schema_version": 1, "pack_id": "p", "files": files}, open(path, "w"))
PY
        measure "evidence verify (missing)" "$n" "$dir" $tool evidence verify --manifest pack/manifest.json --max-manifest-bytes 4294967296 ;;
      same|open-link)
        mkdir -p "$dir/docs"
        python3 - "$dir/docs/README.md" "$n" "$kind" <<'PY'
import sys
path, n, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
open(path, "w").write("# Same\n\n" * n if kind == "same" else "[a](" * n + "\n")
PY
        measure "docs $kind" "$n" "$dir" $tool docs check docs ;;
    esac
    rm -rf "$dir"
  done
done
