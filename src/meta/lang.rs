//! Language identification by script.

/// ISO 639-1 code of the dominant script's language, from the characters of `text`.
///
/// Han text with kana is Japanese, Hangul is Korean; other scripts map to their main language.
/// Latin text is reported as English only when `declared` does not name another language.
pub fn detect_lang(text: &str, declared: Option<&str>) -> Option<String> {
    let mut han = 0usize;
    let mut kana = 0usize;
    let mut hangul = 0usize;
    let mut cyrillic = 0usize;
    let mut latin = 0usize;
    let mut arabic = 0usize;
    for c in text.chars().take(20_000) {
        // ASCII, most characters of most pages, first.
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        match c {
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' => han += 1,
            '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' => hangul += 1,
            '\u{0400}'..='\u{04ff}' => cyrillic += 1,
            '\u{0600}'..='\u{06ff}' => arabic += 1,
            'a'..='z' | 'A'..='Z' | '\u{00c0}'..='\u{024f}' => latin += 1,
            _ => {}
        }
    }
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
}
