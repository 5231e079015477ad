//! Chinese script: which script a text is written in ([`classify`]) and conversion to
//! simplified characters ([`convert`], `--script simplified`).
//!
//! Classification counts only characters that exist in one script: `說` is traditional-only,
//! `说` simplified-only, while `干`, `台`, `于`, `后` are written in both and count for neither.
//! The two character lists (`data/han_script.txt`) are derived from OpenCC's character tables
//! (Apache-2.0) by `data/make_script_tables.py`. Conversion uses OpenCC's dictionaries through
//! the `ferrous-opencc` crate (Apache-2.0, phrase-aware).

use std::borrow::Cow;
use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// The script of Chinese text in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Script {
    /// As found.
    #[default]
    Keep,
    /// Converted to simplified characters.
    Simplified,
}

/// The script a piece of Chinese text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HanScript {
    /// Simplified characters only (a stray traditional one among many tolerated).
    Simplified,
    /// Traditional characters only (a stray simplified one among many tolerated).
    Traditional,
    /// Both scripts in comparable measure.
    Mixed,
    /// No character that tells the scripts apart (no Chinese, or only shared characters).
    None,
}

impl HanScript {
    /// ISO 15924 code (`Hans`, `Hant`), `mixed`, or `None`.
    pub fn code(self) -> Option<&'static str> {
        match self {
            HanScript::Simplified => Some("Hans"),
            HanScript::Traditional => Some("Hant"),
            HanScript::Mixed => Some("mixed"),
            HanScript::None => None,
        }
    }
}

/// How many script-specific characters a text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScriptCounts {
    pub simplified: usize,
    pub traditional: usize,
}

impl ScriptCounts {
    /// The verdict: the minority script may make up at most a tenth of the majority (a
    /// traditional name quoted in simplified text, a character the tables list for one script
    /// that some writers use in the other) before the text counts as mixed.
    pub fn script(self) -> HanScript {
        let ScriptCounts {
            simplified,
            traditional,
        } = self;
        match (simplified, traditional) {
            (0, 0) => HanScript::None,
            (s, t) if t * 10 <= s => HanScript::Simplified,
            (s, t) if s * 10 <= t => HanScript::Traditional,
            _ => HanScript::Mixed,
        }
    }
}

/// Counts the simplified-only and traditional-only characters of `text`.
pub fn count(text: &str) -> ScriptCounts {
    let tables = &*TABLES;
    let mut counts = ScriptCounts::default();
    for c in text.chars() {
        if (c as u32) < FIRST_HAN {
            continue;
        }
        match tables.class(c) {
            Some(HanScript::Simplified) => counts.simplified += 1,
            Some(HanScript::Traditional) => counts.traditional += 1,
            _ => {}
        }
    }
    counts
}

/// The script `text` is written in, judged by the characters only one script has.
pub fn classify(text: &str) -> HanScript {
    count(text).script()
}

/// Converts `text` to the requested script. Text without Han characters, or that the
/// conversion leaves alone, is returned borrowed.
pub fn convert(text: &str, script: Script) -> Cow<'_, str> {
    match script {
        Script::Keep => Cow::Borrowed(text),
        Script::Simplified => {
            if !text.chars().any(is_han) {
                return Cow::Borrowed(text);
            }
            // Text written wholly in traditional script also gets the Taiwan-variant reversal
            // (著→着 outside 著作/顯著…, 裏→里); it is not applied to simplified or mixed text,
            // where it would turn a simplified 么 into 幺.
            let converter = match classify(text) {
                HanScript::Traditional => &*TW_TO_SIMPLIFIED,
                _ => &*TO_SIMPLIFIED,
            };
            let converted = match converter {
                Some(converter) => converter.convert(text),
                None => return Cow::Borrowed(text),
            };
            if converted == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(converted)
            }
        }
    }
}

/// Whether `text` has a Han character ([`is_han`]). Every one is at U+3400 or above, so its
/// UTF-8 starts with a byte E3 or above: text without such a byte (Western text, its curly
/// quotes and dashes E2 xx xx included) is answered by a byte scan, without decoding.
pub fn has_han(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xE3) && text.chars().any(is_han)
}

/// Whether `c` is a CJK unified or compatibility ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

const FIRST_HAN: u32 = 0x3400;
/// The tables cover the BMP ideographs and extension B–G.
const TABLE_END: u32 = 0x32000;

/// Bitsets over code points `FIRST_HAN..TABLE_END` of the simplified-only and
/// traditional-only characters.
struct Tables {
    simplified: Vec<u64>,
    traditional: Vec<u64>,
}

impl Tables {
    fn load() -> Tables {
        let words = ((TABLE_END - FIRST_HAN) as usize).div_ceil(64);
        let mut tables = Tables {
            simplified: vec![0; words],
            traditional: vec![0; words],
        };
        let mut lines = HAN_SCRIPT_DATA.lines().filter(|line| !line.starts_with('#'));
        let simplified = lines.next().unwrap_or_default();
        let traditional = lines.next().unwrap_or_default();
        for (set, chars) in [
            (&mut tables.simplified, simplified),
            (&mut tables.traditional, traditional),
        ] {
            for c in chars.chars() {
                let code = c as u32;
                if (FIRST_HAN..TABLE_END).contains(&code) {
                    let bit = (code - FIRST_HAN) as usize;
                    set[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        tables
    }

    fn class(&self, c: char) -> Option<HanScript> {
        let code = c as u32;
        if !(FIRST_HAN..TABLE_END).contains(&code) {
            return None;
        }
        let bit = (code - FIRST_HAN) as usize;
        let mask = 1u64 << (bit % 64);
        if self.simplified[bit / 64] & mask != 0 {
            Some(HanScript::Simplified)
        } else if self.traditional[bit / 64] & mask != 0 {
            Some(HanScript::Traditional)
        } else {
            None
        }
    }
}

const HAN_SCRIPT_DATA: &str = include_str!("data/han_script.txt");

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

/// OpenCC `t2s`: OpenCC's traditional characters and phrases to simplified. `None` only if
/// the crate's embedded configuration failed to load, which its own tests rule out; text then
/// passes through unconverted rather than the program stopping.
static TO_SIMPLIFIED: LazyLock<Option<OpenCC>> = LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());
/// OpenCC `tw2s`: Taiwan-standard traditional to simplified.
static TW_TO_SIMPLIFIED: LazyLock<Option<OpenCC>> = LazyLock::new(|| OpenCC::from_config(BuiltinConfig::Tw2s).ok());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_found_by_the_byte_scan_as_by_the_characters() {
        let mut buffer = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let one = c.encode_utf8(&mut buffer);
            assert_eq!(has_han(one), is_han(c), "{c:?}");
        }
        for text in [
            "",
            "plain",
            "“quotes” — dash",
            "中文",
            "a\u{3400}",
            "\u{33FF}\u{FF01}",
            "𠀀",
        ] {
            assert_eq!(has_han(text), text.chars().any(is_han), "{text:?}");
        }
    }

    #[test]
    fn classifies_by_script_specific_characters() {
        assert_eq!(classify("国务院新闻办公室发布会"), HanScript::Simplified);
        assert_eq!(classify("國務院新聞辦公室發佈會"), HanScript::Traditional);
        assert_eq!(classify("中华人民共和国"), HanScript::Simplified);
        assert_eq!(classify("中華人民共和國"), HanScript::Traditional);
        // Characters both scripts write decide nothing.
        assert_eq!(classify("中文的人大"), HanScript::None);
        assert_eq!(classify("干于台后"), HanScript::None);
        assert_eq!(classify("hello, world"), HanScript::None);
        assert_eq!(classify(""), HanScript::None);
        assert_eq!(classify("说說发發国國"), HanScript::Mixed);
    }

    #[test]
    fn a_simplified_list_under_a_traditional_article_is_told_apart() {
        let article = "葫蘆島市委書記說，這項產業發展規劃將在今年內實現。";
        let list = "绥中县 兴城市 建昌县 连山区 龙港区 南票区";
        assert_eq!(classify(article), HanScript::Traditional);
        assert_eq!(classify(list), HanScript::Simplified);
        assert_eq!(classify(&format!("{article}{list}")), HanScript::Mixed);
    }

    #[test]
    fn a_stray_character_of_the_other_script_is_tolerated() {
        let text = "国务院新闻办公室发布会上，发言人说，经济运行总体平稳，就业形势稳定，这是一个後";
        assert_eq!(classify(text), HanScript::Simplified);
        assert_eq!(HanScript::Simplified.code(), Some("Hans"));
        assert_eq!(HanScript::None.code(), None);
    }

    #[test]
    fn converts_to_simplified() {
        assert_eq!(convert("國務院新聞辦公室", Script::Simplified), "国务院新闻办公室");
        assert_eq!(convert("司鵬飛說：產業發展", Script::Simplified), "司鹏飞说：产业发展");
        // Phrase-aware: 乾 stays in 乾隆, becomes 干 in 乾燥.
        assert_eq!(convert("乾隆年間，天氣乾燥", Script::Simplified), "乾隆年间，天气干燥");
        // Taiwan variants in traditional text.
        assert_eq!(
            convert("他說著話，著作等身。", Script::Simplified),
            "他说着话，著作等身。"
        );
        // Simplified text keeps its 么.
        assert_eq!(convert("什么东西", Script::Simplified), "什么东西");
    }

    #[test]
    fn conversion_borrows_when_nothing_changes() {
        assert!(matches!(convert("國務院", Script::Keep), Cow::Borrowed(_)));
        assert!(matches!(
            convert("plain text, €5", Script::Simplified),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            convert("国务院新闻办公室", Script::Simplified),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn tables_agree_with_the_converter() {
        // Every traditional-only character is changed by t2s; no simplified-only one is.
        let data: Vec<&str> = HAN_SCRIPT_DATA.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(data[0].chars().count() > 3000 && data[1].chars().count() > 3000);
        let mut buffer = [0u8; 4];
        for c in data[1].chars() {
            let s = c.encode_utf8(&mut buffer);
            assert_ne!(convert(s, Script::Simplified), *s, "{c} is listed traditional-only");
        }
        for c in data[0].chars() {
            let s = c.encode_utf8(&mut buffer);
            assert_eq!(convert(s, Script::Simplified), *s, "{c} is listed simplified-only");
        }
    }
}
