#!/usr/bin/env bash
# Docs benchmark: `gatekit docs check` vs remark-validate-links (remark-cli, `repository: false`,
# offline) on one generated tree of 5,000 Markdown files, in one run. Checks that GateKit reports
# exactly the planted broken links and anchors, and prints both times, peak memories, finding counts
# and the speed ratio.
# Usage: bench/docs-links.sh [files]   (default 5000; installs remark with npm into a temp folder)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
files="${1:-5000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "work: $work"


. "$root/bench/lib.sh"
tool="$(publish_r2r)"

mkdir -p "$work/remark" && (cd "$work/remark" && npm init -y >/dev/null && \
  npm install --no-audit --no-fund --silent remark-cli remark-validate-links >/dev/null)
# The tree sits beside remark's node_modules so that .remarkrc.json resolves the plugin.
python3 "$root/bench/docs/generate.py" "$work/remark/tree" "$files"
mv "$work/remark/planted.tsv" "$work/planted.tsv"
printf '{ "plugins": [["remark-validate-links", { "repository": false }]] }\n' > "$work/remark/tree/.remarkrc.json"

measure() { # name, then the command; writes $work/<name>.{out,err,time}
  local name="$1"; shift
  /usr/bin/time -f '%e %M %U %S' -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || true
}

cd "$work/remark/tree"
measure gatekit dotnet "$tool" docs check . --format json
measure remark "$work/remark/node_modules/.bin/remark" . --quiet --frail --no-stdout

read -r g_s g_kb g_u g_sys < <(tail -n 1 "$work/gatekit.time")
read -r r_s r_kb r_u r_sys < <(tail -n 1 "$work/remark.time")
planted=$(wc -l < "$work/planted.tsv")

# GateKit's findings as "file<TAB>line<TAB>target", compared with the planted set.
python3 - "$work/gatekit.out" "$work/planted.tsv" > "$work/compare.txt" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
found = {(f["location"]["file"], str(f["location"]["line"]), f["subject"]) for f in result["findings"]}
planted = {tuple(l.rstrip("\n").split("\t")) for l in open(sys.argv[2])}
print(len(found), len(planted & found), len(found - planted), len(planted - found))
PY
read -r g_found g_hit g_false g_miss < "$work/compare.txt"
r_found=$(grep -cE 'missing-(file|heading)' "$work/remark.err" || true)

echo "files: $files   planted broken links and anchors: $planted"
printf 'gatekit docs check:     %6.2f s wall  %6.2f s cpu  %6d MB peak  %5d findings (%d planted found, %d false positives, %d missed)\n' \
  "$g_s" "$(python3 -c "print($g_u + $g_sys)")" $((g_kb / 1024)) "$g_found" "$g_hit" "$g_false" "$g_miss"
printf 'remark-validate-links:  %6.2f s wall  %6.2f s cpu  %6d MB peak  %5d warnings\n' \
  "$r_s" "$(python3 -c "print($r_u + $r_sys)")" $((r_kb / 1024)) "$r_found"
python3 -c "print(f'ratio (remark / gatekit): wall {float($r_s) / float($g_s):.1f}x, cpu {($r_u + $r_sys) / ($g_u + $g_sys):.1f}x')"
[ "$g_false" -eq 0 ] && [ "$g_miss" -eq 0 ] || { echo "GateKit did not report exactly the planted set" >&2; exit 1; }
