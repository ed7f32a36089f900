#!/usr/bin/env bash
# Promotion reliability benchmark: GateKit's streaming reliability rollup (`gatekit promotion evaluate`)
# against the runbook's `jq -s` query over the same generated telemetry JSONL, in one run, with wall
# time and peak memory (max RSS) of each from /usr/bin/time. GateKit runs as shipped: the Native AOT
# executable (the linux-x64 tool package) and ReadyToRun (the framework-dependent fallback).
# Usage: bench/promotion.sh [lines]   (default 1000000)
# Installs jq, clang and zlib1g-dev (Native AOT links with them) with apt-get when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lines="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/bench/lib.sh"
install_missing jq native-aot
r2r="dotnet $(publish_r2r)"
aot="$(publish_aot)"

now="2026-11-23T12:00:00Z"
mkdir -p "$work/repo/telemetry"
python3 - "$work/repo/telemetry/handoff.jsonl" "$lines" <<'PY'
import sys, datetime
path, n = sys.argv[1], int(sys.argv[2])
end = datetime.datetime(2026, 11, 23, 11, 0, 0, tzinfo=datetime.timezone.utc)
step = 6 * 86400 / n
with open(path, "w") as f:
    for i in range(n):
        t = (end - datetime.timedelta(seconds=(n - i) * step)).strftime("%Y-%m-%dT%H:%M:%SZ")
        auto = i % 4 != 3
        req = 1 + i % 7
        amb = 1 if i % 13 == 0 else 0
        fail = 1 if i % 17 == 0 else 0
        f.write('{"timestamp":"%s","category":"fleet_handoff_execute","loopId":"loop-%03d",'
                '"execution":{"mode":"%s","requestedIntentCount":%d,"executedCount":%d,"ambiguousCount":%d,"failedCount":%d}}\n'
                % (t, i % 500, "autonomous" if auto else "manual", req, req - amb - fail, amb, fail))
PY
cat > "$work/repo/telemetry/backlog.jsonl" <<JSON
{"timestamp":"2026-11-22T12:00:00Z","pendingConfirmationCount":1,"manualOnlyIntentCount":1}
JSON
cat > "$work/repo/policy.json" <<'JSON'
{"governance":{"actor":"bench","approvalRef":"B-1","rationale":"benchmark","changedAt":"2026-11-01T00:00:00Z","reviewBy":"2027-01-01T00:00:00Z"},"killSwitch":false}
JSON
echo '{"incident":{"active":false},"autoPause":{"active":false},"suppressions":[]}' > "$work/repo/safety.json"
echo '{"drills":[{"id":"kill_switch","status":"pass","completedAt":"2026-11-22T00:00:00Z"}]}' > "$work/repo/drills.json"
cat > "$work/repo/gatekit.json" <<'JSON'
{
  "schemaVersion": 1,
  "gates": {
    "promotion": {
      "policy": { "path": "policy.json" },
      "reliability": {
        "path": "telemetry/handoff.jsonl",
        "match": [ { "pointer": "/category", "equals": "fleet_handoff_execute" }, { "pointer": "/execution/mode", "equals": "autonomous" } ]
      },
      "backlog": { "path": "telemetry/backlog.jsonl" },
      "safety": { "path": "safety.json" },
      "drills": { "path": "drills.json", "required": ["kill_switch"] }
    }
  }
}
JSON
size=$(du -m "$work/repo/telemetry/handoff.jsonl" | cut -f1)
echo "telemetry: $lines lines, ${size} MB"

# The runbook's reliability rollup, as written there (slurps the whole file).
query='[ .[] | select((.category // "") == "fleet_handoff_execute" and (.execution.mode // "") == "autonomous") ] as $runs
  | ($runs | if length > 20 then .[-20:] else . end) as $window
  | { runs: ($window | length),
      attempted: ([ $window[] | (.execution.requestedIntentCount // 0) ] | add // 0),
      ambiguous: ([ $window[] | (.execution.ambiguousCount // 0) ] | add // 0),
      failed: ([ $window[] | (.execution.failedCount // 0) ] | add // 0) }
  | .ambiguityRate = (if .attempted > 0 then (.ambiguous / .attempted) else 0 end)
  | .failureRate = (if .attempted > 0 then (.failed / .attempted) else 0 end)'

measure() { # name, command...: three runs (@RUN@ in an argument becomes 1, 2, 3); prints "name median-seconds max-rss-kb"
  local name="$1"; shift
  : >"$work/$name.times"
  for i in 1 2 3; do
    local args=()
    for a in "$@"; do args+=("${a//@RUN@/$i}"); done
    /usr/bin/time -f "%e %M" -o "$work/time" "${args[@]}" >"$work/$name.out" 2>"$work/$name.err" || true
    cat "$work/time" >>"$work/$name.times"
  done
  echo "$name $(sort -n "$work/$name.times" | sed -n 2p | cut -d' ' -f1) $(cut -d' ' -f2 "$work/$name.times" | sort -n | tail -1)"
}
cd "$work/repo"
$aot promotion evaluate --now "$now" --out "$work/warm-aot" >/dev/null  # warm the page cache
$r2r promotion evaluate --now "$now" --out "$work/warm-r2r" >/dev/null
aots=$(measure gatekit-aot $aot promotion evaluate --now "$now" --out "$work/state-aot-@RUN@" --format json)
r2rs=$(measure gatekit-r2r $r2r promotion evaluate --now "$now" --out "$work/state-r2r-@RUN@" --format json)
jqs=$(measure jq-slurp jq -s "$query" telemetry/handoff.jsonl)
echo "$aots"; echo "$r2rs"; echo "$jqs"
echo "jq -s result:"; jq -c . "$work/jq-slurp.out"
for v in aot r2r; do
  echo "gatekit ($v) reliability metrics:"
  jq -c '.gates[0].metrics | with_entries(select(.key | startswith("reliability_")))' "$work/gatekit-$v.out"
done
read -r _ as am <<<"$aots"; read -r _ rs rm <<<"$r2rs"; read -r _ js jm <<<"$jqs"
python3 -c "
for name, s, m in (('gatekit Native AOT', $as, $am), ('gatekit ReadyToRun', $rs, $rm)):
    print(f'{name}: {s:.2f} s, {m/1024:.0f} MB peak; speed-up vs jq -s {$js/s:.1f}x')
print(f'jq -s: {$js:.2f} s, {$jm/1024:.0f} MB peak')"
