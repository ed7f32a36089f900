#!/usr/bin/env bash
# Evidence benchmark: `gatekit evidence pack` and `verify` against `find | sort | xargs sha256sum`
# (sequential and 2-way parallel) on a generated tree of 10,000 files / 1 GiB, warm cache, in one
# hyperfine run; then the round-trip and determinism checks, peak memory, and the ratios.
# GateKit runs as shipped: the Native AOT executable (the linux-x64 tool package) and ReadyToRun (the
# framework-dependent fallback); the goals are read off the Native AOT figures.
# Usage: bench/evidence.sh [runs] [files] [total-bytes]
# Installs hyperfine, clang and zlib1g-dev (Native AOT links with them) with apt-get when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
files="${2:-10000}"
total="${3:-1073741824}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/bench/lib.sh"
install_missing hyperfine native-aot
r2r="dotnet $(publish_r2r)"
tool="$(publish_aot)"

# The tree: file sizes drawn from a log-normal spread (many small files, some of several MiB),
# scaled to the total; contents are slices of a random block, so no two files are alike.
python3 - "$work/tree" "$files" "$total" <<'PY'
import os, random, sys
out, n, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(42)
weights = [rng.lognormvariate(0, 1.5) for _ in range(n)]
scale = total / sum(weights)
sizes = [int(w * scale) for w in weights]
sizes[0] += total - sum(sizes)
block = rng.randbytes(16 << 20)
for i, size in enumerate(sizes):
    d = os.path.join(out, f"d{i % 50:02d}", f"s{i % 7}")
    os.makedirs(d, exist_ok=True)
    header = f"file {i}\n".encode()
    body = bytearray(header)
    while len(body) < size:
        start = rng.randrange(0, len(block) - 65536)
        body += block[start:start + min(size - len(body), len(block) - start)]
    with open(os.path.join(d, f"f{i:05d}.bin"), "wb") as f:
        f.write(bytes(body[:size]))
PY
echo "tree: $(find "$work/tree" -type f | wc -l) files, $(du -sb "$work/tree" | cut -f1) bytes"

pack() { $tool evidence pack --in "$1" --out-root "$2" --pack-id bench --git-ref bench --run-reason benchmark --operator bench --deterministic >/dev/null; }

# Round trip and determinism: a second run and a copy of the tree elsewhere give the same manifest bytes.
pack "$work/tree" "$work/out-a"
$tool evidence verify --manifest "$work/out-a/bench/manifest.json"
pack "$work/tree" "$work/out-b"
mkdir -p "$work/elsewhere/x" && cp -r "$work/tree" "$work/elsewhere/x/tree"
pack "$work/elsewhere/x/tree" "$work/out-c"
cmp "$work/out-a/bench/manifest.json" "$work/out-b/bench/manifest.json"
cmp "$work/out-a/bench/manifest.json" "$work/out-c/bench/manifest.json"
echo "deterministic: manifests byte-identical on a second run and on a copy in another folder"
rm -rf "$work/elsewhere" "$work/out-b" "$work/out-c"

# Peak memory (max RSS) of each GateKit command.
/usr/bin/time -f "verify peak RSS %M KiB, %e s" $tool evidence verify --manifest "$work/out-a/bench/manifest.json" >/dev/null
/usr/bin/time -f "pack   peak RSS %M KiB, %e s" $tool evidence pack --in "$work/tree" --out-root "$work/out-m" --pack-id bench \
  --git-ref bench --run-reason benchmark --operator bench >/dev/null
rm -rf "$work/out-m"

# Warm cache for every command: read the tree and the pack once.
find "$work/tree" "$work/out-a" -type f -exec cat {} + >/dev/null

cd "$work"
hyperfine --warmup 1 --runs "$runs" -N --export-json "$work/bench.json" --export-markdown "$work/bench.md" \
  -n "find|sort|xargs sha256sum" "bash -c 'find tree -type f -print0 | sort -z | xargs -0 sha256sum >/dev/null'" \
  -n "find|sort|xargs -P2 sha256sum" "bash -c 'find tree -type f -print0 | sort -z | xargs -0 -P2 -n 500 sha256sum >/dev/null'" \
  -n "gatekit evidence verify" "$tool evidence verify --manifest out-a/bench/manifest.json" \
  -n "gatekit evidence verify (R2R)" "$r2r evidence verify --manifest out-a/bench/manifest.json" \
  --prepare "rm -rf $work/out-p" \
  -n "gatekit evidence pack" "$tool evidence pack --in tree --out-root $work/out-p --pack-id bench --git-ref bench --run-reason benchmark --operator bench --deterministic"
cat "$work/bench.md"

# The hardware limit: OpenSSL's SHA-256 speed on 256 KiB blocks (GateKit's buffer size), on every core.
speed=$(openssl speed -evp sha256 -bytes 262144 -seconds 2 2>/dev/null | awk '/^sha256/ {print $2}' | tr -d k)
python3 - "$work/bench.json" "$total" "$speed" "$(nproc)" <<'PY'
import json, sys
raw = json.load(open(sys.argv[1]))["results"]
results = {r["command"]: r["mean"] for r in raw}
cpu = {r["command"]: r["user"] + r["system"] for r in raw}
total, speed_k, cores = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
limit = total / (speed_k * 1000 * cores)
verify, pack = results["gatekit evidence verify"], results["gatekit evidence pack"]
seq, par = results["find|sort|xargs sha256sum"], results["find|sort|xargs -P2 sha256sum"]
print(f"openssl sha256: {speed_k/1e6:.2f} GB/s per core; hardware limit for {total} bytes on {cores} cores: {limit:.3f} s")
print(f"verify / sha256sum sequential: {verify/seq:.2f}")
print(f"verify / sha256sum -P2:        {verify/par:.2f}   (goal <= 0.33)")
print(f"verify / hardware limit:       {verify/limit:.2f}   (goal <= 2)")
print(f"pack   / sha256sum -P2:        {pack/par:.2f}")
print(f"verify (R2R) / sha256sum -P2:  {results['gatekit evidence verify (R2R)']/par:.2f}   (the framework-dependent fallback)")
# Wall time on a loaded runner measures the load; CPU time (user + system) measures the work.
print(f"CPU time: verify {cpu['gatekit evidence verify']:.2f} s, sha256sum -P2 {cpu['find|sort|xargs -P2 sha256sum']:.2f} s, "
      f"ratio {cpu['gatekit evidence verify']/cpu['find|sort|xargs -P2 sha256sum']:.2f}; verify / single-core limit {cpu['gatekit evidence verify']/(limit*cores):.2f}")
PY
