#!/usr/bin/env python3
"""The gold elements score_markdown.py counts as missed, by failure class (run by
`scripts/eval-markdown --misses`, under .venv-eval for lxml):

- `latin-1`: found once the gold is read as UTF-8 (the scorer reads it as Latin-1, so any
  non-ASCII text in the gold misses whatever the output);
- `marker`: found once a trailing permalink mark the gold keeps (`¶`, `#`, `[edit]`) is left off;
- `as-text` / `as-item` / `as-heading` / `as-cell`: the text is on a line of another kind;
- `split`: the text is in the output, across lines;
- `absent`: not in the output at all (content selection left it out).

    markdown_misses.py RECORDS.jsonl READABILITY_DIR [--list]

Matching is the scorer's: the first 40 characters of the element's normalised text, contained
in a normalised line of the right kind.
"""
import collections
import json
import os
import re
import sys

import lxml.html

INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")
MARKS = {
    "heading": re.compile(r"^#{1,6} "),
    "item": re.compile(r"^\s*([-*+]|\d+[.)]) "),
    "cell": re.compile(r"^\s*\||\S\s*\|\s*\S"),
}
XPATHS = (("heading", "//h1|//h2|//h3|//h4|//h5|//h6"), ("item", "//li"), ("cell", "//td|//th"))
PERMALINK = re.compile(r"\s*(¶|#|\[\s*edit\s*\])$")


def norm(s):
    return re.sub(r"\s+", " ", INLINE.sub(lambda m: m.group(1) or "", s or "")).strip().lower()


def elements(tree):
    """{kind: [normalised text, first 40 characters]} of a gold tree, as the scorer takes them."""
    out = {}
    for kind, xp in XPATHS:
        out[kind] = [g for g in (norm(el.text_content())[:40] for el in tree.xpath(xp)) if len(g) >= 3]
    return out


def main():
    records, gold_dir = sys.argv[1], sys.argv[2]
    listing = "--list" in sys.argv[3:]
    texts = {}
    for line in open(records, encoding="utf-8"):
        r = json.loads(line)
        if r["id"].endswith("source.html"):
            texts[os.path.basename(os.path.dirname(r["id"]))] = r.get("text") or ""
    counts = {kind: collections.Counter() for kind, _ in XPATHS}
    pages = {kind: collections.defaultdict(collections.Counter) for kind, _ in XPATHS}
    for page, text in sorted(texts.items()):
        path = os.path.join(gold_dir, page, "expected.html")
        if not os.path.exists(path):
            continue
        raw = open(path, "rb").read()
        as_scored = elements(lxml.html.fromstring(raw))
        as_utf8 = elements(lxml.html.fromstring(raw.decode("utf-8", "replace")))
        raw_lines = text.splitlines()
        lines = [norm(line) for line in raw_lines]
        kinds = [[k for k, m in MARKS.items() if m.match(line)] for line in raw_lines]
        flat = " ".join(lines)

        def found(g, kind):
            return any(g in line and kind in k for line, k in zip(lines, kinds))

        for kind, _ in XPATHS:
            # Pair the two readings element by element when they agree in number.
            utf8 = as_utf8[kind] if len(as_utf8[kind]) == len(as_scored[kind]) else [None] * len(as_scored[kind])
            for g, u in zip(as_scored[kind], utf8):
                if found(g, kind):
                    counts[kind]["found"] += 1
                    continue
                if u is not None and u != g and found(u, kind):
                    cls = "latin-1"
                else:
                    g = u if u is not None else g
                    bare = PERMALINK.sub("", g)
                    hits = [k for line, k in zip(lines, kinds) if bare in line]
                    if bare != g and found(bare, kind):
                        cls = "marker"
                    elif hits:
                        cls = "as-" + (hits[0][0] if hits[0] else "text")
                    elif bare in flat:
                        cls = "split"
                    else:
                        cls = "absent"
                counts[kind][cls] += 1
                pages[kind][cls][page] += 1
                if listing:
                    print(f"{kind}\t{cls}\t{page}\t{g}")
    for kind, _ in XPATHS:
        c = counts[kind]
        total = sum(c.values())
        misses = ", ".join(f"{cls} {n}" for cls, n in c.most_common() if cls != "found")
        print(f"{kind}: {c['found']}/{total} found; missed: {misses}")
        for cls, by_page in sorted(pages[kind].items()):
            top = ", ".join(f"{p} {n}" for p, n in by_page.most_common(6))
            print(f"    {cls:10} {top}")


if __name__ == "__main__":
    main()
