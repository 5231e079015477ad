//! Pinyin annotations: `產(chǎn)`, `發（fā）布`: a Han character followed by its reading in
//! parentheses (half- or full-width, with tone marks, tone numbers or none), as some portals'
//! script converters leave behind, throughout a page.
//!
//! A reading that is one of the character's own, or of its simplified or traditional
//! counterpart (a converter that annotated `发(fā)` and then wrote `髮`), verifies an annotation.
//! A page shows it was annotated throughout by verified annotations of common characters in
//! their usual reading (`的(de)`, `產(chǎn)`), which no writer glosses; on such a page every
//! `Han(toned syllable)` goes, the misaligned ones too (`經(xùn)`), while real parentheses stay
//! (`(a)`, `(price)`, `(圖)`, `(1)`). On any other page only such a common-character annotation
//! goes: a rare character's reading given once (`亳（bó）州`, `涪（fú）陵`) or an unusual reading
//! of a common one (`单（shàn）县`) is a gloss, and glosses are content.

use std::collections::HashSet;
use std::sync::LazyLock;

use pinyin::{ToPinyin, ToPinyinMulti};

use crate::decode::hanzi;
use crate::decode::script::is_han;
use crate::decode::script::{HanScript, classify};

/// Longest pinyin syllable with a tone number (`zhuang1`).
pub(super) const MAX_SYLLABLE: usize = 7;

/// Verified annotations of common characters in their usual reading from which a page counts
/// as annotated throughout.
const THROUGHOUT: u32 = 2;

/// Frequency cost (see [`hanzi`]) up to which a character is common: about the 2 500 most
/// frequent characters.
const COMMON_COST: u32 = 110;

static FULL_WIDTH_OPEN: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("（".as_bytes()));

/// Every syllable some character is read as, without tones (`ü` written so).
static SYLLABLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for code in 0x3400..=0x9FFFu32 {
        if let Some(readings) = char::from_u32(code).and_then(|c| c.to_pinyin_multi()) {
            set.extend(readings.into_iter().map(|p| p.plain()));
        }
    }
    set
});

/// What the annotations of a document show about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Survey {
    /// Verified annotations of common characters in their usual reading.
    common: u32,
}

impl Survey {
    /// Surveys the annotations of a document's texts.
    pub fn of<'t>(texts: impl IntoIterator<Item = &'t str>) -> Survey {
        let mut survey = Survey::default();
        for text in texts {
            for candidate in candidates(text) {
                if candidate.fit == Fit::CommonUsual {
                    survey.common += 1;
                }
            }
        }
        survey
    }

    /// Whether the page was annotated throughout.
    pub fn throughout(&self) -> bool {
        self.common >= THROUGHOUT
    }
}

/// How an annotation's reading fits the character before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// A reading of the character or its counterpart, the usual one of a common character.
    CommonUsual,
    /// A reading of the character or its counterpart.
    Verified,
    /// A pinyin syllable with a tone mark or number, or bare of two letters or more, that is not
    /// the character's: misaligned on an annotated page, anything on another.
    Syllable,
}

/// `(reading)` after a Han character: the byte range of the parentheses and how it fits.
struct Candidate {
    start: usize,
    end: usize,
    fit: Fit,
}

/// The annotation-shaped parentheses of `text`, in order.
fn candidates(text: &str) -> impl Iterator<Item = Candidate> + '_ {
    let bytes = text.as_bytes();
    // Opening parentheses, half- and full-width, found by byte search: Chinese text is long
    // and has few of them.
    let mut opens: Vec<usize> = memchr::memchr_iter(b'(', bytes)
        .chain(FULL_WIDTH_OPEN.find_iter(bytes))
        .collect();
    opens.sort_unstable();
    opens.into_iter().filter_map(move |at| {
        let han = text[..at].chars().next_back().filter(|c| is_han(*c))?;
        let (len, reading) = reading_at(&text[at..])?;
        let fit = fit(reading, han)?;
        Some(Candidate {
            start: at,
            end: at + len,
            fit,
        })
    })
}

/// Removes the annotations of a text that is a whole document; `None` when there are none.
pub fn repair(text: &str) -> Option<(String, u64)> {
    repair_with(text, &Survey::of([text]))
}

/// Removes the annotations of one text of a document the `survey` describes.
pub fn repair_with(text: &str, survey: &Survey) -> Option<(String, u64)> {
    let throughout = survey.throughout();
    let mut out = String::new();
    let mut count = 0;
    let mut last = 0;
    for candidate in candidates(text) {
        if candidate.start < last {
            continue;
        }
        let remove = match candidate.fit {
            Fit::CommonUsual => true,
            Fit::Verified | Fit::Syllable => throughout,
        };
        if !remove {
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[last..candidate.start]);
        last = candidate.end;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some((out, count))
}

/// The byte length of `(reading)` at the start of `text` and the reading, when it is shaped
/// like one: lower-case letters (tone-marked vowels among them) and at most one digit.
fn reading_at(text: &str) -> Option<(usize, &str)> {
    let open = text.chars().next()?;
    let inner_start = open.len_utf8();
    let mut inner_len = 0;
    for (i, c) in text[inner_start..].char_indices() {
        if matches!(c, ')' | '）') {
            let reading = &text[inner_start..inner_start + i];
            return (!reading.is_empty()).then_some((inner_start + i + c.len_utf8(), reading));
        }
        inner_len += 1;
        if inner_len > MAX_SYLLABLE || !(c.is_ascii_lowercase() || c.is_ascii_digit() || is_tone_vowel(c)) {
            return None;
        }
    }
    None
}

/// How `reading` fits `han`, if it is a pinyin reading at all.
fn fit(reading: &str, han: char) -> Option<Fit> {
    let fits = |c: char| {
        let usual = c.to_pinyin().is_some_and(|p| same_reading(p, reading));
        let common = hanzi::han_cost(c).is_some_and(|cost| cost <= COMMON_COST);
        if usual && common {
            Fit::CommonUsual
        } else {
            Fit::Verified
        }
    };
    if is_reading_of(reading, han) {
        return Some(fits(han));
    }
    // The simplified form of a traditional character: `髮(fā)` was annotated as `发(fā)`. A bare
    // reading counts, as for the character itself, only after a traditional-only one.
    let marked = reading.chars().any(|c| c.is_ascii_digit() || is_tone_vowel(c))
        && !reading.chars().all(|c| c == 'ü' || c.is_ascii_alphabetic());
    let bare_ok = classify(han.encode_utf8(&mut [0u8; 4])) == HanScript::Traditional;
    if let Some(other) = simplified_form(han)
        && (marked || bare_ok)
        && other
            .to_pinyin_multi()
            .is_some_and(|readings| readings.into_iter().any(|p| same_reading(p, reading)))
    {
        return Some(fits(other));
    }
    let syllable = is_syllable(reading);
    (syllable && (marked || reading.chars().count() >= 2)).then_some(Fit::Syllable)
}

/// The simplified form of `han` when it is another character.
fn simplified_form(han: char) -> Option<char> {
    let mut buffer = [0u8; 4];
    let converted =
        crate::decode::script::convert(han.encode_utf8(&mut buffer), crate::decode::script::Script::Simplified);
    let mut chars = converted.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c != han => Some(c),
        _ => None,
    }
}

/// Whether `reading` is the reading `p`, written with tone marks, a tone number or bare.
fn same_reading(p: pinyin::Pinyin, reading: &str) -> bool {
    let v = |s: &str| s.replace('ü', "v");
    v(p.with_tone()) == v(reading)
        || v(p.with_tone_num_end()) == v(reading)
        || v(p.plain()) == v(reading)
        || v(p.plain()) == v(reading.trim_end_matches(['0', '5']))
}

/// Whether `reading`, tone marks and number removed, is a syllable some character is read as.
fn is_syllable(reading: &str) -> bool {
    let plain: String = reading
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'v' => 'ü',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            c => c,
        })
        .collect();
    let marks = reading.chars().filter(|c| is_tone_vowel(*c) && *c != 'ü').count();
    marks <= 1 && SYLLABLES.contains(plain.as_str())
}

pub(super) fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Whether `reading` (toned, tone-numbered, or bare after a traditional-only character) is one
/// of `han`'s readings.
pub(super) fn is_reading_of(reading: &str, han: char) -> bool {
    if reading.is_empty() || !reading.starts_with(|c: char| c.is_ascii_lowercase() || is_tone_vowel(c)) {
        return false;
    }
    let digits = reading.chars().filter(char::is_ascii_digit).count();
    if digits > 1 || (digits == 1 && !reading.ends_with(|c: char| ('0'..='5').contains(&c))) {
        return false;
    }
    let Some(readings) = han.to_pinyin_multi() else {
        return false;
    };
    let toned = reading.chars().any(is_tone_vowel) && !reading.chars().all(|c| c == 'ü' || c.is_ascii());
    // Authors annotate a reading on purpose too (`水没(mo)到`), without tone marks; the
    // converters that leave annotations behind mark tones, or annotate traditional characters.
    // A bare reading counts only after a traditional-only character.
    if digits == 0 && !toned && classify(&han.to_string()) != HanScript::Traditional {
        return false;
    }
    readings.into_iter().any(|p| {
        if digits == 1 {
            let numbered = p.with_tone_num_end();
            let bare = reading.trim_end_matches(['0', '5']);
            numbered.replace('ü', "v") == reading.replace('ü', "v") || (bare != reading && p.plain() == bare)
        } else if toned {
            p.with_tone() == reading
        } else {
            p.plain().replace('ü', "v") == reading.replace('ü', "v")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence a converter annotated throughout.
    const ANNOTATED: &str = "中國共產(chǎn)黨新聞網(wǎng)報道，這(zhè)是(shì)一個(gè)好消息。";

    fn repaired(text: &str) -> String {
        repair(text).map_or_else(|| text.to_string(), |(out, _)| out)
    }

    #[test]
    fn a_page_annotated_throughout_loses_every_annotation() {
        assert_eq!(repaired(ANNOTATED), "中國共產黨新聞網報道，這是一個好消息。");
        for (annotated, clean) in [
            ("重(chóng)慶", "重慶"),
            ("重(zhòng)要", "重要"),
            ("綠(lǜ)色", "綠色"),
            ("产(chan3)业", "产业"),
            ("產(chan)業", "產業"),
            ("發（fā）布", "發布"),
            // The reading of the simplified form: the converter annotated `发`, `了`, `迹`.
            ("頭髮(fā)", "頭髮"),
            ("明瞭(le)", "明瞭"),
            ("古蹟(jì)", "古蹟"),
            // Misaligned: the reading of a neighbour.
            ("經(xùn)費(jīng)", "經費"),
            ("的（de）", "的"),
        ] {
            assert_eq!(
                repaired(&format!("{ANNOTATED}{annotated}")),
                format!("中國共產黨新聞網報道，這是一個好消息。{clean}")
            );
        }
    }

    #[test]
    fn real_parentheses_stay_on_an_annotated_page() {
        for kept in [
            "附件(a)",
            "價格(price)",
            "照片(圖)",
            "第一(1)條",
            "本報訊(記者 王某)",
            "人工智能(AI)發展",
            "谷歌(google)公司",
            "括号( )里",
        ] {
            let page = format!("{ANNOTATED}{kept}");
            assert!(repaired(&page).ends_with(kept), "{kept}");
        }
    }

    #[test]
    fn common_characters_in_their_usual_reading_go_anywhere() {
        assert_eq!(repair("發(fā)布時間"), Some(("發布時間".into(), 1)));
        assert_eq!(repair("中國共產(chǎn)黨"), Some(("中國共產黨".into(), 1)));
    }

    #[test]
    fn glosses_stay_on_a_page_not_annotated_throughout() {
        for clean in [
            "安徽亳（bó）州市今年",
            "重庆涪（fú）陵区",
            "山东莘（shēn）县",
            "山东单（shàn）县",
            "重(chóng)慶",
            "文(zhōng)章",
            "谷歌(google)公司",
            "人工智能(AI)发展",
            "中国(China)",
            "体(TI)",
            "第一(1)条",
            "产(chǎng)业",
            "附件(a)",
            "水没(mo)到的地方",
            "产(chan)业",
            "括号( )里",
            "(chǎn)开头",
            "产(chǎn",
        ] {
            assert_eq!(repair(clean), None, "{clean}");
        }
    }

    #[test]
    fn the_survey_counts_the_whole_document() {
        let survey = Survey::of(["發(fā)布時間", "產(chǎn)業"]);
        assert!(survey.throughout());
        assert_eq!(repair_with("經(xùn)費", &survey), Some(("經費".into(), 1)));
        assert!(!Survey::of(["發(fā)布時間", "亳（bó）州"]).throughout());
    }
}
