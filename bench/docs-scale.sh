#!/usr/bin/env bash
# Docs scaling: `gatekit docs check` on one file of N repeated items, for N = 8k, 16k, 32k and 100k, to show
# that doubling N about doubles the time (no quadratic step). Items: `# Same` headings (duplicate slugs),
# `[a](` lines (unclosed links, one per line) and `[a](` on a single line (Markdig's link destination scan).
# Usage: bench/docs-scale.sh [sizes...]   (default 8000 16000 32000 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/bench/lib.sh"
tool="$(publish_r2r)"
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(8000 16000 32000 100000)

for kind in same-heading open-link-lines open-link-one-line; do
  for n in "${sizes[@]}"; do
    dir="$work/$kind-$n"
    mkdir -p "$dir"
    python3 - "$kind" "$n" > "$dir/README.md" <<'PY'
import sys
kind, n = sys.argv[1], int(sys.argv[2])
if kind == "same-heading": sys.stdout.write("# Same\n\n" * n)
elif kind == "open-link-lines": sys.stdout.write("[a](\n" * n)
else: sys.stdout.write("[a](" * n + "\n")
PY
    /usr/bin/time -f '%e %M' -o "$dir/time" dotnet "$tool" docs check "$dir" >/dev/null 2>&1 || true
    read -r s kb < <(tail -n 1 "$dir/time")
    printf '%-20s %7d items  %7.2f s  %5d MB\n' "$kind" "$n" "$s" $((kb / 1024))
  done
done
