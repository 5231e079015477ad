//! Encoding labels: the WHATWG label table (through encoding_rs) plus the non-standard names
//! real pages and servers declare (`cp936`, `ms950`, `big5hkscs`, `iso8859_1`, `win-1251`…).

use encoding_rs::{
    BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, MACINTOSH, SHIFT_JIS, UTF_8, WINDOWS_874, WINDOWS_1250, WINDOWS_1251,
    WINDOWS_1252, WINDOWS_1253, WINDOWS_1254, WINDOWS_1255, WINDOWS_1256, WINDOWS_1257, WINDOWS_1258, X_MAC_CYRILLIC,
};

/// Aliases met on real pages that are not WHATWG labels, after [`normalize`] (lower case,
/// `_` → `-`, no spaces or quotes).
const ALIASES: &[(&str, &Encoding)] = &[
    // Simplified Chinese: Microsoft code page 936 is GBK.
    ("cp936", GBK),
    ("ms936", GBK),
    ("windows-936", GBK),
    ("win936", GBK),
    ("gb-2312", GBK),
    ("gb2312-80", GBK),
    ("gbk2312", GBK),
    ("gb-k", GBK),
    ("x-gb2312", GBK),
    ("euc-gb", GBK),
    ("gb18030-2000", GB18030),
    ("gb18030-2005", GB18030),
    ("gb18030-2022", GB18030),
    ("gb-18030", GB18030),
    // Traditional Chinese: code page 950 and the Hong Kong supplement are Big5 in WHATWG.
    ("cp950", BIG5),
    ("ms950", BIG5),
    ("windows-950", BIG5),
    ("big-5", BIG5),
    ("big5hkscs", BIG5),
    ("big5-hkscs-2004", BIG5),
    ("big5-hkscs-2008", BIG5),
    ("big5-hkscs:2004", BIG5),
    ("big5-hkscs:2008", BIG5),
    ("hkscs", BIG5),
    ("hkscs-big5", BIG5),
    ("big5-eten", BIG5),
    ("x-big5-hkscs", BIG5),
    // Japanese.
    ("shift-jis", SHIFT_JIS),
    ("s-jis", SHIFT_JIS),
    ("x-shift-jis", SHIFT_JIS),
    ("cp932", SHIFT_JIS),
    ("windows-932", SHIFT_JIS),
    ("sjis-open", SHIFT_JIS),
    ("sjis-win", SHIFT_JIS),
    ("eucjp", EUC_JP),
    ("euc-jp-ms", EUC_JP),
    ("eucjp-win", EUC_JP),
    ("eucjp-ms", EUC_JP),
    ("x-eucjp", EUC_JP),
    // Korean: code page 949 (Unified Hangul Code) is WHATWG EUC-KR.
    ("cp949", EUC_KR),
    ("ms949", EUC_KR),
    ("windows-949", EUC_KR),
    ("uhc", EUC_KR),
    ("euckr", EUC_KR),
    ("x-euc-kr", EUC_KR),
    ("ks-c-5601", EUC_KR),
    // Unicode.
    ("utf-8n", UTF_8),
    ("utf8mb4", UTF_8),
    ("utf-8mb4", UTF_8),
    ("x-utf-8", UTF_8),
    ("x-utf8", UTF_8),
    ("utf", UTF_8),
    ("unicode-utf-8", UTF_8),
    // Western.
    ("latin-1", WINDOWS_1252),
    ("iso-latin-1", WINDOWS_1252),
    ("iso8859", WINDOWS_1252),
    ("iso-8859", WINDOWS_1252),
    ("ansi", WINDOWS_1252),
    ("tis620", WINDOWS_874),
    // Mac.
    ("maccyrillic", X_MAC_CYRILLIC),
    ("mac-cyrillic", X_MAC_CYRILLIC),
    ("x-maccyrillic", X_MAC_CYRILLIC),
    ("cp10007", X_MAC_CYRILLIC),
    ("macroman", MACINTOSH),
    ("mac-roman", MACINTOSH),
    ("x-mac-roman", MACINTOSH),
    ("cp10000", MACINTOSH),
];

/// Resolves a declared label to an encoding: the WHATWG table first (which trims ASCII
/// whitespace and ignores case), then the real-world aliases and spelling variants.
pub fn resolve(label: &str) -> Option<&'static Encoding> {
    if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
        return Some(encoding);
    }
    let normalized = normalize(label);
    if normalized.is_empty() {
        return None;
    }
    if let Some(encoding) = Encoding::for_label(normalized.as_bytes()) {
        return Some(encoding);
    }
    if let Some((_, encoding)) = ALIASES.iter().find(|(alias, _)| *alias == normalized) {
        return Some(encoding);
    }
    spelling_variant(&normalized)
}

/// Lower case, surrounding quotes, spaces and `;,` removed, `_` and spaces inside as `-`.
fn normalize(label: &str) -> String {
    let trimmed = label.trim_matches(|c: char| c.is_ascii_whitespace() || matches!(c, '"' | '\'' | ';' | ',' | '`'));
    let trimmed = trimmed
        .strip_prefix("charset=")
        .or_else(|| trimmed.strip_prefix("CHARSET="))
        .unwrap_or(trimmed);
    trimmed
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// `iso8859-5`, `iso-88595`, `win-1251`, `windows1251`, `cp-1252`, `ms-1250`: the number is what
/// counts.
fn spelling_variant(label: &str) -> Option<&'static Encoding> {
    let compact: String = label.chars().filter(|c| *c != '-').collect();
    if let Some(part) = compact.strip_prefix("iso8859") {
        return Encoding::for_label(format!("iso-8859-{part}").as_bytes());
    }
    for prefix in ["windows", "win", "cp", "ms", "x-cp"] {
        if let Some(number) = compact.strip_prefix(prefix) {
            return match number {
                "1250" => Some(WINDOWS_1250),
                "1251" => Some(WINDOWS_1251),
                "1252" => Some(WINDOWS_1252),
                "1253" => Some(WINDOWS_1253),
                "1254" => Some(WINDOWS_1254),
                "1255" => Some(WINDOWS_1255),
                "1256" => Some(WINDOWS_1256),
                "1257" => Some(WINDOWS_1257),
                "1258" => Some(WINDOWS_1258),
                "874" => Some(WINDOWS_874),
                "936" => Some(GBK),
                "950" => Some(BIG5),
                "949" => Some(EUC_KR),
                "932" => Some(SHIFT_JIS),
                "65001" => Some(UTF_8),
                _ => None,
            };
        }
    }
    if let Some(rest) = compact.strip_prefix("utf8") {
        // `utf8;` leftovers and `utf8-bom`-style suffixes.
        if rest.is_empty() || rest == "bom" || rest == "nobom" {
            return Some(UTF_8);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatwg_labels() {
        assert_eq!(resolve("gb2312"), Some(GBK));
        assert_eq!(resolve(" GB2312 "), Some(GBK));
        assert_eq!(resolve("gb_2312"), Some(GBK));
        assert_eq!(resolve("x-sjis"), Some(SHIFT_JIS));
        assert_eq!(resolve("utf8"), Some(UTF_8));
        assert_eq!(resolve("big5-hkscs"), Some(BIG5));
        assert_eq!(resolve("latin1"), Some(WINDOWS_1252));
        assert_eq!(resolve("iso-8859-1"), Some(WINDOWS_1252));
        assert_eq!(resolve("ks_c_5601-1987"), Some(EUC_KR));
        assert_eq!(resolve("tis-620"), Some(WINDOWS_874));
        assert_eq!(resolve("koi8"), Some(encoding_rs::KOI8_R));
    }

    #[test]
    fn real_world_aliases() {
        for label in [
            "cp936",
            "CP936",
            "ms936",
            "windows-936",
            "gb-2312",
            "GB2312-80",
            "x-gb2312",
        ] {
            assert_eq!(resolve(label), Some(GBK), "{label}");
        }
        for label in [
            "cp950",
            "MS950",
            "windows-950",
            "big5hkscs",
            "big5_hkscs",
            "BIG5-HKSCS:2004",
            "hkscs",
        ] {
            assert_eq!(resolve(label), Some(BIG5), "{label}");
        }
        for label in ["cp932", "shift-jis", "Shift_JIS", "s-jis", "windows-932"] {
            assert_eq!(resolve(label), Some(SHIFT_JIS), "{label}");
        }
        for label in ["cp949", "uhc", "euckr", "EUC_KR"] {
            assert_eq!(resolve(label), Some(EUC_KR), "{label}");
        }
        assert_eq!(resolve("eucjp"), Some(EUC_JP));
        assert_eq!(resolve("gb18030-2005"), Some(GB18030));
        assert_eq!(resolve("MacCyrillic"), Some(X_MAC_CYRILLIC));
        assert_eq!(resolve("x-mac-cyrillic"), Some(X_MAC_CYRILLIC));
        assert_eq!(resolve("MacRoman"), Some(MACINTOSH));
        for label in [
            "UTF-8N",
            "utf8mb4",
            "utf_8",
            "'utf-8'",
            "\"UTF-8\";",
            "charset=utf-8",
            "cp65001",
        ] {
            assert_eq!(resolve(label), Some(UTF_8), "{label}");
        }
    }

    #[test]
    fn spelling_variants() {
        assert_eq!(resolve("iso8859_5"), Some(encoding_rs::ISO_8859_5));
        assert_eq!(resolve("ISO8859-2"), Some(encoding_rs::ISO_8859_2));
        assert_eq!(resolve("iso88597"), Some(encoding_rs::ISO_8859_7));
        assert_eq!(resolve("win-1251"), Some(WINDOWS_1251));
        assert_eq!(resolve("windows1251"), Some(WINDOWS_1251));
        assert_eq!(resolve("cp-1250"), Some(WINDOWS_1250));
        assert_eq!(resolve("win874"), Some(WINDOWS_874));
    }

    #[test]
    fn unknown_labels() {
        assert_eq!(resolve(""), None);
        assert_eq!(resolve("text/html"), None);
        assert_eq!(resolve("utf-9"), None);
        assert_eq!(resolve("cp1259"), None);
        assert_eq!(resolve("iso8859-99"), None);
        assert_eq!(resolve("windows"), None);
        assert_eq!(resolve("none"), None);
    }
}
