"""The red-team generator and scorer behind scripts/spam-redteam and scripts/eval-spam --redteam.

See scripts/spam-redteam for what it builds and how it was written (blind to the detector).
Standard library only at run time: the tables it needs (place names, simplified-to-traditional
conversion, pinyin readings) are in spam_redteam_data.json, built by scripts/build-redteam-vocab.
"""

import gzip
import hashlib
import html
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import spam_redteam_vocab as V  # noqa: E402

with open(os.path.join(HERE, "spam_redteam_data.json"), encoding="utf-8") as _f:
    DATA = json.load(_f)

# ---------------------------------------------------------------- the matrix

KINDS = ["place", "keyword", "mixed", "linkfarm", "hidden"]
SEPARATORS = ["bar", "bar_space", "fw_bar", "dun", "fw_comma", "comma", "space", "newline", "li", "td", "a"]
SEPARATOR_LABELS = {
    "bar": "|", "bar_space": "| ", "fw_bar": "｜", "dun": "、", "fw_comma": "，", "comma": ",", "space": "spaces",
    "newline": "line", "li": "<li>", "td": "<td>", "a": "<a>",
}
HTML_SEPARATORS = {"li", "td", "a"}
TEXT_POSITIONS = ["before_title", "after_byline", "between_paras", "after_credit", "end"]
CHROME_POSITIONS = ["div_after", "footer", "sidebar"]
HIDDEN_POSITIONS = [
    "hid_display_none", "hid_visibility", "hid_attr", "hid_font_size0", "hid_height0", "hid_text_indent",
    "hid_offscreen", "hid_color", "hid_style_class", "hid_style_id",
]
POSITIONS = TEXT_POSITIONS + CHROME_POSITIONS + ["after_html"] + HIDDEN_POSITIONS
HTML_POSITIONS = set(CHROME_POSITIONS + ["after_html"] + HIDDEN_POSITIONS)
TEMPLATES = ["portal", "oldportal", "blog", "forum"]
SCRIPTS = ["simplified", "traditional", "mixed"]
LENGTHS = ["4-7", "8-15", "16-40", "41-100", "101-200"]
LENGTH_RANGES = {"4-7": (4, 7), "8-15": (8, 15), "16-40": (16, 40), "41-100": (41, 100), "101-200": (101, 200)}
CONTAINERS = ["text", "html_utf8", "html_gbk", "jsonl", "warc"]
KIND_LENGTH_LIMITS = {"keyword": (6, 120), "mixed": (6, 200)}

DIMENSIONS = {
    "kind": KINDS, "separator": SEPARATORS, "position": POSITIONS, "template": TEMPLATES, "script": SCRIPTS,
    "length": LENGTHS, "container": CONTAINERS,
}
# Pairs every valid combination of which must get at least NEED documents (issue 11 item 5),
# plus a few that only spread the design.
REQUIRED_PAIRS = [
    ("kind", "separator", 30), ("kind", "position", 30), ("kind", "container", 30), ("template", "position", 30),
    ("kind", "script", 30), ("kind", "length", 30), ("position", "container", 6), ("separator", "container", 8),
]
NEGATIVE_TYPES = [
    "nav_menu", "tag_line", "breadcrumbs", "route_line", "city_sentence", "province_table", "bibliography",
    "spec_list", "branch_list", "toc", "partner_footer", "related_reading", "pinyin_gloss",
]
# Negatives whose lines are article content: they must stay in `text`. The others are chrome that
# the extractor may drop; they must only never be reported.
CONTENT_NEGATIVES = {"route_line", "city_sentence", "province_table", "bibliography", "spec_list", "branch_list", "toc", "pinyin_gloss"}
NEGATIVES_PER_MEDIUM = 30
PINYIN_DOCS = 150


def medium_of(container, payload):
    if container == "text":
        return "text"
    if container in ("html_utf8", "html_gbk"):
        return "html"
    return payload


def valid(a):
    """Whether a (partial) assignment of matrix values makes sense."""
    kind, sep, pos, cont = a.get("kind"), a.get("separator"), a.get("position"), a.get("container")
    html_only = (sep in HTML_SEPARATORS) or (pos in HTML_POSITIONS) or kind == "hidden"
    if cont == "text" and html_only:
        return False
    if kind == "hidden" and pos is not None and pos not in HIDDEN_POSITIONS:
        return False
    if kind is not None and a.get("length") is not None and kind in KIND_LENGTH_LIMITS:
        lo, hi = KIND_LENGTH_LIMITS[kind]
        blo, bhi = LENGTH_RANGES[a["length"]]
        if bhi < lo or blo > hi:
            return False
    return True


def covering_design(rng, scale=1.0):
    """Greedy covering design: documents until every valid cell of REQUIRED_PAIRS and every
    marginal value has its quota. Each new document starts from the most deficient cells and fills
    its other dimensions with the values that help most."""
    dims = list(DIMENSIONS)
    need = {}
    for a, b, n in REQUIRED_PAIRS:
        for va in DIMENSIONS[a]:
            for vb in DIMENSIONS[b]:
                if valid({a: va, b: vb}):
                    need[(a, va, b, vb)] = max(1, round(n * scale))
    for d in dims:
        for v in DIMENSIONS[d]:
            need[(d, v, d, v)] = max(1, round(30 * scale))
    count = {k: 0 for k in need}
    by_dim = {d: [k for k in need if k[0] == d or k[2] == d] for d in dims}
    rows = []
    attempts = 0
    while True:
        deficit = [k for k in need if count[k] < need[k]]
        if not deficit or attempts > 200000:
            break
        attempts += 1
        weights = [need[k] - count[k] for k in deficit]
        a, va, b, vb = rng.choices(deficit, weights)[0]
        assign = {a: va, b: vb}
        if not valid(assign):
            continue
        order = [d for d in dims if d not in assign]
        rng.shuffle(order)
        ok = True
        for d in order:
            best, best_score = None, None
            for v in DIMENSIONS[d]:
                trial = dict(assign)
                trial[d] = v
                if not valid(trial):
                    continue
                score = rng.random() * 0.5
                for k in by_dim[d]:
                    ka, kva, kb, kvb = k
                    if count[k] >= need[k]:
                        continue
                    if trial.get(ka) == kva and trial.get(kb) == kvb and (ka == d or kb == d):
                        score += need[k] - count[k]
                if best_score is None or score > best_score:
                    best, best_score = v, score
            if best is None:
                ok = False
                break
            assign[d] = best
        if not ok or not valid(assign):
            continue
        for k in need:
            ka, kva, kb, kvb = k
            if assign[ka] == kva and assign[kb] == kvb:
                count[k] += 1
        rows.append(assign)
    return rows


# ---------------------------------------------------------------- vocabulary halves


def stable_hash(text):
    if not isinstance(text, str):
        text = json.dumps(text, ensure_ascii=False)
    return int.from_bytes(hashlib.sha1(("pagewash-redteam:" + text).encode("utf-8")).digest()[:8], "big")


def half(items, split):
    """The split's half of a list: entries ordered by a stable hash, alternately assigned."""
    ordered = sorted(set(items), key=stable_hash)
    index = 0 if split == "dev" else 1
    return [x for i, x in enumerate(ordered) if i % 2 == index]


def half_dict(mapping, split):
    keys = half(list(mapping), split)
    return {k: mapping[k] for k in keys}


class S2T:
    """Simplified to traditional: OpenCC's length-preserving phrases (longest match), then characters."""

    def __init__(self):
        self.chars = DATA["s2t_chars"]
        self.phrases = DATA["s2t_phrases"]
        self.longest = max((len(k) for k in self.phrases), default=1)

    def convert(self, text):
        out = []
        i = 0
        n = len(text)
        while i < n:
            for length in range(min(self.longest, n - i), 1, -1):
                hit = self.phrases.get(text[i : i + length])
                if hit:
                    out.append(hit)
                    i += length
                    break
            else:
                out.append(self.chars.get(text[i], text[i]))
                i += 1
        return "".join(out)


S2T_CONVERTER = S2T()


def to_script(text, script):
    return S2T_CONVERTER.convert(text) if script == "traditional" else text


class Vocab:
    """Everything one split draws on."""

    def __init__(self, split, _bare=False):
        self.split = split
        places = DATA["places"]
        provinces = {code[:2]: name for code, name, level in places if level == "province"}
        mine = set(half(list(provinces), split))
        self.provinces = [provinces[p] for p in sorted(mine)]
        self.province_codes = {p: provinces[p] for p in mine}
        self.cities = {}
        self.counties = []
        for code, name, level in places:
            if code[:2] not in mine:
                continue
            if level == "city":
                self.cities[code[:4]] = name
        for code, name, level in places:
            if code[:2] in mine and level == "county":
                city = self.cities.get(code[:4])
                self.counties.append((name, city or self._municipality(code, provinces), provinces[code[:2]]))
        self.city_names = sorted(set(self.cities.values()))
        self.county_names = sorted({c for c, _, _ in self.counties})
        self.former = half(V.FORMER_PLACES, split)
        self.foreign = set() if _bare else Vocab(other_split(split), _bare=True).place_strings()
        self.spam = {cat: half(terms, split) for cat, terms in V.SPAM_TERMS.items()}
        self.carriers = half(V.CARRIERS, split)
        self.news_topics = half_dict(V.NEWS_TOPICS, split)
        self.blog_topics = half_dict(V.BLOG_TOPICS, split)
        self.forum_topics = half_dict(V.FORUM_TOPICS, split)
        self.portals = half(V.PORTAL_SITES, split)
        self.blogs = half(V.BLOG_NAMES, split)
        self.forums = half(V.FORUM_SITES, split)
        self.glosses = half(V.GLOSSES, split)
        self.bib_titles = half(V.BIB_TITLES, split)
        self.companies = half(V.COMPANY_STEMS, split)

    def place_strings(self):
        """Every string a place list of this split can contain, in both scripts."""
        out = set()
        for name in self.county_names + self.city_names + self.provinces + self.former:
            for v in place_variants(name):
                out.add(v)
                out.add(to_script(v, "traditional"))
        return out

    def region_cities(self, province):
        """Cities of the province's region (same first adcode digit), for route lines."""
        code = next((c for c, n in self.province_codes.items() if n == province), None)
        if code is None:
            return self.city_names
        same = [n for c, n in self.cities.items() if c[:2] == code]
        if len(same) >= 6:
            return same
        return [n for c, n in self.cities.items() if c[0] == code[0]] or self.city_names

    @staticmethod
    def _municipality(code, provinces):
        return provinces[code[:2]]

    def short_city(self, city):
        if "自治" in city:
            return autonomous_stem(city)
        for suffix in ("市", "地区", "盟", "自治州"):
            if city.endswith(suffix) and len(city) - len(suffix) >= 2:
                return city[: -len(suffix)]
        return city


ETHNIC_NAME = re.compile(
    "(蒙古|藏|羌|彝|傣|景颇|傈僳|白|哈尼|壮|苗|布依|侗|土家|朝鲜|回|哈萨克|柯尔克孜|维吾尔|黎|瑶|畲|满|达斡尔|鄂温克|鄂伦春|土|撒拉|"
    "毛南|仫佬|水|纳西|普米|拉祜|佤|布朗|独龙|怒|阿昌|德昂|基诺|锡伯|东乡|保安|裕固|塔吉克|仡佬|各族)族?"
)


def autonomous_stem(name):
    """The place part of an autonomous unit's name, as it is used in short: 西双版纳傣族自治州 ->
    西双版纳, 阜新蒙古族自治县 -> 阜新."""
    for m in ETHNIC_NAME.finditer(name):
        if m.start() >= 2:
            return name[: m.start()]
    return name[:2]


# ---------------------------------------------------------------- text filling


class Ctx:
    """The fixed facts of one document: its setting, people, company."""

    def __init__(self, rng, vocab):
        self.rng = rng
        county, city, province = rng.choice(vocab.counties)
        self.X, self.C, self.P = county, city, province
        self.names = [person(rng) for _ in range(4)]
        self.co = rng.choice(vocab.companies) + rng.choice(V.COMPANY_TRADES) + rng.choice(["有限公司", "股份有限公司", "集团"])


def person(rng):
    given = rng.choice(V.GIVEN_CHARS) + (rng.choice(V.GIVEN_CHARS) if rng.random() < 0.7 else "")
    return rng.choice(V.SURNAMES) + given


SLOT = re.compile(r"\{(\w+)\}")


def fill(template, ctx, extra=None):
    rng = ctx.rng

    def one(m):
        key = m.group(1)
        if extra and key in extra:
            return str(extra[key])
        if key == "P":
            return ctx.P
        if key == "C":
            return ctx.C
        if key == "X":
            return ctx.X
        if key == "N":
            return rng.choice(ctx.names[:3])
        if key == "N2":
            return ctx.names[1]
        if key == "co":
            return ctx.co
        if key == "num":
            return str(rng.randint(2, 9))
        if key == "big":
            return str(rng.randint(120, 9800))
        if key == "dec":
            return f"{rng.randint(1, 99)}.{rng.randint(1, 9)}"
        if key == "pct":
            return f"{rng.randint(1, 35)}.{rng.randint(0, 9)}"
        if key == "yr":
            return str(rng.randint(2019, 2024))
        if key == "m":
            return str(rng.randint(2, 11))
        if key == "d":
            return str(rng.randint(1, 28))
        return m.group(0)

    return SLOT.sub(one, template)


def news_article(rng, vocab, ctx, topic_name=None):
    topic_name = topic_name or rng.choice(sorted(vocab.news_topics))
    topic = vocab.news_topics[topic_name]
    title = fill(rng.choice(topic["titles"]), ctx)
    pool = list(topic["sentences"])
    rng.shuffle(pool)
    quotes = list(topic["quotes"])
    rng.shuffle(quotes)
    paragraphs = []
    n = rng.randint(4, 7)
    while pool and len(paragraphs) < n:
        take = min(len(pool), rng.randint(1, 3))
        paragraphs.append("".join(fill(s, ctx) for s in pool[:take]))
        pool = pool[take:]
        if quotes and rng.random() < 0.35:
            paragraphs.append(fill(quotes.pop(), ctx))
    if rng.random() < 0.3 and len(paragraphs) >= 4:
        heads = rng.sample(V.NEWS_SUBHEADS, 2)
        paragraphs.insert(1, heads[0])
        paragraphs.insert(len(paragraphs) // 2 + 1, heads[1])
    return {"kind": "news", "topic": topic_name, "channel": topic["channel"], "title": title, "paragraphs": paragraphs}


def blog_article(rng, vocab, ctx):
    topic_name = rng.choice(sorted(vocab.blog_topics))
    topic = vocab.blog_topics[topic_name]
    title = fill(rng.choice(topic["titles"]), ctx)
    pool = list(topic["sentences"])
    rng.shuffle(pool)
    paragraphs = []
    while pool and len(paragraphs) < rng.randint(3, 6):
        take = min(len(pool), rng.randint(1, 3))
        paragraphs.append("".join(fill(s, ctx) for s in pool[:take]))
        pool = pool[take:]
    return {"kind": "blog", "topic": topic_name, "channel": topic["category"], "title": title, "paragraphs": paragraphs}


def forum_article(rng, vocab, ctx):
    topic_name = rng.choice(sorted(vocab.forum_topics))
    topic = vocab.forum_topics[topic_name]
    title = fill(rng.choice(topic["titles"]), ctx)
    pool = list(topic["sentences"])
    rng.shuffle(pool)
    paragraphs = []
    while pool and len(paragraphs) < rng.randint(3, 6):
        take = min(len(pool), rng.randint(1, 2))
        paragraphs.append("".join(fill(s, ctx) for s in pool[:take]))
        pool = pool[take:]
    return {"kind": "forum", "topic": topic_name, "channel": topic["board"], "title": title, "paragraphs": paragraphs}


def date_parts(rng):
    return (rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.randint(6, 22), rng.randint(0, 59))


def fmt_date(parts, style):
    y, mo, d, h, mi = parts
    if style == 0:
        return f"{y}年{mo:02d}月{d:02d}日 {h:02d}:{mi:02d}"
    if style == 1:
        return f"{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}"
    if style == 2:
        return f"{y}-{mo}-{d} {h}:{mi:02d}"
    return f"{y}/{mo:02d}/{d:02d}"


def credit_line(rng, parts):
    y, mo, d = parts[0], parts[1], parts[2]
    paper = rng.choice(V.PRINT_PAPERS)
    page = rng.randint(1, 20)
    style = rng.randrange(3)
    if style == 0:
        return f"《 {paper} 》( {y}年{mo:02d}月{d:02d}日 {page:02d} 版)"
    if style == 1:
        return f"《{paper}》（{y}年{mo:02d}月{d:02d}日 第{page:02d}版）"
    return f"《 {paper} 》( {y}年{mo:02d}月{d:02d}日 {page} 版)"


def page_model(rng, vocab, template):
    """A page in simplified script: article, metadata and the template's own chrome."""
    ctx = Ctx(rng, vocab)
    repost = template in ("portal", "oldportal") or rng.random() < 0.5
    if repost:
        art = news_article(rng, vocab, ctx)
    elif template == "blog":
        art = blog_article(rng, vocab, ctx)
    else:
        art = forum_article(rng, vocab, ctx)
    parts = date_parts(rng)
    m = {
        "template": template, "ctx": ctx, "article": art, "title": art["title"], "paragraphs": list(art["paragraphs"]),
        "channel": art["channel"], "date_parts": parts, "date": fmt_date(parts, rng.randrange(4)),
        "author": ctx.names[2], "source": rng.choice(V.NEWS_SOURCES), "repost": repost,
        "credit": credit_line(rng, parts) if art["kind"] == "news" and rng.random() < 0.5 else None,
        "editor": None, "tags": rng.sample(V.TAG_SOURCES, rng.randint(2, 5)),
        "nav": ["首页"] + rng.sample(V.NAV_CHANNELS[1:], rng.randint(7, 14)),
        "partners": rng.sample(V.PARTNER_SITES, rng.randint(5, 12)) if rng.random() < 0.6 else [],
        "related": [fill(rng.choice(t["titles"]), Ctx(rng, vocab)) for t in rng.sample(list(vocab.news_topics.values()), 4)],
        "hot": [fill(rng.choice(t["titles"]), Ctx(rng, vocab)) for t in rng.sample(list(vocab.news_topics.values()), 5)],
        "views": rng.randint(100, 99999),
    }
    if art["kind"] == "news" and rng.random() < 0.7:
        m["editor"] = "、".join(rng.sample(V.NEWS_EDITORS, rng.randint(1, 2)))
    if template in ("portal", "oldportal"):
        site, host = rng.choice(vocab.portals)
        m["site"], m["host"] = site, f"www.{host}.com.cn"
        m["url"] = f"http://{m['host']}/{host[:2]}/{parts[0]}/{parts[1]:02d}{parts[2]:02d}/c{rng.randint(1000, 9999)}-{rng.randint(10**7, 10**8)}.html"
    elif template == "blog":
        site = rng.choice(vocab.blogs)
        m["site"], m["host"] = site, f"blog.{''.join(rng.choice('abcdefghkmnpqrstwxyz') for _ in range(6))}.net"
        m["url"] = f"http://{m['host']}/post/{rng.randint(100, 9999)}.html"
        m["author"] = site
    else:
        site, host = rng.choice(vocab.forums)
        m["site"], m["host"] = site, f"bbs.{host}.com"
        m["url"] = f"http://{m['host']}/thread-{rng.randint(10000, 999999)}-1-1.html"
        m["author"] = rng.choice(["老司机", "风中追风", "无名氏", "阿杰", "小鱼儿", "江湖夜雨", "平凡之路"]) + str(rng.randint(1, 9999))
        m["replies"] = [(rng.choice(["路人甲", "潜水员", "大明", "晴天", "老王", "飞鸟"]) + str(rng.randint(1, 999)), rng.choice(V.FORUM_REPLIES)) for _ in range(rng.randint(2, 6))]
    if repost and template in ("blog", "forum"):
        m["repost_line"] = rng.choice(["转载自：", "转自", "来源："]) + m["source"]
    return m


# ---------------------------------------------------------------- spam items


def place_items(rng, vocab, n):
    items = []
    for _ in range(n):
        r = rng.random()
        if r < 0.74:
            name = rng.choice(vocab.county_names)
        elif r < 0.89:
            name = rng.choice(vocab.city_names)
        elif r < 0.95:
            name = rng.choice(vocab.provinces)
        else:
            name = rng.choice(vocab.former)
        variants = place_variants(name)
        if len(variants) > 1 and (rng.random() < 0.07 or "自治" in name):
            name = variants[1]
        if name in vocab.foreign:
            continue
        items.append(name)
    while items and len(items) < n:
        items.append(rng.choice(items))
    return repeat_some(rng, items, 0.3)


def place_variants(name):
    """A place name and the short form spam lists use for it (元江, 甘南州, 阜新县, 广西)."""
    if name.endswith("自治区"):
        return [name, short_province(name)]
    if name.endswith("自治州"):
        return [name, autonomous_stem(name) + "州"]
    if name.endswith("自治县"):
        return [name, autonomous_stem(name) + "县"]
    if name[-1] in "县市区" and len(name) >= 3:
        return [name, name[:-1]]
    return [name]


def other_split(split):
    return "holdout" if split == "dev" else "dev"


def repeat_some(rng, items, chance):
    if len(items) > 6 and rng.random() < chance:
        for _ in range(rng.randint(1, max(1, len(items) // 15))):
            i = rng.randrange(len(items))
            items[i] = rng.choice(items)
    return items


def spam_term(rng, vocab, cats):
    return rng.choice(vocab.spam[rng.choice(cats)])


def keyword_items(rng, vocab, n, with_places=False):
    """Open vocabulary across categories mixed with bland carriers, composites and repeats."""
    cats = sorted(vocab.spam)
    if rng.random() < 0.5:
        cats = rng.sample(cats, rng.randint(1, 3))
    share = rng.uniform(0.2, 1.0)
    items, roles = [], []
    for _ in range(n):
        r = rng.random()
        if r < share * 0.75:
            items.append(spam_term(rng, vocab, cats)), roles.append("spam")
        elif r < share:
            shape = rng.randrange(4)
            term = spam_term(rng, vocab, cats)
            if shape == 0:
                items.append(term + rng.choice(vocab.carriers))
            elif shape == 1:
                items.append(vocab.short_city(rng.choice(vocab.city_names)) + term)
            elif shape == 2:
                items.append(term + rng.choice(["哪家好", "多少钱", "电话", "联系方式", "在线", "最新"]))
            else:
                items.append(term + "-" + rng.choice(vocab.carriers))
            roles.append("composite")
        else:
            items.append(rng.choice(vocab.carriers)), roles.append("carrier")
    spam_count = sum(1 for r in roles if r != "carrier")
    for _ in range(max(0, 2 - spam_count)):
        i = rng.randrange(len(items))
        items[i], roles[i] = spam_term(rng, vocab, cats), "spam"
    if rng.random() < 0.35:
        for _ in range(rng.randint(1, max(1, n // 8))):
            i, j = rng.randrange(n), rng.randrange(n)
            items[i], roles[i] = items[j], roles[j]
    return items, roles


def mixed_items(rng, vocab, n):
    share = rng.uniform(0.3, 0.7)
    n_place = max(2, min(n - 2, round(n * share)))
    places = place_items(rng, vocab, n_place)
    kws, roles = keyword_items(rng, vocab, n - n_place)
    merged = [(p, "place") for p in places] + list(zip(kws, roles))
    rng.shuffle(merged)
    return [m[0] for m in merged], [m[1] for m in merged]


def hidden_items(rng, vocab, n):
    """Keyword-stuffed phrases of hidden SEO text: term + carrier, city + term, term + query word."""
    cats = sorted(vocab.spam)
    items = []
    for _ in range(n):
        term = spam_term(rng, vocab, cats)
        shape = rng.randrange(5)
        if shape == 0:
            items.append(term + rng.choice(vocab.carriers))
        elif shape == 1:
            items.append(vocab.short_city(rng.choice(vocab.city_names)) + term)
        elif shape == 2:
            items.append(vocab.short_city(rng.choice(vocab.city_names)) + term + rng.choice(["哪家好", "电话", "公司", "服务", "多少钱"]))
        elif shape == 3:
            items.append(term + rng.choice(vocab.carriers) + rng.choice(vocab.carriers))
        else:
            items.append(term)
    return items


def spam_host(rng):
    stem = rng.choice(["am", "xpj", "yh", "jsc", "hg", "bet", "ylc", "tyc", "bjl", "ag", "ky", "ly", "dz", "fp", "zj", "sm", "wd", "dk", "xyk", "tx", "vns", "js", "yl", "mg"])
    digits = str(rng.randint(10, 99999))
    tld = rng.choice([".com", ".cc", ".net", ".vip", ".top", ".xyz", ".com.cn", ".me", ".co", ".in", ".tv"])
    return ("www." if rng.random() < 0.5 else "") + stem + digits + tld


def linkfarm_items(rng, vocab, n):
    anchors = hidden_items(rng, vocab, n)
    hosts = []
    seen = set()
    while len(hosts) < n:
        h = spam_host(rng)
        if h not in seen:
            seen.add(h)
            hosts.append(h)
    return anchors, hosts


# ---------------------------------------------------------------- blocks (what is inserted)


def esc(text):
    return html.escape(text, quote=False)


def attr(text):
    return html.escape(text, quote=True)


TEXT_JOINERS = {
    "bar": lambda rng: ("|", rng.random() < 0.4),
    "bar_space": lambda rng: ("| ", True),
    "fw_bar": lambda rng: ("｜", rng.random() < 0.3),
    "dun": lambda rng: ("、", False),
    "fw_comma": lambda rng: ("，", False),
    "comma": lambda rng: (rng.choice([",", ", "]), False),
    "space": lambda rng: (rng.choice([" ", "  ", "\u3000", " \u00a0"]), False),
}


class Block:
    """A run of items as it is inserted: its text rendering (lines) or its HTML, and its gold."""

    def __init__(self, items, separator, rng, hrefs=None, label=None, text_items=None):
        self.items = items
        self.separator = separator
        self.rng = rng
        self.hrefs = hrefs
        self.label = label
        self.text_items = text_items or items

    def text_lines(self):
        rng = self.rng
        items = self.text_items
        if self.separator == "newline":
            lines = list(items)
            if self.label:
                lines.insert(0, self.label.rstrip("："))
            return lines
        joiner, trailing = TEXT_JOINERS[self.separator](rng)
        line = joiner.join(items) + (joiner.rstrip() if trailing else "")
        return [(self.label or "") + line]

    def html(self, where):
        """where: 'article' (inside the article's content) or 'outside'."""
        rng = self.rng
        label = esc(self.label) if self.label else ""
        if self.hrefs:
            anchors = [f'<a href="http://{attr(h)}/" target="_blank">{esc(t)}</a>' for t, h in zip(self.items, self.hrefs)]
        elif self.separator == "a":
            base = rng.choice(["/tag/", "/search?q=", "/k/", "/so/"])
            anchors = [f'<a href="{base}{attr(quote_url(t))}">{esc(t)}</a>' for t in self.items]
        else:
            anchors = [esc(t) for t in self.items]
        cls = rng.choice(["tags2", "keywords", "seo", "kw", "hotsearch", "links", "tj", "box-keys"])
        if self.separator == "li":
            body = "".join(f"<li>{a}</li>" for a in anchors)
            ul = f'<ul class="{cls}">{body}</ul>'
            return (f"<p>{label}</p>" if label else "") + ul
        if self.separator == "td":
            per_row = rng.randint(4, 8)
            rows = []
            for i in range(0, len(anchors), per_row):
                cells = "".join(f"<td>{a}</td>" for a in anchors[i : i + per_row])
                rows.append(f"<tr>{cells}</tr>")
            table = f'<table class="{cls}" width="100%" border="0" cellspacing="0" cellpadding="2">{"".join(rows)}</table>'
            return (f"<p>{label}</p>" if label else "") + table
        if self.separator == "newline":
            if where == "article" and rng.random() < 0.5:
                return (f"<p>{label}</p>" if label else "") + "".join(f"<p>{a}</p>" for a in anchors)
            return f'<div class="{cls}">{label}{"<br>".join(anchors)}</div>' if where == "outside" else f"<p>{label}{'<br>'.join(anchors)}</p>"
        if self.separator == "a":
            joiner, trailing = rng.choice(["", " ", "&nbsp;", "\n"]), False
        else:
            joiner, trailing = TEXT_JOINERS[self.separator](rng)
            joiner = esc(joiner)
        inner = label + joiner.join(anchors) + (joiner.rstrip() if trailing else "")
        if where == "article":
            return f"<p>{inner}</p>"
        return f'<div class="{cls}">{inner}</div>'


def quote_url(text):
    from urllib.parse import quote

    return quote(text)


# ---------------------------------------------------------------- hiding


def hide(block_html, method, rng, style_rules):
    """Wrap a block's HTML with a hiding method; style_rules collects rules for the <head>."""
    inline = not re.search(r"<(ul|table|p|div)\b", block_html)
    tag = rng.choice(["div", "div", "span"]) if inline else "div"
    if method == "hid_display_none":
        style = rng.choice(["display:none", "display: none;", "DISPLAY: none", "display:none;"])
        return f'<{tag} style="{style}">{block_html}</{tag}>'
    if method == "hid_visibility":
        style = rng.choice(["visibility:hidden", "visibility: hidden;", "visibility:hidden;position:absolute"])
        return f'<{tag} style="{style}">{block_html}</{tag}>'
    if method == "hid_attr":
        return f"<{tag} hidden>{block_html}</{tag}>"
    if method == "hid_font_size0":
        style = rng.choice(["font-size:0", "font-size:0px", "font-size: 0px; line-height:0", "font-size:0;color:#fff"])
        return f'<{tag} style="{style}">{block_html}</{tag}>'
    if method == "hid_height0":
        style = rng.choice(["height:0;overflow:hidden", "height:0px; overflow:hidden;", "overflow:hidden;height:0", "height:1px;overflow:hidden"])
        return f'<div style="{style}">{block_html}</div>'
    if method == "hid_text_indent":
        style = rng.choice(["text-indent:-9999px", "text-indent:-9999px;overflow:hidden;white-space:nowrap", "text-indent: -5000em", "text-indent:-99999px;overflow:hidden"])
        return f'<div style="{style}">{block_html}</div>'
    if method == "hid_offscreen":
        style = rng.choice(["position:absolute;left:-9999px;top:-9999px", "position:absolute; top:-3000px", "position: absolute; left: -10000px;", "position:fixed;left:-999em"])
        return f'<div style="{style}">{block_html}</div>'
    if method == "hid_color":
        if not inline:
            style = rng.choice(["color:#FFFFFF", "color:#fff;background:#fff", "color:#ffffff;background-color:#FFFFFF"])
            return f'<div style="{style}">{block_html}</div>'
        if rng.random() < 0.6:
            return f'<font color="{rng.choice(["#FFFFFF", "#ffffff", "white", "#fff"])}">{block_html}</font>'
        return f'<span style="color:{rng.choice(["#fff", "#FFFFFF", "white"])}">{block_html}</span>'
    if method in ("hid_style_class", "hid_style_id"):
        name = rng.choice(["a", "b", "x", "k", "s", "t", "h"]) + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(rng.randint(2, 6)))
        rule = rng.choice(["display:none", "display:none;", "visibility:hidden", "position:absolute;left:-9999px", "height:0;overflow:hidden", "font-size:0"])
        if method == "hid_style_class":
            style_rules.append(f".{name}{{{rule}}}")
            extra = rng.choice(["", " clearfix", " box"])
            return f'<div class="{name}{extra}">{block_html}</div>'
        style_rules.append(f"#{name}{{{rule}}}")
        return f'<div id="{name}">{block_html}</div>'
    raise ValueError(method)


# ---------------------------------------------------------------- page content and script


def content_of(m):
    """The article's content entries: paragraphs, subheads, repost line, credit and editor."""
    entries = []
    if m.get("repost_line"):
        entries.append(("repost", m["repost_line"]))
    subheads = set(V.NEWS_SUBHEADS)
    for p in m["paragraphs"]:
        entries.append(("h" if p in subheads else "p", p))
    if m.get("credit"):
        entries.append(("credit", m["credit"]))
    if m.get("editor"):
        entries.append(("editor", m["editor"]))
    return entries


CONVERTED_FIELDS = ["title", "channel", "author", "source", "credit", "editor", "site", "repost_line"]
CONVERTED_LISTS = ["paragraphs", "tags", "nav", "related", "hot"]


def convert_model(m):
    for f in CONVERTED_FIELDS:
        if m.get(f):
            m[f] = to_script(m[f], "traditional")
    for f in CONVERTED_LISTS:
        m[f] = [to_script(x, "traditional") for x in m[f]]
    m["partners"] = [(to_script(n, "traditional"), h) for n, h in m["partners"]]
    if "replies" in m:
        m["replies"] = [(u, to_script(r, "traditional")) for u, r in m["replies"]]
    for i, e in enumerate(m["content"]):
        m["content"][i] = convert_entry(e)


def convert_entry(e):
    kind = e[0]
    if kind in ("p", "h", "credit", "editor", "repost"):
        return (kind, to_script(e[1], "traditional")) + tuple(e[2:])
    if kind == "lines":
        _, intro, rows, shape, *rest = e
        conv = [[to_script(c, "traditional") for c in r] if isinstance(r, list) else to_script(r, "traditional") for r in rows]
        return ("lines", to_script(intro, "traditional") if intro else intro, conv, shape, *rest)
    return e


# ---------------------------------------------------------------- rendering: text


def renderer_rng(m):
    return random.Random(m["render_seed"])


def render_text(m, slots):
    rng = renderer_rng(m)
    cs = m["cs"]
    t = m["template"]
    blank = rng.random() < 0.6
    indent = "　　" if t == "oldportal" or rng.random() < 0.15 else ""
    out = []
    out += slots.get("top", [])
    if t == "portal":
        out.append(f"{m['site']}|{m['channel']}{cs('频道')}|{m['channel']}")
        out.append(cs("首页 > 正文") if rng.random() < 0.5 else f"{cs('首页')} > {m['channel']} > {cs('正文')}")
        out.append("")
    elif t == "oldportal":
        out.append(m["site"])
        out.append(" | ".join(m["nav"]))
        out.append(f"{cs('您现在的位置：首页')} >> {m['channel']} >> {cs('正文')}")
    elif t == "blog":
        out.append(m["site"] + cs("的博客"))
        out.append(cs(rng.choice(["记录生活，分享点滴", "慢慢来，比较快", "写给自己看的"])))
    else:
        out.append(f"{m['site']} › {cs('论坛')} › {m['channel']} › {m['title']}")
    out += slots.get("before_title", [])
    out.append(m["title"])
    if blank:
        out.append("")
    if t == "portal":
        if m["article"]["kind"] == "news":
            out.append(cs("作者：") + (cs("本报记者 ") if rng.random() < 0.5 else "") + m["author"])
        out.append(cs("发布时间：") + m["date"])
        out.append(cs("来源：") + m["source"])
    elif t == "oldportal":
        out.append(f"{cs('来源：')}{m['source']}  {cs('作者：')}{m['author']}  {cs('发布时间：')}{m['date']}  {cs('点击数：')}{m['views']}")
    elif t == "blog":
        out.append(f"{cs('发表于')} {m['date']} {cs('分类：')}{m['channel']} {cs('阅读')}({m['views']})")
    else:
        out.append(f"{cs('查看')}: {m['views']}|{cs('回复')}: {len(m['replies'])}")
        out.append(f"{m['author']} {cs('发表于')} {m['date']}")
    out += slots.get("after_byline", [])
    if blank:
        out.append("")
    for e in m["content"]:
        lines = text_entry(e, cs, indent)
        for line in lines:
            out.append(line)
        if blank and lines:
            out.append("")
    if t == "oldportal":
        out.append(cs("上一篇：") + m["related"][0])
        out.append(cs("下一篇：") + m["related"][1])
        out.append(cs("版权所有：") + m["site"])
    elif t == "blog" and m.get("text_tags", True):
        out.append(cs("标签：") + " ".join(m["tags"]))
    elif t == "forum":
        for user, reply in m["replies"]:
            out.append(f"{user} {cs('发表于')} {m['date']}")
            out.append(reply)
    out += slots.get("bottom", [])
    out += slots.get("end", [])
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + ("\n" if rng.random() < 0.7 else "")


def text_entry(e, cs, indent):
    kind = e[0]
    if kind == "p":
        return [indent + e[1]]
    if kind in ("h", "credit", "repost"):
        return [e[1]]
    if kind == "editor":
        return [cs("(责编：") + e[1] + ")"]
    if kind == "lines":
        _, intro, rows, shape, joiner = e
        out = [intro] if intro else []
        for r in rows:
            out.append(joiner.join(r) if isinstance(r, list) else r)
        return out
    if kind == "rawlines":
        return list(e[1])
    return []


# ---------------------------------------------------------------- rendering: HTML


def html_entry(e, cs, template, where="article"):
    kind = e[0]
    if kind == "p":
        if template == "forum":
            return esc(e[1]) + "<br />\n<br />\n"
        if template == "oldportal":
            return f"<p>　　{esc(e[1])}</p>\n"
        return f"<p>{esc(e[1])}</p>\n"
    if kind == "h":
        return f"<p><strong>{esc(e[1])}</strong></p>\n" if template != "forum" else f"<strong>{esc(e[1])}</strong><br />\n"
    if kind == "repost":
        return f'<p class="repost">{esc(e[1])}</p>\n' if template != "forum" else f"{esc(e[1])}<br />\n"
    if kind == "credit":
        return f"<p>{esc(e[1])}</p>\n" if template != "forum" else f"{esc(e[1])}<br />\n"
    if kind == "editor":
        return f'<p class="editor">{esc(cs("(责编：") + e[1] + ")")}</p>\n'
    if kind == "lines":
        _, intro, rows, shape, _joiner = e
        head = f"<p>{esc(intro)}</p>" if intro else ""
        if shape == "table":
            body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
            return f'{head}<table class="data" border="1" cellspacing="0" cellpadding="4">{body}</table>\n'
        if shape == "ul":
            return head + "<ul>" + "".join(f"<li>{esc(r if isinstance(r, str) else ' '.join(r))}</li>" for r in rows) + "</ul>\n"
        if shape == "br":
            return "<p>" + "<br>".join(esc(x) for x in ([intro] if intro else []) + [r if isinstance(r, str) else " ".join(r) for r in rows]) + "</p>\n"
        return head + "".join(f"<p>{esc(r if isinstance(r, str) else ' '.join(r))}</p>" for r in rows) + "\n"
    if kind == "html":
        return e[1] + "\n"
    return ""


def render_html(m, slots, style_rules):
    rng = renderer_rng(m)
    t = m["template"]
    cs = m["cs"]
    S = lambda k: "".join(slots.get(k, []))  # noqa: E731
    content = "".join(html_entry(e, cs, t) for e in m["content"])
    charset = m["charset_label"]
    legit_rules = rng.sample([
        "body{margin:0;font-family:\"Microsoft YaHei\",SimSun,sans-serif;font-size:14px;background:#fff}",
        ".w1200{width:1200px;margin:0 auto}", ".clearfix:after{content:\"\";display:block;clear:both}",
        ".nav li{float:left;padding:0 12px}", "a{color:#333;text-decoration:none}", ".footer{text-align:center;color:#666}",
        ".content p{text-indent:2em;line-height:1.8}", ".hide{display:none}",
    ], rng.randint(2, 5))
    rules = legit_rules + style_rules
    rng.shuffle(rules)
    style = "<style type=\"text/css\">\n" + "\n".join(rules) + "\n</style>" if rules else ""
    nav_links = "".join(f'<li><a href="/{i}/">{esc(c)}</a></li>' for i, c in enumerate(m["nav"]))
    partners = " ".join(f'<a href="http://{h}/" target="_blank">{esc(n)}</a>' for n, h in m["partners"])
    if partners:
        partners = f'<div class="links">{esc(cs("友情链接："))}{partners}</div>'
    hot = "".join(f'<li><a href="/{m["host"]}/{i}.html">{esc(h)}</a></li>' for i, h in enumerate(m["hot"]))
    related = "".join(f'<li><a href="/a/{i}.html">{esc(h)}</a></li>' for i, h in enumerate(m["related"]))
    tags = "".join(f'<a href="/tag/{quote_url(x)}" rel="tag">{esc(x)}</a> ' for x in m["tags"])
    title = esc(m["title"])
    crumbs = m.get("crumbs_html") or f'<a href="/">{esc(cs("首页"))}</a> &gt; <a href="/ch/">{esc(m["channel"])}</a> &gt; {esc(cs("正文"))}'
    if t == "portal":
        meta_charset = f'<meta charset="{charset}">' if rng.random() < 0.6 else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta_charset}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_{esc(m['channel'])}_{esc(m['site'])}</title>
<meta name="keywords" content="{attr(','.join(m['tags']))}">
<meta name="description" content="{attr(m['paragraphs'][0][:60])}">
<link rel="canonical" href="{attr(m['url'])}">
<link rel="stylesheet" href="/static/css/article.css">
{style}
</head>
<body{m['body_attr']}>
{S('body_top')}<div class="top-bar"><div class="w1200"><a href="/">{esc(cs('设为首页'))}</a> <a href="/m/">{esc(cs('手机版'))}</a></div></div>
<div class="header w1200"><a class="logo" href="/"><img src="/static/img/logo.png" alt="{attr(m['site'])}"></a>
<ul class="nav">{nav_links}</ul>{S('after_nav')}</div>
<div class="main w1200 clearfix">
<div class="crumbs">{esc(cs('当前位置：'))}{crumbs}</div>
<div class="left">
<div class="article" id="article">
{S('before_title')}<h1>{title}</h1>
<div class="info"><span class="time">{esc(m['date'])}</span> <span class="source">{esc(cs('来源：'))}{esc(m['source'])}</span> <span class="author">{esc(cs('作者：'))}{esc(m['author'])}</span></div>
{S('after_byline')}<div class="content" id="content">
{content}</div>
{S('after_content')}<div class="share">{esc(cs('分享到：'))}<a href="#">{esc(cs('微信'))}</a> <a href="#">{esc(cs('微博'))}</a> <a href="#">{esc(cs('QQ空间'))}</a></div>
<div class="related"><h3>{esc(cs('相关阅读'))}</h3><ul>{related}</ul></div>
</div>
{S('div_after')}</div>
<div class="right sidebar"><div class="box"><h3>{esc(cs('热点排行'))}</h3><ul>{hot}</ul></div>
{S('sidebar')}</div>
</div>
<div class="footer">{partners}
{S('footer')}<p><a href="/about/">{esc(cs('关于我们'))}</a> | <a href="/contact/">{esc(cs('联系我们'))}</a> | <a href="/ad/">{esc(cs('广告服务'))}</a> | <a href="/map/">{esc(cs('网站地图'))}</a></p>
<p>Copyright &copy; {m['date_parts'][0]} {esc(m['site'])} All Rights Reserved {esc(cs('京ICP备'))}{rng.randint(10000000, 99999999)}{esc(cs('号'))}</p></div>
{S('body_end')}</body>
</html>
{S('after_html')}"""
    if t == "oldportal":
        nav = " | ".join(f'<a href="/{i}/">{esc(c)}</a>' for i, c in enumerate(m["nav"]))
        hot_old = "".join(f'·<a href="/{i}.htm" target="_blank">{esc(h)}</a><br>' for i, h in enumerate(m["hot"]))
        return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}-{esc(m['site'])}</title>
<link href="/css/style.css" rel="stylesheet" type="text/css">
{style}
</head>
<body{m['body_attr']} leftmargin="0" topmargin="0">
{S('body_top')}<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="90"><img src="/images/logo.gif" width="300" height="80"></td><td align="right"><a href="#">{esc(cs('设为首页'))}</a> | <a href="#">{esc(cs('加入收藏'))}</a></td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="nav">
<tr><td align="center" height="32">{nav}</td></tr>
</table>
{S('after_nav')}
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="700" valign="top">
<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td class="weizhi">{esc(cs('您现在的位置：'))}{m.get('crumbs_html') or ('<a href="/">' + esc(cs('首页')) + '</a> &gt;&gt; <a href="/list.asp">' + esc(m['channel']) + '</a> &gt;&gt; ' + esc(cs('正文')))}</td></tr></table>
<table width="96%" border="0" align="center" cellpadding="0" cellspacing="0">
{wrap_row(S('before_title'))}<tr><td height="50" align="center" class="title"><font size="5"><b>{title}</b></font></td></tr>
<tr><td align="center" class="info">{esc(cs('来源：'))}{esc(m['source'])}&nbsp;&nbsp;{esc(cs('作者：'))}{esc(m['author'])}&nbsp;&nbsp;{esc(cs('发布时间：'))}{esc(m['date'])}&nbsp;&nbsp;{esc(cs('点击数：'))}{m['views']}</td></tr>
{wrap_row(S('after_byline'))}<tr><td class="content" style="font-size:14px;line-height:24px">
{content}</td></tr>
{wrap_row(S('after_content'))}</table>
<table width="96%" align="center"><tr><td>{esc(cs('上一篇：'))}<a href="/1.htm">{esc(m['related'][0])}</a><br>{esc(cs('下一篇：'))}<a href="/2.htm">{esc(m['related'][1])}</a></td></tr></table>
{S('div_after')}</td>
<td width="10"></td>
<td width="270" valign="top">
<table width="100%" class="box"><tr><td class="boxtitle">{esc(cs('热点文章'))}</td></tr><tr><td>{hot_old}</td></tr></table>
{S('sidebar')}</td>
</tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="footer"><tr><td align="center">{partners}
{S('footer')}{esc(cs('版权所有：'))}{esc(m['site'])} {esc(cs('备案号：'))}ICP{rng.randint(100000, 999999)}</td></tr></table>
{S('body_end')}</body>
</html>
{S('after_html')}"""
    if t == "blog":
        cats = "".join(f'<li><a href="/category/{i}">{esc(c)}</a></li>' for i, c in enumerate(m["nav"][1:7]))
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{title} | {esc(m['site'])}</title>
<link rel="canonical" href="{attr(m['url'])}">
{style}
</head>
<body class="post-template-default single single-post"{m['body_attr']}>
{S('body_top')}<header id="masthead" class="site-header"><h1 class="site-title"><a href="/">{esc(m['site'])}</a></h1>
<nav class="main-navigation"><ul><li><a href="/">{esc(cs('首页'))}</a></li><li><a href="/category/life">{esc(cs('随笔'))}</a></li><li><a href="/about">{esc(cs('关于我'))}</a></li></ul></nav>{S('after_nav')}</header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article class="post type-post">
{S('before_title')}<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta">{esc(cs('发表于'))} <time datetime="{m['date_parts'][0]}-{m['date_parts'][1]:02d}-{m['date_parts'][2]:02d}">{esc(m['date'])}</time> · {esc(cs('分类：'))}<a href="/category/x">{esc(m['channel'])}</a> · {esc(cs('阅读'))} {m['views']}</div></header>
{S('after_byline')}<div class="entry-content">
{content}</div>
{S('after_content')}<footer class="entry-footer">{esc(cs('标签：'))}{tags}</footer>
</article>
{S('div_after')}<nav class="post-navigation">{esc(cs('上一篇：'))}<a href="/p/1">{esc(m['related'][0])}</a> {esc(cs('下一篇：'))}<a href="/p/2">{esc(m['related'][1])}</a></nav>
<div id="comments"><h3>{rng.randint(0, 30)}{esc(cs('条评论'))}</h3></div>
</main>
<aside id="secondary" class="widget-area"><section class="widget"><h2>{esc(cs('最新文章'))}</h2><ul>{hot}</ul></section>
<section class="widget"><h2>{esc(cs('分类目录'))}</h2><ul>{cats}</ul></section>
{S('sidebar')}</aside>
</div>
<footer id="colophon" class="site-footer">{partners}<div class="site-info">&copy; {m['date_parts'][0]} {esc(m['site'])} · {esc(cs('自豪地采用'))} WordPress</div>
{S('footer')}</footer>
{S('body_end')}</body>
</html>
{S('after_html')}"""
    replies = "".join(
        f'<div id="post_{i + 2}"><table id="pid{i + 2}" class="plhin" cellspacing="0" cellpadding="0"><tr><td class="pls"><div class="authi"><a href="space-uid-{i}.html" class="xw1">{esc(u)}</a></div></td>'
        f'<td class="plc"><div class="pi"><strong>{i + 2}#</strong><div class="authi">{esc(cs("发表于"))} {esc(m["date"])}</div></div>'
        f'<div class="pct"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{i + 2}">{esc(r)}</td></tr></table></div></div></td></tr></table></div>\n'
        for i, (u, r) in enumerate(m["replies"])
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title} - {esc(m['channel'])} - {esc(m['site'])} - Powered by Discuz!</title>
<meta name="keywords" content="{attr(m['title'])}" />
{style}
</head>
<body id="nv_forum" class="pg_viewthread"{m['body_attr']}>
{S('body_top')}<div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./">{esc(m['site'])}</a></h2></div>
<div id="nv"><ul><li><a href="portal.php">{esc(cs('门户'))}</a></li><li class="a"><a href="forum.php">{esc(cs('论坛'))}</a></li><li><a href="group.php">{esc(cs('群组'))}</a></li><li><a href="misc.php?mod=ranklist">{esc(cs('排行榜'))}</a></li></ul></div>{S('after_nav')}</div></div>
<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z">{m.get('crumbs_html') or ('<a href="./" class="nvhm">' + esc(m['site']) + '</a> <em>&rsaquo;</em> <a href="forum.php">' + esc(cs('论坛')) + '</a> <em>&rsaquo;</em> <a href="forum-2-1.html">' + esc(m['channel']) + '</a> <em>&rsaquo;</em> ' + title)}</div></div>
<div id="ct" class="wp cl"><div class="mn">
<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0"><tr><td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">{esc(cs('查看'))}:</span> <span class="xi1">{m['views']}</span><span class="pipe">|</span><span class="xg1">{esc(cs('回复'))}:</span> <span class="xi1">{len(m['replies'])}</span></div></td>
<td class="plc ptm pbn vwthd">{S('before_title')}<h1 class="ts"><span id="thread_subject">{title}</span></h1></td></tr></table>
<div id="post_1"><table id="pid1" class="plhin" cellspacing="0" cellpadding="0"><tr><td class="pls" rowspan="2"><div class="authi"><a href="space-uid-1.html" class="xw1">{esc(m['author'])}</a></div><dl class="pil cl"><dt>{esc(cs('积分'))}</dt><dd>{rng.randint(10, 9999)}</dd></dl></td>
<td class="plc"><div class="pi"><strong>{esc(cs('楼主'))}</strong><div class="authi">{esc(cs('发表于'))} {esc(m['date'])}</div></div>
{S('after_byline')}<div class="pct"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_1">
{content}</td></tr></table></div></div>{S('after_content')}</td></tr></table></div>
{replies}</div>
{S('div_after')}</div>
<div id="sd" class="sd"><div class="bm"><div class="bm_h"><h2>{esc(cs('热门帖子'))}</h2></div><div class="bm_c"><ul class="xl">{hot}</ul></div></div>
{S('sidebar')}</div>
</div></div>
<div id="ft" class="wp cl"><div id="flk" class="y"><p><a href="archiver/">Archiver</a><span class="pipe">|</span><a href="forum.php?mobile=yes">{esc(cs('手机版'))}</a><span class="pipe">|</span><a href="forum.php?mod=misc&amp;action=showdarkroom">{esc(cs('小黑屋'))}</a></p></div>
{partners}<div id="frt"><p>Powered by <strong><a href="http://www.discuz.net">Discuz!</a></strong> <em>X3.4</em></p><p class="xs0">&copy; 2001-{m['date_parts'][0]} Comsenz Inc.</p></div>
{S('footer')}</div>
{S('body_end')}</body>
</html>
{S('after_html')}"""


def wrap_row(fragment):
    return f"<tr><td>{fragment}</td></tr>\n" if fragment else ""


TAG_RE = re.compile(r"<[^>]*>")
STYLE_RE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


def visible_text_of_html(markup):
    return html.unescape(TAG_RE.sub(" ", STYLE_RE.sub(" ", markup)))


# ---------------------------------------------------------------- documents


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def base_model(rng, vocab, template, container, payload, article_script):
    m = page_model(rng, vocab, template)
    m["content"] = content_of(m)
    m["render_seed"] = rng.getrandbits(32)
    m["article_script"] = article_script
    m["cs"] = (lambda s: to_script(s, "traditional")) if article_script == "traditional" else (lambda s: s)
    gbk_like = container == "html_gbk" or (container in ("jsonl", "warc") and template in ("oldportal", "forum") and rng.random() < 0.6)
    if gbk_like:
        m["charset_label"] = rng.choice(["gbk", "gb2312", "GBK", "GB2312"]) if template == "oldportal" else rng.choice(["gbk", "GBK", "gb2312"])
    else:
        m["charset_label"] = rng.choice(["utf-8", "UTF-8", "utf-8"])
    m["body_attr"] = ' bgcolor="#FFFFFF"' if template == "oldportal" else rng.choice(["", "", ' style="background:#fff"', ' bgcolor="#ffffff"'])
    m["container"], m["payload"] = container, payload
    return m


def scripts_of(script, rng):
    """(article script, spam script) of a matrix script value."""
    if script == "simplified":
        return "simplified", "simplified", "simplified"
    if script == "traditional":
        return "traditional", "traditional", "traditional"
    if rng.random() < 0.7:
        return "traditional", "simplified", "mixed:traditional-article+simplified-spam"
    return "simplified", "traditional", "mixed:simplified-article+traditional-spam"


def ensure_credit(m, rng):
    if not any(e[0] == "credit" for e in m["content"]):
        line = to_script(credit_line(rng, m["date_parts"]), m["article_script"])
        at = next((i for i, e in enumerate(m["content"]) if e[0] == "editor"), len(m["content"]))
        m["content"].insert(at, ("credit", line))


def para_slots(m):
    """Indices after which a block can stand between two paragraphs."""
    idx = [i for i, e in enumerate(m["content"]) if e[0] in ("p", "h")]
    return [i for i in idx[:-1] if i > 0] or idx[:1]


def render(m, slots, style_rules):
    if m["medium"] == "html":
        return render_html(m, slots, style_rules)
    return render_text(m, slots)


def page_text(m, slots, style_rules):
    body = render(m, slots, style_rules)
    return visible_text_of_html(body) if m["medium"] == "html" else body


def length_of(rng, kind, bucket):
    lo, hi = LENGTH_RANGES[bucket]
    if kind in KIND_LENGTH_LIMITS:
        klo, khi = KIND_LENGTH_LIMITS[kind]
        lo, hi = max(lo, klo), min(hi, khi)
    return rng.randint(lo, hi)


def make_items(rng, vocab, kind, n):
    if kind == "place":
        items = place_items(rng, vocab, n)
        return items, ["place"] * n, None
    if kind == "keyword":
        items, roles = keyword_items(rng, vocab, n)
        return items, roles, None
    if kind == "mixed":
        items, roles = mixed_items(rng, vocab, n)
        return items, roles, None
    if kind == "hidden":
        return hidden_items(rng, vocab, n), ["spam-phrase"] * n, None
    anchors, hosts = linkfarm_items(rng, vocab, n)
    return anchors, ["anchor"] * n, hosts


def chosen_items(rng, vocab, kind, n, spam_script, forbidden_text):
    """n items of the kind, none of which occurs anywhere else on the page (so that finding one in
    `text` means the run was left there)."""
    items, roles, hosts = [], [], []
    for _ in range(20):
        more, more_roles, more_hosts = make_items(rng, vocab, kind, max(4, n))
        for i, item in enumerate(more):
            item = to_script(item, spam_script)
            if len(items) >= n:
                break
            if squash(item) in forbidden_text or len(squash(item)) < 2:
                continue
            items.append(item)
            roles.append(more_roles[i])
            if more_hosts:
                hosts.append(more_hosts[i])
        if len(items) >= n:
            break
    return items, roles, hosts or None


def place_block(m, rng, position, block, slots, style_rules):
    """Insert the block at the position; returns (inserted text or markup, detail)."""
    medium = m["medium"]
    if medium == "text":
        lines = block.text_lines()
        inserted = "\n".join(lines)
        if position == "before_title":
            where = "top" if rng.random() < 0.3 else "before_title"
            slots.setdefault(where, []).extend(lines)
            return inserted, where
        if position == "after_byline":
            slots.setdefault("after_byline", []).extend(lines)
            return inserted, "after_byline"
        if position == "between_paras":
            at = rng.choice(para_slots(m))
            m["content"].insert(at + 1, ("rawlines", lines))
            return inserted, f"after_entry_{at}"
        if position == "after_credit":
            at = next(i for i, e in enumerate(m["content"]) if e[0] == "credit")
            m["content"].insert(at + 1, ("rawlines", lines))
            return inserted, "after_credit"
        slots.setdefault("end", []).extend(lines)
        return inserted, "end"
    if position in HIDDEN_POSITIONS:
        at_choice = rng.choice(["body_top", "content", "content", "div_after", "body_end", "after_nav"])
        inner = block.html("article" if at_choice == "content" else "outside")
        frag = hide(inner, position, rng, style_rules)
        if at_choice == "content":
            at = rng.choice(para_slots(m) + [len(m["content"]) - 1])
            m["content"].insert(at + 1, ("html", frag))
        else:
            slots.setdefault(at_choice, []).append(frag + "\n")
        return frag, at_choice
    if position == "before_title":
        if rng.random() < 0.6:
            frag = block.html("article")
            slots.setdefault("before_title", []).append(frag + "\n")
            return frag, "before_title"
        frag = block.html("outside")
        slots.setdefault("body_top", []).append(frag + "\n")
        return frag, "body_top"
    if position == "after_byline":
        frag = block.html("outside")
        slots.setdefault("after_byline", []).append(frag + "\n")
        return frag, "after_byline"
    if position in ("between_paras", "after_credit", "end"):
        frag = block.html("article")
        if position == "between_paras":
            at = rng.choice(para_slots(m))
        elif position == "after_credit":
            at = next(i for i, e in enumerate(m["content"]) if e[0] == "credit")
        else:
            at = len(m["content"]) - 1
        m["content"].insert(at + 1, ("html", frag))
        return frag, position
    if position == "sidebar":
        frag = block.html("outside")
        if rng.random() < 0.6:
            head = m["cs"](rng.choice(["热门标签", "热门搜索", "推荐", "专题", "热词"]))
            frag = f'<div class="box"><h3>{esc(head)}</h3>{frag}</div>'
        slots.setdefault("sidebar", []).append(frag + "\n")
        return frag, "sidebar"
    if position == "after_html":
        frag = block.html("outside") if rng.random() < 0.6 else block_inline(block)
        slots.setdefault("after_html", []).append(frag + "\n")
        return frag, "after_html"
    frag = block.html("outside")
    slots.setdefault(position, []).append(frag + "\n")
    return frag, position


def block_inline(block):
    """A run written after </html> as bare text or links, without a wrapping element."""
    html_frag = block.html("outside")
    return re.sub(r'^<div class="[^"]*">(.*)</div>$', r"\1", html_frag, flags=re.S)


def squash(text):
    return re.sub(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u200b]+", "", text)


def must_keep_lines(m, kinds=("p",)):
    out = []
    for e in m["content"]:
        if e[0] in kinds:
            out.append(e[1])
    return out


def container_payload(rng, cfg_container, needs_html):
    if cfg_container in ("jsonl", "warc"):
        return "html" if needs_html or rng.random() < 0.5 else "text"
    return "text" if cfg_container == "text" else "html"


def build_positive(rng, vocab, cfg):
    kind, sep, pos = cfg["kind"], cfg["separator"], cfg["position"]
    needs_html = sep in HTML_SEPARATORS or pos in HTML_POSITIONS or kind == "hidden"
    payload = container_payload(rng, cfg["container"], needs_html)
    article_script, spam_script, script_detail = scripts_of(cfg["script"], rng)
    m = base_model(rng, vocab, cfg["template"], cfg["container"], payload, article_script)
    m["medium"] = medium_of(cfg["container"], payload)
    if article_script == "traditional":
        convert_model(m)
    if pos == "after_credit":
        ensure_credit(m, rng)
    if pos == "end" and m["content"][-1][0] == "credit" and rng.random() < 0.5:
        m["content"].append(("editor", to_script(rng.choice(V.NEWS_EDITORS), article_script)))
    slots, style_rules = {}, []
    forbidden = squash(page_text(m, slots, list(style_rules)))
    n = length_of(rng, kind, cfg["length"])
    items, roles, hosts = chosen_items(rng, vocab, kind, n, spam_script, forbidden)
    label = None
    if sep != "newline" and rng.random() < 0.25:
        label = to_script(rng.choice(V.SPAM_LABELS), spam_script)
    text_items = items
    if hosts and m["medium"] == "text":
        style = rng.randrange(3)
        text_items = [f"{a} {h}" if style == 0 else (f"{a}：{h}" if style == 1 else f"{a}（{h}）") for a, h in zip(items, hosts)]
    block = Block(items, sep, random.Random(rng.getrandbits(32)), hrefs=hosts if m["medium"] == "html" else None, label=label, text_items=text_items)
    inserted, detail = place_block(m, rng, pos, block, slots, style_rules)
    body = render(m, slots, style_rules)
    run = {
        "kind": kind, "separator": sep, "position": pos, "items": items, "roles": roles, "hosts": hosts,
        "label": label, "inserted": inserted, "placed_at": detail, "script": spam_script,
    }
    labels = dict(cfg)
    labels["payload"] = payload
    labels["script_detail"] = script_detail
    labels["template"] = cfg["template"]
    return {
        "labels": labels, "medium": m["medium"], "model": m, "body": body, "runs": [run],
        "must_keep": must_keep_lines(m), "negative": None, "pinyin": None,
    }


# ---------------------------------------------------------------- hard negatives


def short_province(p):
    for suffix in ("省", "市", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区"):
        if p.endswith(suffix) and len(p) > len(suffix):
            return p[: -len(suffix)]
    return p


def insert_after_para(m, rng, entry, where="middle"):
    ps = [i for i, e in enumerate(m["content"]) if e[0] in ("p", "h")]
    if where == "first":
        at = ps[0]
    elif where == "tail":
        at = ps[-1]
    else:
        at = rng.choice(ps[:-1] or ps)
    m["content"].insert(at + 1, entry)
    return at + 1


TABLE_JOINERS = ["\t", "  ", " | ", "\u3000", "    "]


def negative_content(rng, vocab, m, ntype, slots):
    """Adds the negative's legitimate list to the page (simplified script, before conversion).
    Returns the indices of content entries that must stay in `text`."""
    ctx = m["ctx"]
    keep = []
    if ntype == "route_line":
        cities = vocab.region_cities(ctx.P)
        cities = rng.sample(cities, min(len(cities), rng.randint(5, 12)))
        if rng.random() < 0.6:
            stops = [vocab.short_city(c) + rng.choice(V.STATION_SUFFIXES) for c in cities]
        else:
            stops = rng.sample(V.BUS_STOPS, rng.randint(6, 12))
        joiner = rng.choice(["、", "—", " - ", "→", "，"])
        line = fill(rng.choice(V.ROUTE_INTROS), ctx) + joiner.join(stops) + rng.choice(["。", "等站。", "", "，全程约需{num}小时。".replace("{num}", str(rng.randint(2, 9)))])
        keep.append(insert_after_para(m, rng, ("p", line)))
    elif ntype == "city_sentence":
        cities = [vocab.short_city(c) if rng.random() < 0.5 else c for c in rng.sample(vocab.city_names, rng.randint(3, 9))]
        tmpl = rng.choice(V.CITY_SENTENCES)
        if "和" not in tmpl and rng.random() < 0.4:
            listed = "、".join(cities[:-1]) + "和" + cities[-1]
        else:
            listed = "、".join(cities)
        sentence = fill(tmpl, ctx, {"L": listed, "n": len(cities) + rng.randint(0, 6)})
        keep.append(insert_after_para(m, rng, ("p", sentence)))
    elif ntype == "province_table":
        head = rng.choice(V.PROVINCE_TABLE_HEADS)
        provinces = rng.sample(vocab.provinces, min(len(vocab.provinces), rng.randint(6, 15)))
        rows = [list(head)] + [[p, f"{rng.randint(100, 90000)}.{rng.randint(0, 9)}", f"{rng.choice(['', '-'])}{rng.randint(0, 12)}.{rng.randint(0, 9)}"] for p in provinces]
        intro = fill(rng.choice(V.PROVINCE_TABLE_INTROS), ctx)
        keep.append(insert_after_para(m, rng, ("lines", intro, rows, "table", rng.choice(TABLE_JOINERS)), rng.choice(["middle", "tail"])))
    elif ntype == "bibliography":
        rows = []
        for k, title in enumerate(rng.sample(vocab.bib_titles, rng.randint(3, 6)), 1):
            authors = ", ".join(person(rng) for _ in range(rng.randint(1, 3)))
            first = rng.randint(1, 150)
            rows.append(f"[{k}] {authors}. {title}[J]. {rng.choice(V.BIB_JOURNALS)}, {rng.randint(2008, 2023)}, ({rng.randint(1, 12)}): {first}-{first + rng.randint(5, 18)}.")
        keep.append(insert_after_para(m, rng, ("lines", rng.choice(["参考文献：", "参考文献", "【参考文献】"]), rows, rng.choice(["p", "ul", "br"]), ""), "tail"))
    elif ntype == "spec_list":
        product = rng.choice(sorted(V.SPEC_PRODUCTS))
        specs = V.SPEC_PRODUCTS[product]
        chosen = specs[:2] + rng.sample(specs[2:], rng.randint(4, len(specs) - 2))
        pairs = [(k, fill(rng.choice(vals), ctx)) for k, vals in chosen]
        shape = rng.choice(["table", "ul", "p"])
        rows = [[k, v] for k, v in pairs] if shape == "table" else [f"{k}：{v}" for k, v in pairs]
        keep.append(insert_after_para(m, rng, ("lines", rng.choice(V.SPEC_INTROS), rows, shape, rng.choice(["：", "\t", "  "])), "first"))
    elif ntype == "branch_list":
        rows = []
        shape = rng.choice(["p", "ul", "table"])
        for city in rng.sample(vocab.city_names, rng.randint(4, 10)):
            area = rng.choice(["0" + str(rng.randint(10, 999)), "0" + str(rng.randint(100, 999))])
            addr = f"{city}{rng.choice(V.BRANCH_STREETS)}{rng.randint(1, 399)}号{rng.choice(V.BRANCH_BUILDINGS)}{rng.randint(2, 28)}层"
            phone = f"{area}-{rng.randint(5000000, 89999999)}"
            name = vocab.short_city(city) + rng.choice(["分公司", "办事处", "服务中心"])
            rows.append([name, addr, phone] if shape == "table" else f"{name}：{addr}，电话：{phone}")
        keep.append(insert_after_para(m, rng, ("lines", rng.choice(V.BRANCH_INTROS), rows, shape, "  "), "tail"))
    elif ntype == "toc":
        rows = list(rng.choice(V.TOC_SETS))
        keep.append(insert_after_para(m, rng, ("lines", "目录" if rows[0] != "目录" else None, rows, rng.choice(["p", "ul", "br"]), ""), "first"))
    elif ntype == "pinyin_gloss":
        for word, idx, reading in rng.sample(vocab.glosses, rng.randint(1, 2)):
            lp, rp = ("（", "）") if rng.random() < 0.8 else ("(", ")")
            glossed = word[:idx] + lp + reading + rp + word[idx:]
            sentence = fill(rng.choice(V.GLOSS_SENTENCES), ctx, {"W": glossed})
            keep.append(insert_after_para(m, rng, ("p", sentence), rng.choice(["first", "middle"])))
    elif ntype == "nav_menu":
        m["nav"] = ["首页"] + rng.sample(V.NAV_CHANNELS[1:], rng.randint(14, 24))
        regions = [short_province(p) for p in vocab.provinces]
        m["subnav"] = (rng.choice(["地方：", "地方频道：", ""]), regions)
    elif ntype == "breadcrumbs":
        trail = ["首页", rng.choice(["新闻中心", "资讯", "新闻"]), rng.choice(["地方新闻", "各地", "地方"]), short_province(ctx.P), ctx.C]
        m["crumbs"] = trail
    elif ntype == "tag_line":
        m["tags"] = [short_province(ctx.P), vocab.short_city(ctx.C), ctx.X] + rng.sample(V.TAG_SOURCES, rng.randint(2, 5))
        rng.shuffle(m["tags"])
        m["tag_label"] = rng.choice(["标签：", "关键词：", "Tags：", "本文标签："])
    elif ntype == "partner_footer":
        m["partners"] = rng.sample(V.PARTNER_SITES, rng.randint(10, 20))
    elif ntype == "related_reading":
        m["related_block"] = (rng.choice(V.RELATED_INTROS), [fill(rng.choice(t["titles"]), Ctx(rng, vocab)) for t in rng.sample(list(vocab.news_topics.values()), rng.randint(3, 6))])
    return keep


def chrome_negative_slots(m, rng, ntype, slots):
    """Renders the chrome negatives (after script conversion) into the page's slots."""
    cs = m["cs"]
    text = m["medium"] == "text"
    if ntype == "nav_menu":
        label, regions = m["subnav"]
        regions = [cs(r) for r in regions]
        joiner = rng.choice([" | ", "|", "  ", " "])
        if text:
            slots.setdefault("top", []).extend([joiner.join(m["nav"]), cs(label) + joiner.join(regions)])
        else:
            links = "".join(f'<a href="/local/{i}/">{esc(r)}</a> ' for i, r in enumerate(regions))
            slots.setdefault("after_nav", []).append(f'<div class="subnav">{esc(cs(label))}{links}</div>')
    elif ntype == "breadcrumbs":
        trail = [cs(x) for x in m["crumbs"]]
        if text:
            sep = rng.choice([" > ", " >> ", " / ", "→"])
            slots.setdefault("top", []).append(cs("您的位置：") + sep.join(trail))
        else:
            m["crumbs_html"] = " &gt; ".join(f'<a href="/c{i}/">{esc(x)}</a>' for i, x in enumerate(trail[:-1])) + " &gt; " + esc(trail[-1])
    elif ntype == "tag_line":
        label = cs(m["tag_label"])
        if text:
            slots.setdefault("bottom", []).append(label + rng.choice([" ", "，", "、", " | "]).join(m["tags"]))
        else:
            tags = " ".join(f'<a href="/tag/{quote_url(x)}">{esc(x)}</a>' for x in m["tags"])
            slots.setdefault("after_content", []).append(f'<div class="tags">{esc(label)}{tags}</div>\n')
    elif ntype == "partner_footer":
        if text:
            slots.setdefault("bottom", []).append(cs("友情链接：") + rng.choice([" | ", "  ", "|"]).join(n for n, _ in m["partners"]))
    elif ntype == "related_reading":
        intro, titles = m["related_block"]
        if text:
            slots.setdefault("bottom", []).extend([cs(intro)] + [rng.choice(["", "·", "- "]) + cs(x) for x in titles])
        else:
            lis = "".join(f'<li><a href="/a/{i}.html">{esc(cs(x))}</a></li>' for i, x in enumerate(titles))
            slots.setdefault("after_content", []).append(f'<div class="xgyd"><h3>{esc(cs(intro))}</h3><ul>{lis}</ul></div>\n')


NEGATIVE_TEMPLATES = {
    "spec_list": ["blog", "forum"], "branch_list": ["portal", "oldportal", "blog"], "bibliography": ["portal", "blog", "oldportal"],
    "toc": ["portal", "oldportal", "blog"],
}


def build_negative(rng, vocab, ntype, medium):
    template = rng.choice(NEGATIVE_TEMPLATES.get(ntype, TEMPLATES))
    if medium == "text":
        container = rng.choice(["text", "text", "jsonl", "warc"])
        payload = "text"
    else:
        container = rng.choice(["html_utf8", "html_gbk", "jsonl", "warc"])
        payload = "html"
    script = "traditional" if rng.random() < (0.2 if ntype == "pinyin_gloss" else 0.35) else "simplified"
    m = base_model(rng, vocab, template, container, payload, script)
    m["medium"] = medium
    slots = {}
    keep_idx = negative_content(rng, vocab, m, ntype, slots)
    if script == "traditional":
        convert_model(m)
    chrome_negative_slots(m, rng, ntype, slots)
    if ntype == "tag_line":
        m["text_tags"] = False
    body = render(m, slots, [])
    must_keep = []
    for i in keep_idx:
        must_keep.extend(entry_keep_lines(m["content"][i]))
    labels = {"negative": ntype, "medium": medium, "container": container, "payload": payload, "template": template, "script": script}
    return {
        "labels": labels, "medium": medium, "model": m, "body": body, "runs": [], "must_keep": must_keep,
        "must_keep_paragraphs": must_keep_lines(m), "negative": ntype, "pinyin": None,
    }


def entry_keep_lines(e):
    if e[0] in ("p", "h"):
        return [e[1]]
    if e[0] == "lines":
        _, intro, rows, shape, _j = e
        return ["\t".join(r) if isinstance(r, list) else r for r in rows]
    return []


# ---------------------------------------------------------------- pinyin-annotated mirror pages

SHARED_TRAD = {t: (s, r) for s, (t, r) in V.SHARED_READING_CHARS.items()}


def annotate(trad, simp, rng, rate, misalign, parens):
    """Mirror-site annotation: Han(toned syllable) after a share of the characters, with the reading
    of the simplified character the page was converted from; in misaligned stretches the reading of
    a neighbour. Returns (annotated text, [annotation records])."""
    assert len(trad) == len(simp), (trad, simp)
    lp, rp = parens
    out, anns = [], []
    shift_left = 0
    shift = 0
    for i, (t, s) in enumerate(zip(trad, simp)):
        out.append(t)
        if not is_han(t):
            continue
        if shift_left == 0 and misalign and rng.random() < 0.03:
            shift_left, shift = rng.randint(4, 12), rng.choice([-1, 1])
        counterpart = t in SHARED_TRAD and SHARED_TRAD[t][0] == s
        chance = rate if t != s else rate * 0.2
        if not counterpart and rng.random() >= chance:
            if shift_left:
                shift_left -= 1
            continue
        src_index = i
        flag = "counterpart" if counterpart else "aligned"
        if shift_left and not counterpart:
            j = i + shift
            if 0 <= j < len(simp) and is_han(simp[j]) and simp[j] != s:
                src_index, flag = j, "misaligned"
            shift_left -= 1
        reading = DATA["pinyin"].get(simp[src_index])
        if not reading:
            continue
        out.append(f"{lp}{reading}{rp}")
        anns.append({"char": t, "reading": reading, "string": f"{t}{lp}{reading}{rp}", "how": flag})
    return "".join(out), anns


def build_pinyin(rng, vocab):
    template = rng.choice(TEMPLATES)
    container = rng.choice(CONTAINERS)
    payload = "html" if container in ("html_utf8", "html_gbk") else ("text" if container == "text" else rng.choice(["html", "text"]))
    m = base_model(rng, vocab, template, container, payload, "traditional")
    m["medium"] = medium_of(container, payload)
    ps = [i for i, e in enumerate(m["content"]) if e[0] == "p"]
    for sentence in rng.sample(V.PINYIN_EXTRA_SENTENCES, rng.randint(2, 4)):
        i = rng.choice(ps)
        m["content"][i] = ("p", m["content"][i][1] + fill(sentence, m["ctx"]))
    simp_title = m["title"]
    simp_content = list(m["content"])
    simp_site = m["site"]
    convert_model(m)
    rate = rng.uniform(0.35, 0.9)
    misalign = rng.random() < 0.5
    parens = ("(", ")") if rng.random() < 0.85 else ("（", "）")
    anns = []
    m["title"], a = annotate(m["title"], simp_title, rng, rate, misalign, parens)
    anns += a
    if m["medium"] == "text" and rng.random() < 0.5:
        m["site"], a = annotate(m["site"], simp_site, rng, rate, False, parens)
    clean = {}
    for i, (e, se) in enumerate(zip(m["content"], simp_content)):
        if e[0] in ("p", "h", "credit", "repost"):
            text, a = annotate(e[1], se[1], rng, rate, misalign, parens)
            anns += a
            clean[i] = e[1]
            m["content"][i] = (e[0], text)
    kept_parens = []
    ps = [i for i, e in enumerate(m["content"]) if e[0] == "p"]
    for prefix, paren in rng.sample(V.REAL_PARENS, rng.randint(3, 5)):
        if prefix in ("本報訊", "本報電", "本網訊"):
            i = ps[0]
            addition = prefix + paren
            m["content"][i] = ("p", addition + m["content"][i][1])
            clean[i] = addition + clean[i]
        elif prefix in ("現場照片", "資料圖片", "活動現場"):
            at = rng.choice(ps)
            m["content"].insert(at, ("p", prefix + paren))
            clean = {(k + 1 if k >= at else k): v for k, v in clean.items()}
            clean[at] = prefix + paren
            ps = [i for i, e in enumerate(m["content"]) if e[0] == "p"]
        else:
            i = rng.choice(ps)
            addition = prefix + paren + rng.choice(["。", "，以實際為準。", "所示。", "。"])
            m["content"][i] = ("p", m["content"][i][1] + addition)
            clean[i] = clean[i] + addition
        kept_parens.append(prefix + paren)
    must_keep = [clean[i] for i in sorted(clean) if m["content"][i][0] == "p"]
    slots, style_rules = {}, []
    runs = []
    labels = {"pinyin": True, "container": container, "payload": payload, "template": template, "script": "traditional", "medium": m["medium"]}
    if rng.random() < 0.5:
        forbidden = squash(page_text(m, slots, []))
        sep = rng.choice(["bar_space", "bar", "fw_bar", "dun", "space"])
        position = rng.choice(["after_credit", "end"])
        if position == "after_credit":
            ensure_credit(m, rng)
        n = rng.randint(8, 60)
        items, roles, _ = chosen_items(rng, vocab, "place", n, "simplified", forbidden)
        block = Block(items, sep, random.Random(rng.getrandbits(32)))
        inserted, detail = place_block(m, rng, position, block, slots, style_rules)
        runs.append({"kind": "place", "separator": sep, "position": position, "items": items, "roles": roles, "hosts": None,
                     "label": None, "inserted": inserted, "placed_at": detail, "script": "simplified"})
        length = next(b for b in LENGTHS if LENGTH_RANGES[b][0] <= n <= LENGTH_RANGES[b][1])
        labels.update({"kind": "place", "separator": sep, "position": position, "length": length, "script": "mixed", "script_detail": "mixed:traditional-article+simplified-spam"})
    body = render(m, slots, style_rules)
    return {
        "labels": labels, "medium": m["medium"], "model": m, "body": body, "runs": runs, "must_keep": must_keep,
        "negative": None,
        "pinyin": {"annotations": anns, "parens": kept_parens, "rate": round(rate, 2), "misaligned": misalign, "paren_style": "ascii" if parens[0] == "(" else "fullwidth"},
    }


# ---------------------------------------------------------------- containers and gold


def warc_record(headers, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def gzip_member(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def payload_bytes(doc):
    m = doc["model"]
    if doc["medium"] == "html" and m["charset_label"].lower().startswith("gb"):
        return doc["body"].encode("gbk", "xmlcharrefreplace"), "GBK"
    return doc["body"].encode("utf-8"), "UTF-8"


def write_corpus(docs, outdir, split, rng):
    """files/NNNNN.{txt,html}, docs.jsonl, docs.warc.gz; returns the gold documents."""
    files_dir = os.path.join(outdir, "files")
    os.makedirs(files_dir, exist_ok=True)
    jsonl = open(os.path.join(outdir, "docs.jsonl"), "w", encoding="utf-8")
    warc = open(os.path.join(outdir, "docs.warc.gz"), "wb")
    info = b"software: pagewash spam-redteam\r\nformat: WARC File Format 1.0\r\n"
    warc.write(gzip_member(warc_record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"),
                                         ("WARC-Date", "2024-04-02T08:00:00Z"), ("Content-Type", "application/warc-fields")], info)))
    gold_docs = []
    for n, doc in enumerate(docs, 1):
        name = f"{n:05d}"
        m = doc["model"]
        cont = m["container"]
        if cont in ("text", "html_utf8", "html_gbk"):
            ext = "txt" if cont == "text" else "html"
            data = doc["body"].encode("utf-8") if cont != "html_gbk" else doc["body"].encode("gbk", "xmlcharrefreplace")
            with open(os.path.join(files_dir, f"{name}.{ext}"), "wb") as f:
                f.write(data)
            locator = {"file": f"files/{name}.{ext}"}
        elif cont == "jsonl":
            rid = f"rt-{split}-{name}"
            field = "html" if doc["medium"] == "html" else "text"
            jsonl.write(json.dumps({"id": rid, "url": m["url"], field: doc["body"]}, ensure_ascii=False) + "\n")
            locator = {"jsonl_id": rid}
        else:
            data, charset = payload_bytes(doc)
            if doc["medium"] == "html":
                ctype = "text/html" + (f"; charset={charset}" if m["render_seed"] % 3 else "")
            else:
                ctype = "text/plain; charset=UTF-8"
            http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(data)}\r\nServer: nginx\r\n\r\n".encode("ascii") + data
            rid = f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"
            y, mo, d, h, mi = m["date_parts"]
            warc.write(gzip_member(warc_record([
                ("WARC-Type", "response"), ("WARC-Record-ID", rid), ("WARC-Date", f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00Z"),
                ("WARC-Target-URI", m["url"]), ("Content-Type", "application/http; msgtype=response"),
            ], http)))
            locator = {"warc_id": rid}
        check_gold(doc)
        gold_docs.append({
            "doc": name, "locator": locator, "url": m["url"], "medium": doc["medium"], "labels": doc["labels"],
            "runs": doc["runs"], "must_keep": doc["must_keep"], "must_keep_paragraphs": doc.get("must_keep_paragraphs", doc["must_keep"] if doc["negative"] is None else []),
            "negative": doc["negative"], "pinyin": doc["pinyin"], "title": m["title"],
        })
    jsonl.close()
    warc.close()
    return gold_docs


def check_gold(doc):
    """Every gold run must really be in the document, every item in its run, and every must-keep
    line on the page; a generator bug stops the run rather than skewing the scores."""
    body = doc["body"]
    for run in doc["runs"]:
        if run["inserted"] not in body:
            raise AssertionError(f"run not in document: {run['inserted'][:80]}")
        for item in run["items"]:
            if (esc(item) if doc["medium"] == "html" else item) not in run["inserted"]:
                raise AssertionError(f"item {item} not in its run")
    plain = visible_text_of_html(body) if doc["medium"] == "html" else body
    if doc["pinyin"]:
        for a in sorted(doc["pinyin"]["annotations"], key=lambda a: -len(a["string"])):
            plain = plain.replace(a["string"], a["char"])
    plain = squash(plain)
    for line in doc["must_keep"]:
        for cell in line.split("\t"):
            if squash(cell) not in plain:
                raise AssertionError(f"must-keep line not on the page: {cell}")
    if doc["pinyin"]:
        for a in doc["pinyin"]["annotations"]:
            if a["string"] not in body:
                raise AssertionError(f"annotation not on the page: {a['string']}")


DEFAULT_SEEDS = {"dev": 1, "holdout": 2}


def generate(split, seed, outdir, scale=1.0, log=print):
    if seed is None:
        seed = DEFAULT_SEEDS[split]
    rng = random.Random(f"{split}:{seed}")
    vocab = Vocab(split)
    design = covering_design(random.Random(f"design:{split}:{seed}"), scale)
    docs = []
    for cfg in design:
        docs.append(build_positive(rng, vocab, cfg))
    per = max(1, round(NEGATIVES_PER_MEDIUM * scale))
    for ntype in NEGATIVE_TYPES:
        for medium in ("text", "html"):
            for _ in range(per):
                docs.append(build_negative(rng, vocab, ntype, medium))
    for _ in range(max(1, round(PINYIN_DOCS * scale))):
        docs.append(build_pinyin(rng, vocab))
    order = list(range(len(docs)))
    rng.shuffle(order)
    docs = [docs[i] for i in order]
    os.makedirs(outdir, exist_ok=True)
    if os.path.isdir(os.path.join(outdir, "files")):
        shutil.rmtree(os.path.join(outdir, "files"))
    gold_docs = write_corpus(docs, outdir, split, rng)
    gold = {"split": split, "seed": seed, "scale": scale, "generator": "scripts/spam-redteam", "docs": gold_docs}
    with open(os.path.join(outdir, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=0)
    log(cell_counts(gold_docs))
    return gold


def cell_counts(gold_docs):
    """The generator's own tally: documents per matrix value and the thinnest required pair."""
    pos = [d for d in gold_docs if d["runs"]]
    lines = [f"{len(gold_docs)} documents: {len(pos)} with a spam run, "
             f"{sum(1 for d in gold_docs if d['negative'])} hard negatives, {sum(1 for d in gold_docs if d['pinyin'])} pinyin-annotated"]
    for dim, values in DIMENSIONS.items():
        counts = {v: sum(1 for d in pos if d["labels"].get(dim) == v) for v in values}
        lines.append(f"  {dim:9s} " + "  ".join(f"{SEPARATOR_LABELS.get(v, v) if dim == 'separator' else v}={c}" for v, c in counts.items()))
    for a, b, n in REQUIRED_PAIRS[:4]:
        cells = {}
        for va in DIMENSIONS[a]:
            for vb in DIMENSIONS[b]:
                if valid({a: va, b: vb}):
                    cells[(va, vb)] = sum(1 for d in pos if d["labels"].get(a) == va and d["labels"].get(b) == vb)
        low = min(cells.items(), key=lambda kv: kv[1])
        lines.append(f"  {a}×{b}: {len(cells)} valid cells, fewest {low[1]} ({low[0][0]}×{low[0][1]}), most {max(cells.values())}")
        lines.append(f"    {'':16s}" + "".join(f"{va[:8]:>9s}" for va in DIMENSIONS[a]))
        for vb in DIMENSIONS[b]:
            name = SEPARATOR_LABELS.get(vb, vb) if b == "separator" else vb
            lines.append(f"    {name:16s}" + "".join(f"{cells[(va, vb)] if (va, vb) in cells else '.':>9}" for va in DIMENSIONS[a]))
    negs = {}
    for d in gold_docs:
        if d["negative"]:
            key = (d["negative"], d["medium"])
            negs[key] = negs.get(key, 0) + 1
    lines.append("  negatives: " + "  ".join(f"{t}/{md}={c}" for (t, md), c in sorted(negs.items())))
    pin = [d for d in gold_docs if d["pinyin"]]
    lines.append(f"  pinyin: {len(pin)} documents, {sum(len(d['pinyin']['annotations']) for d in pin)} annotations "
                 f"({sum(1 for d in pin for a in d['pinyin']['annotations'] if a['how'] == 'counterpart')} with the simplified form's reading, "
                 f"{sum(1 for d in pin for a in d['pinyin']['annotations'] if a['how'] == 'misaligned')} misaligned), "
                 f"{sum(len(d['pinyin']['parens']) for d in pin)} real parentheses")
    return "\n".join(lines)


# ---------------------------------------------------------------- scoring (only the output contract)

INPUTS = ["files", "docs.jsonl", "docs.warc.gz"]


def run_binary(binary, outdir):
    """One pagewash process over the generated corpus; {id: record}."""
    proc = subprocess.run([os.path.abspath(binary), "--quiet", *INPUTS], cwd=outdir, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 2):
        raise SystemExit(f"pagewash failed ({proc.returncode}): {proc.stderr[-2000:]}")
    records = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            rec = json.loads(line)
            records[rec["id"]] = rec
    return records


def record_id(doc):
    loc = doc["locator"]
    if "file" in loc:
        return loc["file"]
    if "jsonl_id" in loc:
        return loc["jsonl_id"]
    return "docs.warc.gz#" + loc["warc_id"]


def line_kept(line, sq_lines):
    """A must-keep line is kept when its cells (tab-separated) appear in order in one output line,
    whitespace ignored."""
    segs = [squash(x) for x in line.split("\t") if squash(x)]
    for text_line in sq_lines:
        at, ok = 0, True
        for seg in segs:
            k = text_line.find(seg, at)
            if k < 0:
                ok = False
                break
            at = k + len(seg)
        if ok:
            return True
    return False


KIND_NAMES = {"place": {"place-list"}, "keyword": {"keyword-list"}, "mixed": {"place-list", "keyword-list"}, "linkfarm": {"link-farm"}, "hidden": {"hidden-text"}}
VISIBLE_POSITIONS = set(TEXT_POSITIONS) | {"after_html"}


class Tally:
    def __init__(self):
        self.runs = self.found = self.reported = self.split = self.left = self.tp = self.fp = self.docs = self.damaged = self.kind_ok = 0

    def as_dict(self):
        d = dict(vars(self))
        d["recall"] = self.found / self.runs if self.runs else None
        d["precision"] = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        return d


def score(gold, records):
    """Scores the records against the gold; returns a JSON-able result."""
    marg = {d: {v: Tally() for v in vals} for d, vals in DIMENSIONS.items()}
    pairs = {f"{a}×{b}": {} for a, b, _ in REQUIRED_PAIRS[:4]}
    total = Tally()
    negatives = {}
    pinyin = {"docs": 0, "annotations": 0, "left": 0, "left_by_how": Counter(), "by_how": Counter(), "parens": 0, "parens_lost": 0,
              "paragraphs": 0, "paragraphs_exact": 0, "docs_clean": 0, "by_container": {}}
    missing, errors, failures = [], [], []
    for doc in gold["docs"]:
        rid = record_id(doc)
        rec = records.get(rid)
        if rec is None:
            missing.append(rid)
        elif rec.get("error"):
            errors.append({"id": rid, "error": rec["error"]})
        text = (rec or {}).get("text") or ""
        title = (rec or {}).get("title") or ""
        reports = [] if rec is None else (rec.get("spam") or [])
        sq_lines = [squash(x) for x in text.split("\n")]
        sq_text = "\n".join(sq_lines)
        rtexts = [squash(r.get("text") or "") for r in reports]
        if doc["negative"]:
            key = (doc["negative"], doc["medium"])
            n = negatives.setdefault(key, {"docs": 0, "reported": 0, "lost_line": 0, "fp_docs": 0, "examples": []})
            n["docs"] += 1
            lost = [x for x in doc["must_keep"] if not line_kept(x, sq_lines)]
            n["reported"] += bool(reports)
            n["lost_line"] += bool(lost)
            if reports or lost or rec is None:
                n["fp_docs"] += 1
                if len(n["examples"]) < 3:
                    n["examples"].append({"id": rid, "reports": [{k: r.get(k) for k in ("kind", "where", "items", "text")} for r in reports][:2], "lost": lost[:2]})
            continue
        if doc["pinyin"]:
            pin = doc["pinyin"]
            pinyin["docs"] += 1
            want = Counter(a["string"] for a in pin["annotations"])
            how = {a["string"]: a["how"] for a in pin["annotations"]}
            left = 0
            for string, c in want.items():
                k = min(c, text.count(string) + title.count(string))
                left += k
                pinyin["left_by_how"][how[string]] += k
            for a in pin["annotations"]:
                pinyin["by_how"][a["how"]] += 1
            lost_parens = [p for p in pin["parens"] if squash(p) not in sq_text]
            exact = sum(1 for p in doc["must_keep"] if line_kept(p, sq_lines))
            pinyin["annotations"] += sum(want.values())
            pinyin["left"] += left
            pinyin["parens"] += len(pin["parens"])
            pinyin["parens_lost"] += len(lost_parens)
            pinyin["paragraphs"] += len(doc["must_keep"])
            pinyin["paragraphs_exact"] += exact
            pinyin["docs_clean"] += left == 0 and not lost_parens
            bc = pinyin["by_container"].setdefault(doc["labels"]["container"], {"docs": 0, "annotations": 0, "left": 0, "parens": 0, "parens_lost": 0})
            bc["docs"] += 1
            bc["annotations"] += sum(want.values())
            bc["left"] += left
            bc["parens"] += len(pin["parens"])
            bc["parens_lost"] += len(lost_parens)
            if (left or lost_parens) and len(failures) < 400:
                failures.append({"id": rid, "what": "pinyin", "left": [s for s in want if s in text][:5], "parens_lost": lost_parens})
        if not doc["runs"]:
            continue
        labels = doc["labels"]
        cells = [marg[d][labels[d]] for d in DIMENSIONS if labels.get(d) in marg[d]]
        for a, b, _ in REQUIRED_PAIRS[:4]:
            if labels.get(a) is not None and labels.get(b) is not None:
                cells.append(pairs[f"{a}×{b}"].setdefault(f"{labels[a]}×{labels[b]}", Tally()))
        cells.append(total)
        runs_items = [sorted({squash(x) for x in run["items"] if len(squash(x)) >= 2}) for run in doc["runs"]]
        tp = sum(1 for rt in rtexts if any(any(it in rt for it in items) for items in runs_items))
        fp = len(rtexts) - tp
        damaged = not doc["pinyin"] and any(not line_kept(x, sq_lines) for x in doc["must_keep"])
        for run, items in zip(doc["runs"], runs_items):
            best, best_i = 0.0, None
            for i, rt in enumerate(rtexts):
                cov = sum(1 for it in items if it in rt) / len(items) if items else 0
                if cov > best:
                    best, best_i = cov, i
            left = [it for it in items if it in sq_text]
            reported = best >= 0.8
            union = sum(1 for it in items if any(it in rt for rt in rtexts)) / len(items) if items else 0
            split = not reported and union >= 0.8
            found = reported and (not left or run["position"] not in VISIBLE_POSITIONS)
            kind_ok = reported and reports[best_i].get("kind") in KIND_NAMES[run["kind"]]
            for c in cells:
                c.runs += 1
                c.found += found
                c.reported += reported
                c.split += split
                c.left += bool(left)
                c.kind_ok += kind_ok
            if not found and len(failures) < 400:
                failures.append({"id": rid, "what": "missed", "labels": {k: labels.get(k) for k in DIMENSIONS}, "coverage": round(best, 2),
                                 "left": left[:3], "reports": [{k: r.get(k) for k in ("kind", "where", "items")} for r in reports]})
        for c in cells:
            c.tp += tp
            c.fp += fp
            c.docs += 1
            c.damaged += damaged
        if fp and len(failures) < 400:
            failures.append({"id": rid, "what": "false-positive", "reports": [{k: r.get(k) for k in ("kind", "where", "items", "text")} for r, rt in zip(reports, rtexts)
                                                                             if not any(any(it in rt for it in items) for items in runs_items)][:2]})
    neg_out = {f"{t}/{m}": v for (t, m), v in sorted(negatives.items())}
    pinyin["left_by_how"] = dict(pinyin["left_by_how"])
    pinyin["by_how"] = dict(pinyin["by_how"])
    return {
        "split": gold["split"], "seed": gold["seed"], "documents": len(gold["docs"]), "records": len(records),
        "missing": missing, "errors": errors, "overall": total.as_dict(),
        "marginals": {d: {v: t.as_dict() for v, t in vals.items()} for d, vals in marg.items()},
        "pairs": {p: {k: t.as_dict() for k, t in sorted(v.items())} for p, v in pairs.items()},
        "negatives": neg_out, "pinyin": pinyin, "failures": failures,
    }


def fmt(x, digits=3):
    return "  -  " if x is None else f"{x:.{digits}f}"


def report(result, out=print):
    o = result["overall"]
    out(f"red-team {result['split']} (seed {result['seed']}): {result['documents']} documents, {result['records']} records, "
        f"{len(result['missing'])} missing, {len(result['errors'])} error records")
    out(f"spam runs: recall {fmt(o['recall'])} ({o['found']}/{o['runs']}; reported with >=80% of items {o['reported']}, "
        f"covered only by several reports together {o['split']}, items left in text {o['left']}, reported kind as expected {o['kind_ok']}); precision {fmt(o['precision'])} "
        f"({o['tp']} right, {o['fp']} false reports); positive docs with a paragraph lost {o['damaged']}/{o['docs']}")
    out("")
    out("columns: runs; recall; rep80 = share reported by one run covering >=80% of the items (stripped or not);")
    out("split = runs covered only by several reports together; left = runs with an item left in text;")
    out("prec = reports matching a gold run / all reports on these documents; fp = false reports; lost¶ = documents that lost a paragraph")
    out(f"{'cell':24s} {'runs':>5s} {'recall':>6s} {'rep80':>6s} {'split':>5s} {'left':>5s} {'prec':>6s} {'fp':>4s} {'lost¶':>5s}")
    for dim, vals in result["marginals"].items():
        out(f"-- {dim}")
        for v, t in vals.items():
            name = SEPARATOR_LABELS.get(v, v) if dim == "separator" else v
            rep = t["reported"] / t["runs"] if t["runs"] else None
            out(f"  {name:22s} {t['runs']:5d} {fmt(t['recall']):>6s} {fmt(rep):>6s} {t['split']:5d} {t['left']:5d} {fmt(t['precision']):>6s} {t['fp']:4d} {t['damaged']:5d}")
    for pair, cells in result["pairs"].items():
        a, b = pair.split("×")
        out("")
        out(f"recall by {pair} (rows {b}, columns {a}; '.' = no such cell)")
        cols = DIMENSIONS[a]
        out(f"  {'':16s}" + "".join(f"{c[:8]:>9s}" for c in cols))
        for vb in DIMENSIONS[b]:
            row = []
            for va in cols:
                t = cells.get(f"{va}×{vb}")
                row.append(f"{fmt(t['recall'], 2):>5s}/{t['runs']:<3d}" if t and t["runs"] else f"{'.':>9s}")
            name = SEPARATOR_LABELS.get(vb, vb) if b == "separator" else vb
            out(f"  {name:16s}" + "".join(f"{x:>9s}" for x in row))
        noisy = [f"{k} {t['fp']}" for k, t in cells.items() if t["fp"]]
        out("  cells with false reports: " + (", ".join(noisy) if noisy else "none"))
    out("")
    out("hard negatives (documents with a spam report or a legitimate line lost / documents)")
    out(f"  {'type':18s} {'text':>16s} {'html':>16s}")
    types = sorted({k.split('/')[0] for k in result["negatives"]}, key=NEGATIVE_TYPES.index)
    for t in types:
        cols = []
        for medium in ("text", "html"):
            v = result["negatives"].get(f"{t}/{medium}")
            cols.append(f"{v['reported']}+{v['lost_line']}/{v['docs']} ({v['fp_docs'] / v['docs']:.1%})" if v else "-")
        out(f"  {t:18s} {cols[0]:>16s} {cols[1]:>16s}")
    p = result["pinyin"]
    out("")
    if p["docs"]:
        out(f"pinyin-annotated traditional pages: {p['docs']} documents, annotations left {p['left']}/{p['annotations']} "
            f"(by kind: " + ", ".join(f"{h} {p['left_by_how'].get(h, 0)}/{n}" for h, n in sorted(p["by_how"].items())) + "), "
            f"real parentheses lost {p['parens_lost']}/{p['parens']}, paragraphs restored exactly {p['paragraphs_exact']}/{p['paragraphs']}, "
            f"documents fully clean {p['docs_clean']}/{p['docs']}")
        out("  by container: " + "  ".join(f"{c} left {v['left']}/{v['annotations']} parens lost {v['parens_lost']}/{v['parens']}" for c, v in sorted(p["by_container"].items())))


def evaluate(binary, split, seed=None, json_path=None, keep_dir=None, scale=1.0, out=print):
    """Generate the split into a temp dir (or keep_dir), run pagewash once, score and print."""
    tmp = keep_dir or tempfile.mkdtemp(prefix=f"pagewash-redteam-{split}-")
    try:
        gold = generate(split, seed, tmp, scale=scale, log=lambda s: None)
        records = run_binary(binary, tmp)
        result = score(gold, records)
        report(result, out)
        if json_path:
            with open(json_path, "w", encoding="utf-8") as f:
                json.dump(result, f, ensure_ascii=False, indent=1)
        return result
    finally:
        if not keep_dir:
            shutil.rmtree(tmp, ignore_errors=True)
