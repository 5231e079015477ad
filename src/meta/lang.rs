//! Language identification by script.

/// ISO 639-1 code of the dominant script's language, from the characters of `text`.
///
/// Han text with kana is Japanese, Hangul is Korean; other scripts map to their main language.
/// Latin text is reported as English only when `declared` does not name another language.
pub fn detect_lang(text: &str, declared: Option<&str>) -> Option<String> {
    let [latin, kana, han, hangul, cyrillic, arabic] = counts(text);
    let declared = declared
        .map(|d| d.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase())
        .filter(|d| d.len() == 2);
    let cjk = han + kana + hangul;
    let total = cjk + cyrillic + latin + arabic;
    if total == 0 {
        return declared;
    }
    // CJK characters carry a word each; Latin letters a fifth of one.
    let weighted_latin = latin / 5;
    let top = [
        ("cjk", cjk),
        ("ru", cyrillic / 5),
        ("ar", arabic / 5),
        ("latin", weighted_latin),
    ]
    .into_iter()
    .max_by_key(|&(_, n)| n)?;
    let lang = match top.0 {
        "cjk" if hangul > han + kana => "ko",
        "cjk" if kana * 10 > han.max(1) => "ja",
        "cjk" => "zh",
        "latin" => return declared.or(Some("en".to_string())),
        other => other,
    };
    Some(lang.to_string())
}

/// How many characters of a text [`detect_lang`] reads, from its start: a caller may hand it
/// any prefix of at least `4 * SAMPLE_CHARS` bytes for the whole.
pub const SAMPLE_CHARS: usize = 20_000;

/// The letters of each script among the first 20,000 characters of `text`: Latin, kana, Han,
/// Hangul, Cyrillic, Arabic.
fn counts(text: &str) -> [usize; 6] {
    let mut han = 0usize;
    let mut kana = 0usize;
    let mut hangul = 0usize;
    let mut cyrillic = 0usize;
    let mut latin = 0usize;
    let mut arabic = 0usize;
    // The first 20,000 characters. ASCII, most characters of most pages, is taken a block at a
    // time: a block of ASCII bytes is as many characters, and its letters are counted in one
    // loop the compiler vectorises.
    const LIMIT: usize = SAMPLE_CHARS;
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut taken = 0;
    while at < bytes.len() && taken < LIMIT {
        if bytes[at].is_ascii() {
            let block = &bytes[at..bytes.len().min(at + BLOCK).min(at + (LIMIT - taken))];
            let ascii = if block.is_ascii() {
                block.len()
            } else {
                block.iter().position(|b| !b.is_ascii()).unwrap_or(block.len())
            };
            latin += block[..ascii].iter().filter(|b| b.is_ascii_alphabetic()).count();
            at += ascii;
            taken += ascii;
            continue;
        }
        // `at` is a character boundary: it only moves over ASCII bytes and whole characters.
        let Some(c) = text[at..].chars().next() else { break };
        at += c.len_utf8();
        taken += 1;
        match c {
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' => han += 1,
            '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' => hangul += 1,
            '\u{0400}'..='\u{04ff}' => cyrillic += 1,
            '\u{0600}'..='\u{06ff}' => arabic += 1,
            '\u{00c0}'..='\u{024f}' => latin += 1,
            _ => {}
        }
    }
    [latin, kana, han, hangul, cyrillic, arabic]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(detect_lang("中國共產黨新聞網 黨建頻道", None).as_deref(), Some("zh"));
        assert_eq!(detect_lang("これは日本語の文章です。東京", None).as_deref(), Some("ja"));
        assert_eq!(detect_lang("한국어 문장입니다", None).as_deref(), Some("ko"));
        assert_eq!(detect_lang("The quick brown fox", None).as_deref(), Some("en"));
        assert_eq!(
            detect_lang("Der schnelle braune Fuchs", Some("de-DE")).as_deref(),
            Some("de")
        );
        assert_eq!(detect_lang("", None), None);
    }

    /// The script counts of the first 20,000 characters, one character at a time.
    fn counts_by_chars(text: &str) -> [usize; 6] {
        let mut n = [0; 6];
        for c in text.chars().take(20_000) {
            match c {
                c if c.is_ascii() => n[0] += usize::from(c.is_ascii_alphabetic()),
                '\u{3040}'..='\u{30ff}' => n[1] += 1,
                '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' => n[2] += 1,
                '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' => n[3] += 1,
                '\u{0400}'..='\u{04ff}' => n[4] += 1,
                '\u{0600}'..='\u{06ff}' => n[5] += 1,
                '\u{00c0}'..='\u{024f}' => n[0] += 1,
                _ => {}
            }
        }
        n
    }

    /// The character limit counts characters, not bytes, across ASCII blocks and other scripts:
    /// where the limit falls decides these pages' language.
    #[test]
    fn limit_counts_characters() {
        let texts = [
            format!("{}{}", "a".repeat(19_990), "中".repeat(5_000)),
            format!("{}{}", "中".repeat(19_999), "a".repeat(50_000)),
            format!("{}“{}”{}", "ab ".repeat(30), "x".repeat(100), "中文".repeat(10)),
            format!("{}{}", "é1 ".repeat(6_000), "中".repeat(3_000)),
            format!("{}{}", "中a".repeat(9_000), "中".repeat(2_001)),
        ];
        for text in &texts {
            assert_eq!(counts(text), counts_by_chars(text));
        }
        assert_eq!(detect_lang(&texts[0], None).as_deref(), Some("en"));
        assert_eq!(detect_lang(&texts[1], None).as_deref(), Some("zh"));
    }
}
