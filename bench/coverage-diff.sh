#!/usr/bin/env bash
# Coverage on new code: `gatekit run` (a quality condition on `coverage.new_lines` with `changed.base`) against
# diff-cover (`--compare-branch`, JSON report) on the same generated repository, diff and Cobertura report;
# asserts that both find the same coverable changed lines and the same uncovered ones, then reports wall time,
# peak RSS and the ratios (goal: GateKit >= 20x faster, <= 1/4 of diff-cover's peak memory). Second part: a
# generated Cobertura file of about 500 MB read by a `coverage.line` condition, peak RSS recorded (goal < 200 MB).
# Usage: bench/coverage-diff.sh [files] [lines] [big-bytes]
# Installs diff-cover and jq with apt-get when missing. GATEKIT_BENCH_TOOL runs another build instead of publishing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
files="${1:-20000}"
lines="${2:-2000000}"
big="${3:-500000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/bench/lib.sh"
install_missing diff-cover jq
tool="${GATEKIT_BENCH_TOOL:-dotnet $(publish_r2r)}"
repo="$work/repo"

python3 "$root/bench/coverage_gen.py" repo "$repo" "$files" "$lines"
echo "repo: $(git -C "$repo" ls-files | wc -l) files, $(cd "$repo" && git ls-files -z | xargs -0 cat | wc -l) lines; change: $(git -C "$repo" diff --shortstat base...HEAD)"
echo "coverage.xml: $(stat -c %s "$repo/coverage.xml") bytes"

# The threshold is above the generated coverage, so the run is a no-go with every uncovered run as a finding.
cat > "$repo/gatekit.json" <<'JSON'
{
  "schemaVersion": 1,
  "gates": {
    "quality": {
      "reports": [ { "id": "cov", "path": "coverage.xml", "format": "cobertura" } ],
      "conditions": [
        { "id": "new_code", "report": "cov", "metric": "coverage.new_lines", "op": ">=", "threshold": 0.99,
          "severity": "P0", "changed": { "base": "base" } },
        { "id": "all_code", "report": "cov", "metric": "coverage.line", "op": ">=", "threshold": 0.5, "severity": "P1" }
      ]
    }
  }
}
JSON

# measure NAME COMMAND...: runs in the repository; prints and keeps wall seconds and peak RSS (KiB) as NAME_s, NAME_kb.
measure() {
  local name="$1"; shift
  local status=0
  (cd "$repo" && /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err") || status=$?
  read -r seconds kb user system < <(tail -n 1 "$work/$name.time")  # after "Command exited with non-zero status N"
  printf '%-12s exit %d, %8.2f s wall, %8.2f s CPU, peak RSS %6d MiB\n' "$name" "$status" "$seconds" "$(echo "$user + $system" | bc)" "$((kb / 1024))"
  eval "${name}_s=$seconds ${name}_kb=$kb"
}

measure gatekit $tool run --config gatekit.json --gate quality --out "$work/out"
measure diffcover diff-cover coverage.xml --compare-branch=base --json-report "$work/diff-cover.json"

# Both sides as sets of (file, line) of uncovered changed lines. GateKit's findings are runs ("changed lines A-B",
# first and last uncovered; changed lines no report can cover may stand between): expanded to the lines the
# report gives 0 hits (the generated report's filenames are the repository paths).
result="$(find "$work/out" -name result.json | head -n 1)"
python3 - "$result" "$repo/coverage.xml" "$work/diff-cover.json" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
result, report, diff_cover = json.load(open(sys.argv[1])), sys.argv[2], json.load(open(sys.argv[3]))
zero = set()
for _, node in ET.iterparse(report):
    if node.tag == "class":
        zero.update((node.get("filename"), int(l.get("number"))) for l in node.iter("line") if l.get("hits") == "0")
        node.clear()
gatekit = set()
for gate in result["gates"]:
    for finding in gate["findings"]:
        if finding["code"] == "new_lines_uncovered":
            first, last = re.search(r"lines? (\d+)(?:-(\d+))?", finding["message"]).groups()
            name = finding["location"]["file"]
            gatekit.update((name, l) for l in range(int(first), int(last or first) + 1) if (name, l) in zero)
theirs = {(name, l) for name, stats in diff_cover["src_stats"].items() for l in stats["violation_lines"]}
if gatekit != theirs:
    sys.exit(f"MISMATCH: uncovered changed lines: only GateKit {sorted(gatekit - theirs)[:10]}, only diff-cover {sorted(theirs - gatekit)[:10]}")
# The same uncovered set: the same covered set exactly when both count the same coverable changed lines.
coverable = diff_cover["total_num_lines"]
rate = next(g for g in result["gates"] if g["name"] == "quality")["metrics"]["new_code"]
if abs(rate - (coverable - len(theirs)) / coverable) > 1e-12:
    sys.exit(f"MISMATCH: GateKit's coverage.new_lines {rate} != diff-cover's covered/coverable {coverable - len(theirs)}/{coverable}")
print(f"same lines: {coverable} coverable changed lines, {len(theirs)} uncovered in {len({n for n, _ in theirs})} files")
PY
python3 -c "print(f'GateKit: {$diffcover_s / $gatekit_s:.1f}x faster, {$gatekit_kb / $diffcover_kb:.2f} of diff-cover peak memory')"

# Part two: one Cobertura file of about 500 MB, streamed.
rm -rf "$work/out"
python3 "$root/bench/coverage_gen.py" big "$repo" "$big"
echo "big.xml: $(stat -c %s "$repo/big.xml") bytes"
cat > "$repo/gatekit.json" <<'JSON'
{
  "schemaVersion": 1,
  "gates": {
    "quality": {
      "maxFileBytes": 1000000000,
      "reports": [ { "id": "cov", "path": "big.xml", "format": "cobertura" } ],
      "conditions": [ { "id": "all_code", "report": "cov", "metric": "coverage.line", "op": ">=", "threshold": 0.5, "severity": "P1" } ]
    }
  }
}
JSON
measure big $tool run --config gatekit.json --gate quality --out "$work/out"
result="$(find "$work/out" -name result.json | head -n 1)"
jq -r '.gates[] | "status \(.status), coverage.line \(.metrics.all_code), findings \([.findings[].code] | unique)"' "$result"
echo "500 MB report: peak RSS $((big_kb / 1024)) MiB (goal < 200 MB)"
