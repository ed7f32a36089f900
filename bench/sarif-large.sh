#!/usr/bin/env bash
# A generated SARIF 2.1.0 log of about 1 GB (Roslyn's shape: results before the tool's rules), read by `gatekit run`
# with conditions on sarif.error and a rule count; asserts the counts the generator wrote and records wall time and
# peak RSS (goal: peak RSS < 200 MB, the log streamed). Same for a BenchmarkDotNet export padded with measurements.
# Usage: bench/sarif-large.sh [bytes]   (default 1,000,000,000)
# GATEKIT_BENCH_TOOL runs another build instead of publishing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bytes="${1:-1000000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/bench/lib.sh"
install_missing jq
tool="${GATEKIT_BENCH_TOOL:-dotnet $(publish_r2r)}"

# Result i: rule CA(i mod 40), level error for every 10th, else warning; 2,000 files, distinct lines, so no duplicate.
python3 - "$work/big.sarif" "$bytes" > "$work/expected" <<'PY'
import sys
path, target = sys.argv[1], int(sys.argv[2])
rules, errors, i = 40, 0, 0
with open(path, "w", buffering=1 << 20) as f:
    f.write('{\n  "$schema": "http://json.schemastore.org/sarif-2.1.0",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [\n')
    while f.tell() < target:
        level = "error" if i % 10 == 0 else "warning"
        errors += level == "error"
        f.write(('' if i == 0 else ',\n') + f'''        {{
          "ruleId": "CA{i % rules}",
          "ruleIndex": {i % rules},
          "level": "{level}",
          "message": {{ "text": "Result {i}: the analyzer explains here, at some length, what is wrong with the code at this place" }},
          "locations": [ {{ "physicalLocation": {{ "artifactLocation": {{ "uri": "file:///build/src/Project/File{i % 2000}.cs" }},
            "region": {{ "startLine": {i // 2000 + 1}, "startColumn": 13, "endLine": {i // 2000 + 1}, "endColumn": 19 }} }} }} ],
          "properties": {{ "warningLevel": 1 }}
        }}''')
        i += 1
    f.write('\n      ],\n      "tool": { "driver": { "name": "gen", "rules": [' + ", ".join(f'{{ "id": "CA{r}" }}' for r in range(rules)) + '] } }\n    }\n  ]\n}\n')
print(i, errors, (i + rules - 1) // rules)
PY
read -r results errors ca0 < "$work/expected"
echo "big.sarif: $(stat -c %s "$work/big.sarif") bytes, $results results, $errors errors"

cat > "$work/gatekit.json" <<'JSON'
{
  "schemaVersion": 1,
  "gates": {
    "quality": {
      "maxFileBytes": 4000000000,
      "reports": [ { "id": "analyzers", "path": "big.sarif", "format": "sarif" } ],
      "conditions": [
        { "id": "errors", "report": "analyzers", "metric": "sarif.error", "op": "<=", "threshold": 0, "severity": "P0" },
        { "id": "ca0", "report": "analyzers", "metric": "sarif.rule.CA0", "op": "<=", "threshold": 0, "severity": "P2" }
      ]
    }
  }
}
JSON
status=0
(cd "$work" && /usr/bin/time -f "%e %M %U %S" -o "$work/time" $tool run --config gatekit.json --gate quality --out "$work/out" >"$work/stdout" 2>"$work/stderr") || status=$?
read -r seconds kb user system < <(tail -n 1 "$work/time")
result="$(find "$work/out" -name result.json | head -n 1)"
read -r got_errors got_ca0 listed < <(jq -r '.gates[] | select(.name == "quality") | "\(.metrics.errors) \(.metrics.ca0) \([.findings[] | select(.code == "sarif_result")] | length)"' "$result")
[ "$got_errors" = "$errors" ] && [ "$got_ca0" = "$ca0" ] || { echo "MISMATCH: sarif.error $got_errors (expected $errors), sarif.rule.CA0 $got_ca0 (expected $ca0)"; exit 1; }
printf 'gatekit exit %d (1 = no-go, expected), %.2f s wall, %.2f s CPU, peak RSS %d MiB (goal < 200 MB); %s findings listed\n' \
  "$status" "$seconds" "$(echo "$user + $system" | bc)" "$((kb / 1024))" "$listed"
