"""WHATWG (and pagewash's extra) encoding names -> the Python codec that decodes the same way
(used by scripts/eval-legacy-pages to write pieces and to score guesses)."""

CODECS = {
    "UTF-8": "utf-8", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be",
    "GBK": "gb18030", "gb18030": "gb18030", "Big5": "big5hkscs", "Shift_JIS": "cp932",
    "EUC-JP": "euc_jp", "ISO-2022-JP": "iso2022_jp", "EUC-KR": "cp949",
    "KOI8-R": "koi8_r", "KOI8-U": "koi8_u", "IBM866": "cp866", "x-mac-cyrillic": "mac_cyrillic",
    "windows-874": "cp874", "macintosh": "mac_roman", "ISO-8859-8-I": "iso8859_8",
    "IBM437": "cp437", "IBM775": "cp775", "IBM850": "cp850", "IBM852": "cp852",
    "IBM855": "cp855", "IBM857": "cp857", "IBM869": "cp869",
}
CODECS.update({f"windows-{n}": f"cp{n}" for n in range(1250, 1259)})
CODECS.update({f"ISO-8859-{n}": f"iso8859_{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)})

# What a piece is written with: the strict codec where the decoding one is a superset.
WRITE = dict(CODECS, GBK="gbk", Big5="big5")
