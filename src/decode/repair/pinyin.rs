//! Pinyin annotations: `產(chǎn)`, `發（fā）布`: a Han character followed by its own reading in
//! parentheses (half- or full-width, with tone marks, tone numbers or none), as some portals'
//! script converters leave behind. The reading is removed only when it is one of that
//! character's readings; `中(zhōng)` stays after a character that cannot be read so, and an
//! upper-case `(AI)` is an abbreviation, not a reading.

use pinyin::ToPinyinMulti;

use crate::decode::script::is_han;
use crate::decode::script::{HanScript, classify};

/// Longest pinyin syllable with a tone number (`zhuang1`).
pub(super) const MAX_SYLLABLE: usize = 7;

static FULL_WIDTH_OPEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("（".as_bytes()));

/// Removes the annotations; `None` when there are none.
pub fn repair(text: &str) -> Option<(String, u64)> {
    let bytes = text.as_bytes();
    // Opening parentheses, half- and full-width, found by byte search: Chinese text is long
    // and has few of them.
    let mut opens: Vec<usize> = memchr::memchr_iter(b'(', bytes)
        .chain(FULL_WIDTH_OPEN.find_iter(bytes))
        .collect();
    if opens.is_empty() {
        return None;
    }
    opens.sort_unstable();
    let mut out = String::new();
    let mut count = 0;
    let mut last = 0;
    for at in opens {
        if at < last {
            continue;
        }
        let Some(han) = text[..at].chars().next_back().filter(|c| is_han(*c)) else {
            continue;
        };
        if let Some(len) = annotation_length(&text[at..], han) {
            if out.capacity() == 0 {
                out.reserve(text.len());
            }
            out.push_str(&text[last..at]);
            last = at + len;
            count += 1;
        }
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some((out, count))
}

/// Byte length of `(reading)` at the start of `text` when the reading is one of `han`'s.
fn annotation_length(text: &str, han: char) -> Option<usize> {
    let open = text.chars().next()?;
    let inner_start = open.len_utf8();
    let mut inner_len = 0;
    for (i, c) in text[inner_start..].char_indices() {
        if matches!(c, ')' | '）') {
            let reading = &text[inner_start..inner_start + i];
            return is_reading_of(reading, han).then_some(inner_start + i + c.len_utf8());
        }
        inner_len += 1;
        if inner_len > MAX_SYLLABLE || !(c.is_ascii_lowercase() || c.is_ascii_digit() || is_tone_vowel(c)) {
            return None;
        }
    }
    None
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

    #[test]
    fn removes_own_readings() {
        assert_eq!(
            repair("中國共產(chǎn)黨新聞網(wǎng)"),
            Some(("中國共產黨新聞網".into(), 2))
        );
        assert_eq!(repair("發(fā)布時間"), Some(("發布時間".into(), 1)));
        assert_eq!(repair("發（fā）布"), Some(("發布".into(), 1)));
        assert_eq!(repair("重(chóng)慶"), Some(("重慶".into(), 1)));
        assert_eq!(repair("重(zhòng)要"), Some(("重要".into(), 1)));
        assert_eq!(repair("綠(lǜ)色"), Some(("綠色".into(), 1)));
        assert_eq!(repair("产(chan3)业"), Some(("产业".into(), 1)));
        assert_eq!(repair("產(chan)業"), Some(("產業".into(), 1)));
    }

    #[test]
    fn keeps_what_is_not_the_characters_reading() {
        for clean in [
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
}
