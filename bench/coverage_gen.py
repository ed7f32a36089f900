#!/usr/bin/env python3
"""Inputs of bench/coverage-diff.sh, generated (nothing is committed).

  coverage_gen.py repo DIR FILES LINES   a git repository at DIR: FILES source files of LINES lines in all on
                                         branch `base`, then branch `feature` (checked out) changing a share of
                                         them (modified, added, renamed and deleted files), and DIR/coverage.xml,
                                         a Cobertura report of HEAD as coverlet writes it, covering a random subset.
  coverage_gen.py big DIR BYTES          DIR/big.xml, a Cobertura report of the files of DIR of about BYTES,
                                         streamed to disk: coverlet's shape, each class's lines repeated under its
                                         methods, several classes (partial, nested) per file.
"""
import os
import random
import subprocess
import sys

rng = random.Random(18)
WORDS = ["var", "total", "count", "item", "result", "value", "index", "name", "state", "buffer", "reader", "node"]


def code_line():
    a, b = rng.choice(WORDS), rng.choice(WORDS)
    return f"        {a}{rng.randrange(100)} = {b}.Next({rng.randrange(1000)});"


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, stdout=subprocess.DEVNULL)


def write(repo, path, lines):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write("\n".join(lines) + "\n")


def read(repo, path):
    with open(os.path.join(repo, path)) as f:
        return f.read().split("\n")[:-1]


def source_path(i):
    return f"src/Module{i % 40:02d}/Area{i % 13:02d}/Type{i:05d}.cs"


def new_file(length):
    return ["namespace Bench;", "public class C {"] + [code_line() for _ in range(max(length - 3, 1))] + ["}"]


def make_repo(repo, files, total_lines):
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "base")
    git(repo, "config", "user.email", "bench@example.invalid")
    git(repo, "config", "user.name", "bench")
    # The report, the config and GateKit's output are not part of the change under test.
    write(repo, ".gitignore", ["coverage.xml", "big.xml", "gatekit.json", ".gatekit/", "out/"])
    write(repo, "README.md", ["# bench"] + [f"line {i}" for i in range(50)])
    mean = total_lines / files
    paths = []
    for i in range(files):
        path = source_path(i)
        write(repo, path, new_file(max(5, int(rng.gauss(mean, mean / 2)))))
        paths.append(path)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")

    # The change: 6% of files modified (hunks of replaced, inserted and deleted lines), 1% added, 0.5% renamed
    # (a few lines edited, so git still pairs them), 0.25% deleted; the README edited (not coverable).
    rng.shuffle(paths)
    n = len(paths)
    modified = paths[: n * 6 // 100]
    renamed = paths[n * 6 // 100: n * 6 // 100 + n // 200]
    deleted = paths[n * 6 // 100 + n // 200: n * 6 // 100 + n // 200 + n // 400]
    for path in modified:
        lines = read(repo, path)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(2, max(3, len(lines) - 1))
            kind = rng.random()
            size = rng.randint(1, 12)
            if kind < 0.4:
                lines[at:at + size] = [code_line() for _ in range(size)]
            elif kind < 0.8:
                lines[at:at] = [code_line() for _ in range(size)]
            else:
                del lines[at:at + size]
        write(repo, path, lines)
    for j, path in enumerate(renamed):
        target = f"src/Renamed/R{j:04d}/" + os.path.basename(path)
        os.makedirs(os.path.dirname(os.path.join(repo, target)), exist_ok=True)
        git(repo, "mv", path, target)
        lines = read(repo, target)
        if len(lines) > 20:
            at = rng.randrange(2, len(lines) - 2)
            lines[at] = code_line()
        write(repo, target, lines)
    for path in deleted:
        os.remove(os.path.join(repo, path))
    for j in range(n // 100):
        write(repo, f"src/Added/A{j % 20:02d}/New{j:05d}.cs", new_file(rng.randint(10, 300)))
    readme = read(repo, "README.md")
    readme[10:12] = ["changed", "changed too"]
    write(repo, "README.md", readme)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feature")

    # The report of HEAD: coverable lines are the statements (not the namespace, class or brace lines), 75% of
    # them hit; line numbers of the files as they are on the branch.
    tracked = subprocess.run(["git", "-C", repo, "ls-files", "*.cs"], check=True, capture_output=True, text=True).stdout.split()
    with open(os.path.join(repo, "coverage.xml"), "w") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<coverage line-rate="0" branch-rate="0" version="1.9" timestamp="1" lines-covered="0" lines-valid="0" branches-covered="0" branches-valid="0">\n')
        out.write(f"  <sources>\n    <source>{os.path.abspath(repo)}/</source>\n  </sources>\n  <packages>\n")
        out.write('    <package name="Bench" line-rate="0" branch-rate="0" complexity="1">\n      <classes>\n')
        for path in tracked:
            count = len(read(repo, path))
            if rng.random() < 0.02:
                continue  # a file no test loads is not in the report
            out.write(f'        <class name="Bench.{os.path.basename(path)[:-3]}" filename="{path}" line-rate="0" branch-rate="0" complexity="1">\n          <methods />\n          <lines>\n')
            for line in range(3, count):
                if rng.random() < 0.7:
                    hits = rng.randint(1, 40) if rng.random() < 0.75 else 0
                    out.write(f'            <line number="{line}" hits="{hits}" branch="False" />\n')
            out.write("          </lines>\n        </class>\n")
        out.write("      </classes>\n    </package>\n  </packages>\n</coverage>\n")


def make_big(repo, size):
    tracked = subprocess.run(["git", "-C", repo, "ls-files", "*.cs"], check=True, capture_output=True, text=True).stdout.split()
    lengths = {path: len(read(repo, path)) for path in tracked}
    written = 0
    with open(os.path.join(repo, "big.xml"), "w", buffering=1 << 20) as out:
        def put(text):
            nonlocal written
            out.write(text)
            written += len(text)
        put('<?xml version="1.0" encoding="utf-8"?>\n<coverage line-rate="0" branch-rate="0" version="1.9" timestamp="1">\n')
        put(f"  <sources>\n    <source>{os.path.abspath(repo)}/</source>\n  </sources>\n  <packages>\n")
        round_ = 0
        while written < size:
            # Another round is another assembly's view of the same files (a test project per layer).
            put(f'    <package name="Bench.P{round_}" line-rate="0" branch-rate="0" complexity="1">\n      <classes>\n')
            for path in tracked:
                if written >= size:
                    break
                count = lengths[path]
                for part in range(3):
                    lines = [(n, rng.randint(0, 9)) for n in range(3 + part, count, 3)]
                    put(f'        <class name="Bench.T{round_}.C{part}" filename="{path}" line-rate="0" branch-rate="0" complexity="1">\n          <methods>\n')
                    for m in range(0, len(lines), 8):
                        put(f'            <method name="M{m}" signature="()" line-rate="0" branch-rate="0" complexity="1">\n              <lines>\n')
                        put("".join(f'                <line number="{n}" hits="{h}" branch="False" />\n' for n, h in lines[m:m + 8]))
                        put("              </lines>\n            </method>\n")
                    put("          </methods>\n          <lines>\n")
                    put("".join(f'            <line number="{n}" hits="{h}" branch="False" />\n' for n, h in lines))
                    put("          </lines>\n        </class>\n")
            put("      </classes>\n    </package>\n")
            round_ += 1
        put("  </packages>\n</coverage>\n")


if __name__ == "__main__":
    if sys.argv[1] == "repo":
        make_repo(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        make_big(sys.argv[2], int(sys.argv[3]))
