#!/usr/bin/env python3
"""Generates the docs benchmark tree: 5,000 Markdown files in nested folders, ~10 headings and 20
relative links each (plus 2 external), a known set of planted broken links and anchors, and code
blocks / code spans holding link-like text that must not count. Writes planted.tsv (file, line, target).
Usage: generate.py OUT_DIR [files] [seed]"""
import os, random, sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)

paths = []
for i in range(total):
    a, b = i % 10, (i // 10) % 10
    paths.append(f"area{a}/part{b}/page{i}.md")

planted = []
for i, path in enumerate(paths):
    lines = [f"# Page {i}", "", "Intro text for this page.", ""]
    body = []
    for h in range(1, 10):
        body.append((f"## Section {h}", None))
    links = []
    for k in range(20):
        target = paths[rng.randrange(total)]
        rel = os.path.relpath(target, os.path.dirname(path))
        roll = rng.random()
        if roll < 0.02:
            links.append((f"[broken file {k}]({rel[:-3]}-missing.md)", True))
        elif roll < 0.04:
            links.append((f"[broken anchor {k}]({rel}#no-such-section)", True))
        elif roll < 0.5:
            links.append((f"[section {k}]({rel}#section-{rng.randrange(1, 10)})", False))
        else:
            links.append((f"[page {k}]({rel})", False))
    # Two links per section paragraph, a fenced block and a code span that look like links.
    out_lines = lines
    li = 0
    for h, (heading, _) in enumerate(body):
        out_lines += [heading, ""]
        para = []
        for _ in range(2 if h < 8 else 4):
            if li < len(links):
                text, broken = links[li]
                li += 1
                out_lines.append(f"See {text} for details.")
                if broken:
                    planted.append((path, len(out_lines), text[text.index("](") + 2:-1]))
        out_lines.append("")
        if h == 3:
            out_lines += ["```md", "[not a link](nowhere.md) and [also not](#nowhere)", "```", ""]
        if h == 5:
            out_lines += ["Inline `[code](nowhere.md)` is not a link either.", ""]
    out_lines += [f"External: [site](https://example.com/{i}) and <https://example.org/docs/{i}>.", ""]
    full = os.path.join(out, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write("\n".join(out_lines))

with open(os.path.join(os.path.dirname(out.rstrip("/")), "planted.tsv"), "w", encoding="utf-8") as f:
    for p, line, target in sorted(planted):
        f.write(f"{p}\t{line}\t{target}\n")
print(f"{total} files, {total * 20} relative links, {len(planted)} planted")
