"""Character-bigram models of the languages written in legacy single-byte code pages, for
choosing among the code pages (src/decode/legacy.rs). Run by scripts/train-legacy-model, which
installs the pinned packages this reads.

Text per language, generated from registry packages (nothing scraped):
  - CLDR's localized strings as babel ships them: names of languages, territories, scripts,
    currencies (with plural forms), time zones and cities, units with numbers, months, days,
    relative date fields, list patterns; dates, numbers, percentages and amounts of money
    formatted the locale's way (Unicode License v3; babel BSD-3-Clause);
  - faker's per-locale person names, addresses, companies, jobs, colours and, for locales with
    their own word list, sentences (MIT), seeded for reproducibility.

The text is written as the code pages hold it: NFC, but Vietnamese with the tone marks that
windows-1258 keeps as combining characters, Romanian also with the cedilla forms (ş ţ) that
windows-1250 and ISO-8859-2 offer instead of ș ț.

Model (see legacy.rs): characters folded (lower case, digits → 0, white space → space);
unigram counts of every folded character; bigram counts of pairs with a non-ASCII character
(the only pairs in which code pages differ); a 3×3 table of letter-case transitions; and the
code pages able to write the language (≥ 99 % of its non-ASCII letters).
"""
import collections
import datetime
import random
import sys
import unicodedata

import babel
from babel import Locale, dates, numbers
from faker import Faker

from vietnamese import to_cp1258

# (model name, babel locale, faker locales, text transform)
LANGUAGES = [
    ("en", "en_GB", ["en_GB", "en_US"], None),
    ("fr", "fr", ["fr_FR"], None),
    ("de", "de", ["de_DE", "de_AT"], None),
    ("es", "es", ["es_ES"], None),
    ("pt", "pt", ["pt_PT", "pt_BR"], None),
    ("it", "it", ["it_IT"], None),
    ("nl", "nl", ["nl_NL"], None),
    ("da", "da", ["da_DK"], None),
    ("sv", "sv", ["sv_SE"], None),
    ("nb", "nb", ["no_NO"], None),
    ("fi", "fi", ["fi_FI"], None),
    ("is", "is", ["is_IS"], None),
    ("ga", "ga", ["ga_IE"], None),
    ("ca", "ca", [], None),
    ("gl", "gl", [], None),
    ("eu", "eu", [], None),
    ("af", "af", [], None),
    ("sq", "sq", [], None),
    ("et", "et", ["et_EE"], None),
    ("pl", "pl", ["pl_PL"], None),
    ("cs", "cs", ["cs_CZ"], None),
    ("sk", "sk", ["sk_SK"], None),
    ("sl", "sl", ["sl_SI"], None),
    ("hr", "hr", ["hr_HR"], None),
    ("bs", "bs", [], None),
    ("sr-Latn", "sr_Latn", [], None),
    ("hu", "hu", ["hu_HU"], None),
    ("ro", "ro", ["ro_RO"], None),
    ("ro-cedilla", "ro", ["ro_RO"], "cedilla"),
    ("tr", "tr", ["tr_TR"], None),
    ("lt", "lt", ["lt_LT"], None),
    ("lv", "lv", ["lv_LV"], None),
    ("el", "el", ["el_GR"], None),
    ("vi", "vi", ["vi_VN"], "cp1258"),
]

# Code pages the model chooses among: (name in pagewash, Python codec).
CODE_PAGES = [
    ("windows-1250", "cp1250"),
    ("windows-1252", "cp1252"),
    ("windows-1253", "cp1253"),
    ("windows-1254", "cp1254"),
    ("windows-1257", "cp1257"),
    ("windows-1258", "cp1258"),
    ("ISO-8859-2", "iso8859_2"),
    ("ISO-8859-4", "iso8859_4"),
    ("ISO-8859-7", "iso8859_7"),
    ("ISO-8859-13", "iso8859_13"),
    ("IBM437", "cp437"),
    ("IBM775", "cp775"),
    ("IBM850", "cp850"),
    ("IBM852", "cp852"),
    ("IBM857", "cp857"),
    ("IBM869", "cp869"),
]

# Sections of CLDR data that are text (not patterns of format codes).
CLDR_TEXT = [
    "territories", "languages", "variants", "scripts", "time_zones", "meta_zones", "months",
    "days", "quarters", "eras", "day_periods", "date_fields", "currency_names",
    "currency_names_plural", "currency_unit_patterns", "unit_patterns", "compound_unit_patterns",
    "unit_display_names", "list_patterns", "measurement_systems",
]
FAKER_PROVIDERS = {
    "name": "person", "address": "address", "company": "company", "job": "job",
    "color_name": "color", "sentence": "lorem",
}
CURRENCIES = ["EUR", "USD", "GBP", "CHF", "JPY"]

# Quotation marks (CLDR's delimiters, which babel does not ship): primary and alternate pairs.
QUOTES = {
    "en": ["“”", "‘’"], "fr": ["«»", "“”"], "de": ["„“", "‚‘", "»«"], "es": ["«»", "“”"],
    "pt": ["“”", "«»"], "it": ["«»", "“”"], "nl": ["“”", "‘’"], "da": ["“”", "»«"], "sv": ["””", "’’"],
    "nb": ["«»", "‘’"], "fi": ["””", "’’"], "is": ["„“", "‚‘"], "ga": ["“”", "‘’"], "ca": ["«»", "“”"],
    "gl": ["«»", "“”"], "eu": ["«»", "“”"], "af": ["“”", "‘’"], "sq": ["«»", "“”"], "et": ["„“", "«»"],
    "pl": ["„”", "«»"], "cs": ["„“", "‚‘"], "sk": ["„“", "‚‘"], "sl": ["„“", "»«"], "hr": ["„“", "»«"],
    "bs": ["„“", "»«"], "sr-Latn": ["„“", "‘’"], "hu": ["„”", "»«"], "ro": ["„”", "«»"],
    "ro-cedilla": ["„”", "«»"], "tr": ["“”", "‘’"], "lt": ["„“", "‚‘"], "lv": ["“”", "„“"],
    "el": ["«»", "“”"], "vi": ["“”", "‘’"],
}


def strings(value):
    """Every string inside a CLDR data tree."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings(v)
    elif hasattr(value, "items"):
        for _, v in value.items():
            yield from strings(v)


def fill(pattern, rng, words):
    """`{0} km` → `17 km`; `{0}, {1}` → two words."""
    out = pattern
    for i in range(4):
        key = "{%d}" % i
        if key in out:
            out = out.replace(key, str(rng.choice([1, 2, 3, 5, 12, 17, 25, 40, 100, 825, 2024]))
                              if rng.random() < 0.6 or not words else rng.choice(words))
    return out


def cldr_text(locale_id, rng):
    locale = Locale.parse(locale_id)
    data = locale._data
    words = [s for s in strings(data["territories"]) if " " not in s][:200]
    out = []
    for section in CLDR_TEXT:
        try:
            tree = data[section]
        except KeyError:
            continue
        for s in strings(tree):
            if "{" in s:
                s = fill(s, rng, words)
            out.append(s)
    for _ in range(400):
        day = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(15000))
        out.append(dates.format_date(day, rng.choice(["full", "long", "medium"]), locale=locale))
    for _ in range(400):
        amount = rng.choice([rng.randrange(1, 100), rng.randrange(100, 100000) / 100, rng.randrange(1000, 10**7)])
        currency = rng.choice(CURRENCIES)
        local = numbers.get_territory_currencies(locale.territory) if locale.territory else []
        if local and rng.random() < 0.5:
            currency = local[0]
        out.append(numbers.format_currency(amount, currency, locale=locale))
        out.append(numbers.format_decimal(amount, locale=locale))
        out.append(numbers.format_percent(rng.random(), locale=locale))
    return out


def faker_text(locales, rng):
    import faker as faker_package
    import os
    providers_dir = os.path.join(os.path.dirname(faker_package.__file__), "providers")
    out = []
    for loc in locales:
        fake = Faker(loc)
        fake.seed_instance(rng.randrange(1 << 30))
        for method, provider in FAKER_PROVIDERS.items():
            # Only a provider of the locale's own: others fall back to English or Latin.
            if not os.path.isdir(os.path.join(providers_dir, provider, loc)):
                continue
            n = 3000 if method == "sentence" else 1500
            for _ in range(n // len(locales)):
                out.append(getattr(fake, method)().replace("\n", ", "))
    return out


def transform(text, kind):
    text = unicodedata.normalize("NFC", text)
    if kind == "cp1258":
        return to_cp1258(text)
    if kind == "cedilla":
        return text.translate(str.maketrans("șțȘȚ", "şţŞŢ"))
    return text


def writable_in(text, repertoires):
    """The code pages that have every letter of the language's alphabet beyond ASCII: letters
    making up at least 2 % of its non-ASCII letters (rarer ones are foreign names). A language
    hardly writing any (under 0.5 % of its letters, as English) is written in every page."""
    letters = collections.Counter(
        fold(c) for c in text if unicodedata.category(c)[0] in "LM"
    )
    non_ascii = {c: n for c, n in letters.items() if ord(c) >= 0x80}
    total = sum(non_ascii.values())
    if total < 0.005 * sum(letters.values()):
        return list(repertoires)
    core = [c for c, n in non_ascii.items() if n >= 0.02 * total]
    return [page for page, chars in repertoires.items() if all(c in chars for c in core)]


def typeset(name, items, rng):
    """Running text from the items, with the typography real pages have and the generated
    strings lack: sentences ending in full stops, ellipses and question marks, items in the
    language's quotation marks, dashes and bullets between them, typographic apostrophes, marks
    after names. Every language gets the same treatment but its own quotation marks."""
    quotes = QUOTES[name]
    out = []
    for item in items:
        if not item:
            continue
        item = item.replace("'", "’") if rng.random() < 0.7 else item
        r = rng.random()
        if r < 0.06:
            q = quotes[0] if rng.random() < 0.7 else quotes[1]
            item = q[0] + item + q[1]
        elif r < 0.08:
            item = item + rng.choice(["®", "™", " ©"])
        elif r < 0.09:
            item = rng.choice(["© ", "§ ", "• ", "· "]) + item
        out.append(item)
        r = rng.random()
        if r < 0.25:
            out.append(rng.choice([".", ".", ".", ",", ",", ";", ":", "?", "!", "…", "..."]))
        elif r < 0.30:
            out.append(rng.choice([" –", " —", " -", "—"]))
        elif r < 0.40 and " " in item:
            # An apostrophe between words, as elision writes it (l’état, σ’ένα, απ’ τον).
            out[-1] = item.replace(" ", rng.choice(["’", "’", "’ ", "'"]), 1)
        out.append(" " if rng.random() < 0.9 else "\n")
    return "".join(out)


def fold(c):
    """As legacy.rs folds: white space (Unicode's White_Space) as a space, ASCII digits as 0,
    letters in lower case where that is one character."""
    if c.isspace() and c not in "\x1c\x1d\x1e\x1f":
        return " "
    if "0" <= c <= "9":
        return "0"
    lower = c.lower()
    return lower if len(lower) == 1 else c


def case_class(c):
    """As legacy.rs: 0 lower case, 1 upper case, 2 anything else."""
    if c.islower():
        return 0
    if c.isupper():
        return 1
    return 2


def main():
    out_path = sys.argv[1]
    lines = [
        "# Generated by scripts/train-legacy-model from CLDR (via babel %s, Unicode License v3) and" % babel.__version__,
        "# faker (MIT) text; see src/decode/data/README.md. Do not edit.",
        "# @ LANG CODE-PAGES…: a language and the code pages that can write it",
        "# c N×9: letter-case transitions (lower, upper, other) × (lower, upper, other)",
        "# u CHAR N: occurrences of a folded character; b PAIR N: occurrences of a pair",
    ]
    repertoires = {}
    for name, codec in CODE_PAGES:
        chars = set()
        for b in range(0x80, 0x100):
            try:
                chars.add(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                pass
        repertoires[name] = {fold(c) for c in chars}
    for name, locale_id, faker_locales, kind in LANGUAGES:
        rng = random.Random(name)
        items = cldr_text(locale_id, rng) + faker_text(faker_locales, rng)
        rng.shuffle(items)
        text = transform(typeset(name, items, rng), kind)
        pages = writable_in(text, repertoires)
        unigrams = collections.Counter(fold(c) for c in text)
        bigrams = collections.Counter()
        cases = [0] * 9
        for a, b in zip(text, text[1:]):
            fa, fb = fold(a), fold(b)
            if ord(fa) >= 0x80 or ord(fb) >= 0x80:
                bigrams[fa + fb] += 1
            cases[case_class(a) * 3 + case_class(b)] += 1
        print(f"{name}: {len(text)} chars, {len(unigrams)} characters, {len(bigrams)} pairs, pages {pages}",
              file=sys.stderr)
        lines.append("@ " + " ".join([name] + pages))
        lines.append("c " + " ".join(map(str, cases)))
        for c, n in sorted(unigrams.items(), key=lambda x: (-x[1], x[0])):
            lines.append(f"u {c}\t{n}")
        for pair, n in sorted(bigrams.items(), key=lambda x: (-x[1], x[0])):
            if n >= 2:
                lines.append(f"b {pair}\t{n}")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
