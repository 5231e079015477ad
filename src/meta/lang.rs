//! Language identification of a page's main text.
//!
//! First the script: the letters of the first 20 000 characters are counted by script, a CJK
//! character weighing 0.6 of a word (what it carries) and other letters a fifth of one. A script only one language
//! writes (among those identified) decides it: Hangul is Korean, Han with kana Japanese, Han
//! alone Chinese (`zh`, either script), Greek, Hebrew, Thai, Georgian… Latin, Cyrillic,
//! Arabic and Devanagari, which many languages share, go to the letter-trigram [`model`] of 75
//! languages, over the words of a sample of the text (the title first, as a hint).
//!
//! The page's declared language (`<html lang>`, `content-language`) is a prior, not an
//! override: it lowers its language's cost by [`PRIOR`], which decides between close languages
//! (Bokmål and Nynorsk, Malay and Indonesian, Croatian and Bosnian) and a text too short to tell
//! apart, but not against a text clearly in another language (a template's `lang="en"` on a
//! German article). A declared language the model does not know is taken when its script is the
//! text's (Galician on a Latin-script page, Nepali on a Devanagari one): nothing contradicts it.
//!
//! `None` when the text is too short (no word of three letters and no CJK character) or mixed
//! (no script holds [`MAJORITY`] of the weight).

mod model;

/// How much cheaper (in nats) the declared language is made.
const PRIOR: f32 = 4.0;
/// Letters of the sample the model reads: enough to tell close languages apart, few enough to
/// cost little beside the rest of the pipeline.
const SAMPLE_LETTERS: usize = 1200;
/// The share of the weight the main script must hold: below it the text is mixed.
const MAJORITY: f32 = 0.6;
/// Characters of the title and the text read, from their start: their scripts are counted, and
/// the model's sample is taken among them. A caller may hand [`identify`] any prefix of the text
/// of at least `4 * SAMPLE_CHARS` bytes for the whole (a page of one 200 MB block is not copied).
pub const SAMPLE_CHARS: usize = 20_000;
const COUNTED: usize = SAMPLE_CHARS;

/// The scripts told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Devanagari,
    Greek,
    Armenian,
    Hebrew,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Lao,
    Tibetan,
    Myanmar,
    Georgian,
    Ethiopic,
    Khmer,
    Hangul,
    Kana,
    Han,
}

const SCRIPTS: usize = Script::Han as usize + 1;

impl Script {
    /// The language a script alone decides; `None` for the scripts the model reads (and Han
    /// and kana, decided together).
    fn language(self) -> Option<&'static str> {
        Some(match self {
            Script::Greek => "el",
            Script::Armenian => "hy",
            Script::Hebrew => "he",
            Script::Bengali => "bn",
            Script::Gurmukhi => "pa",
            Script::Gujarati => "gu",
            Script::Oriya => "or",
            Script::Tamil => "ta",
            Script::Telugu => "te",
            Script::Kannada => "kn",
            Script::Malayalam => "ml",
            Script::Sinhala => "si",
            Script::Thai => "th",
            Script::Lao => "lo",
            Script::Tibetan => "bo",
            Script::Myanmar => "my",
            Script::Georgian => "ka",
            Script::Ethiopic => "am",
            Script::Khmer => "km",
            Script::Hangul => "ko",
            _ => return None,
        })
    }

    /// Languages written in this script that the script or the model does not identify: a
    /// declaration of one of them is taken on a text of this script.
    fn others(self) -> &'static [&'static str] {
        match self {
            Script::Latin => &[
                "gl", "lb", "mt", "uz", "tk", "ha", "ig", "fy", "br", "oc", "gd", "fo", "jv", "su", "qu", "ht", "rm",
                "sm", "mg", "ny", "rw", "wo", "ln", "ku", "co", "an", "ast",
            ],
            Script::Cyrillic => &["tg", "ky", "tt", "ba", "cv", "os"],
            Script::Arabic => &["ps", "sd", "ug", "ku"],
            Script::Devanagari => &["ne", "sa"],
            Script::Bengali => &["as"],
            Script::Hebrew => &["yi"],
            _ => &[],
        }
    }

    /// Whether the trigram model reads this script.
    fn modelled(self) -> bool {
        matches!(
            self,
            Script::Latin | Script::Cyrillic | Script::Arabic | Script::Devanagari
        )
    }

    /// Whether a character of this script is about a word (CJK) rather than a letter.
    fn is_logographic(self) -> bool {
        matches!(self, Script::Han | Script::Kana | Script::Hangul)
    }
}

/// The script of a letter; `None` for anything else (digits, punctuation, symbols, spaces).
fn script_of(c: char) -> Option<Script> {
    let script = match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => return Some(Script::Latin),
        0..=0x7F => return None,
        // Blocks whose every code point is a letter: no look-up in the Unicode tables (the
        // bulk of a Chinese or Korean page; `fully_assigned_blocks_are_letters` checks it).
        0x4E00..=0x9FFF => return Some(Script::Han),
        0xAC00..=0xD7A3 => return Some(Script::Hangul),
        0xC0..=0x24F | 0x1E00..=0x1EFF if c != '×' && c != '÷' => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0x97F => Script::Devanagari,
        0x980..=0x9FF => Script::Bengali,
        0xA00..=0xA7F => Script::Gurmukhi,
        0xA80..=0xAFF => Script::Gujarati,
        0xB00..=0xB7F => Script::Oriya,
        0xB80..=0xBFF => Script::Tamil,
        0xC00..=0xC7F => Script::Telugu,
        0xC80..=0xCFF => Script::Kannada,
        0xD00..=0xD7F => Script::Malayalam,
        0xD80..=0xDFF => Script::Sinhala,
        0xE00..=0xE7F => Script::Thai,
        0xE80..=0xEFF => Script::Lao,
        0xF00..=0xFFF => Script::Tibetan,
        0x1000..=0x109F => Script::Myanmar,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xD7A4..=0xD7AF => Script::Hangul,
        0x1200..=0x139F => Script::Ethiopic,
        0x1780..=0x17FF => Script::Khmer,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Script::Han,
        _ => return None,
    };
    // Vowel signs and viramas of the Brahmic scripts are letters of their words; digits,
    // dandas and punctuation are not.
    let brahmic = (0x900..=0xDFF).contains(&(c as u32));
    let letter = if brahmic {
        !c.is_numeric() && !matches!(c, '\u{964}' | '\u{965}')
    } else {
        c.is_alphabetic()
    };
    letter.then_some(script)
}

/// The declared language as an ISO 639-1 code (`zh-Hant-TW` → `zh`, `iw` → `he`); `None`
/// unless it is two or three letters.
fn declared_code(declared: Option<&str>) -> Option<String> {
    let primary = declared?.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Some(
        match primary.as_str() {
            "iw" => "he",
            "in" => "id",
            "ji" => "yi",
            "no" => "nb",
            "zho" | "chi" => "zh",
            "eng" => "en",
            other => other,
        }
        .to_string(),
    )
}

/// ISO 639-1 code of the language of `text` (see the module's doc); `declared` is the page's
/// declaration, a prior.
pub fn detect_lang(text: &str, declared: Option<&str>) -> Option<String> {
    identify(text, None, declared)
}

/// As [`detect_lang`], with the page's title read first, as a hint.
pub fn identify(text: &str, title: Option<&str>, declared: Option<&str>) -> Option<String> {
    let declared = declared_code(declared);
    let counts = counts(title.unwrap_or(""), text);
    let weight = |s: usize| {
        let script = SCRIPTS_IN_ORDER[s];
        if script.is_logographic() {
            counts[s] as f32 * 0.6
        } else {
            counts[s] as f32 / 5.0
        }
    };
    let total: f32 = (0..SCRIPTS).map(weight).sum();
    let top = (0..SCRIPTS).max_by(|&a, &b| weight(a).total_cmp(&weight(b)))?;
    if total == 0.0 {
        return None;
    }
    let cjk = weight(Script::Han as usize) + weight(Script::Kana as usize) + weight(Script::Hangul as usize);
    let script = if cjk >= weight(top) {
        // Han, kana and Hangul together: Korean, Japanese or Chinese by their mix.
        let [kana, han, hangul] = [Script::Kana, Script::Han, Script::Hangul].map(|s| counts[s as usize]);
        if cjk < MAJORITY * total {
            return None;
        }
        return Some(
            if hangul > han + kana {
                "ko"
            } else if kana * 10 > han.max(1) {
                "ja"
            } else {
                "zh"
            }
            .to_string(),
        );
    } else {
        SCRIPTS_IN_ORDER[top]
    };
    if weight(top) < MAJORITY * total {
        return None;
    }
    if let Some(declared) = &declared
        && script.others().contains(&declared.as_str())
    {
        return Some(declared.clone());
    }
    if let Some(language) = script.language() {
        return Some(language.to_string());
    }
    debug_assert!(script.modelled());
    let sample = Sample::of(title.unwrap_or(""), text, script);
    let ranked = model::rank(sample.words(), declared.as_deref(), PRIOR);
    // No word of three letters: too short to tell.
    ranked?.first().map(|(code, _)| code.to_string())
}

const SCRIPTS_IN_ORDER: [Script; SCRIPTS] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Arabic,
    Script::Devanagari,
    Script::Greek,
    Script::Armenian,
    Script::Hebrew,
    Script::Bengali,
    Script::Gurmukhi,
    Script::Gujarati,
    Script::Oriya,
    Script::Tamil,
    Script::Telugu,
    Script::Kannada,
    Script::Malayalam,
    Script::Sinhala,
    Script::Thai,
    Script::Lao,
    Script::Tibetan,
    Script::Myanmar,
    Script::Georgian,
    Script::Ethiopic,
    Script::Khmer,
    Script::Hangul,
    Script::Kana,
    Script::Han,
];

/// The letters of each script among the first [`COUNTED`] characters of the title and the
/// text. ASCII, most characters of most pages, is taken a block at a time.
fn counts(title: &str, text: &str) -> [usize; SCRIPTS] {
    let mut counts = [0usize; SCRIPTS];
    let mut taken = 0;
    for part in [title, text] {
        const BLOCK: usize = 64;
        let bytes = part.as_bytes();
        let mut at = 0;
        while at < bytes.len() && taken < COUNTED {
            if bytes[at].is_ascii() {
                let block = &bytes[at..bytes.len().min(at + BLOCK).min(at + (COUNTED - taken))];
                let ascii = if block.is_ascii() {
                    block.len()
                } else {
                    block.iter().position(|b| !b.is_ascii()).unwrap_or(block.len())
                };
                counts[Script::Latin as usize] += block[..ascii].iter().filter(|b| b.is_ascii_alphabetic()).count();
                at += ascii;
                taken += ascii;
                continue;
            }
            // `at` is a character boundary: it only moves over ASCII bytes and whole characters.
            let Some(c) = part[at..].chars().next() else { break };
            at += c.len_utf8();
            taken += 1;
            if let Some(script) = script_of(c) {
                counts[script as usize] += 1;
            }
        }
    }
    counts
}

/// The lower-cased words of one script from the title and the start of the text, up to
/// [`SAMPLE_LETTERS`] letters, in one buffer.
struct Sample {
    letters: Vec<char>,
    /// Where each word ends in `letters`.
    ends: Vec<usize>,
}

impl Sample {
    fn of(title: &str, text: &str, script: Script) -> Sample {
        let mut sample = Sample {
            letters: Vec::with_capacity(SAMPLE_LETTERS + 32),
            ends: Vec::new(),
        };
        let mut taken = 0;
        'parts: for part in [title, text] {
            for c in part.chars() {
                // Within the characters counted: a text of few letters is not read to its end.
                if taken == COUNTED {
                    break 'parts;
                }
                taken += 1;
                if script_of(c) == Some(script) {
                    if c.is_ascii() {
                        sample.letters.push(c.to_ascii_lowercase());
                    } else {
                        sample.letters.extend(c.to_lowercase());
                    }
                } else {
                    sample.end_word();
                    if sample.letters.len() >= SAMPLE_LETTERS {
                        break 'parts;
                    }
                }
            }
            sample.end_word();
        }
        sample.end_word();
        sample
    }

    fn end_word(&mut self) {
        if self.ends.last().copied().unwrap_or(0) < self.letters.len() {
            self.ends.push(self.letters.len());
        }
    }

    fn words(&self) -> impl Iterator<Item = &[char]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter().copied()).map(|(s, e)| &self.letters[s..e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fully_assigned_blocks_are_letters() {
        // The fast path of `script_of` answers as the Unicode tables do.
        for (range, script) in [(0x4E00..=0x9FFF, Script::Han), (0xAC00..=0xD7A3, Script::Hangul)] {
            for c in range.filter_map(char::from_u32) {
                assert!(c.is_alphabetic(), "{c:?}");
                assert_eq!(script_of(c), Some(script), "{c:?}");
            }
        }
    }

    #[test]
    fn scripts() {
        assert_eq!(detect_lang("中國共產黨新聞網 黨建頻道", None).as_deref(), Some("zh"));
        assert_eq!(detect_lang("これは日本語の文章です。東京", None).as_deref(), Some("ja"));
        assert_eq!(detect_lang("한국어 문장입니다", None).as_deref(), Some("ko"));
        assert_eq!(detect_lang("Η γρήγορη καφέ αλεπού", None).as_deref(), Some("el"));
        assert_eq!(detect_lang("", None), None);
        assert_eq!(detect_lang("12 345 — !!", Some("en")), None);
    }

    #[test]
    fn languages_of_one_script() {
        let cases = [
            (
                "en",
                "The quick brown fox jumps over the lazy dog while the farmer watches from the porch.",
            ),
            (
                "de",
                "Der schnelle braune Fuchs springt über den faulen Hund, während der Bauer zusieht.",
            ),
            (
                "fr",
                "Le renard brun rapide saute par-dessus le chien paresseux pendant que le fermier regarde.",
            ),
            (
                "es",
                "El rápido zorro marrón salta sobre el perro perezoso mientras el granjero mira.",
            ),
            (
                "it",
                "La volpe marrone veloce salta sopra il cane pigro mentre il contadino guarda.",
            ),
            (
                "pt",
                "A rápida raposa marrom pula sobre o cão preguiçoso enquanto o fazendeiro observa.",
            ),
            (
                "nl",
                "De snelle bruine vos springt over de luie hond terwijl de boer toekijkt vanaf de veranda.",
            ),
            (
                "id",
                "Rubah cokelat yang cepat melompati anjing yang malas sementara petani menonton dari teras.",
            ),
            (
                "ru",
                "Быстрая коричневая лиса прыгает через ленивую собаку, пока фермер смотрит с крыльца.",
            ),
            (
                "uk",
                "Швидка коричнева лисиця стрибає через ледачого пса, поки фермер дивиться з ґанку.",
            ),
            (
                "ar",
                "الثعلب البني السريع يقفز فوق الكلب الكسول بينما يراقب المزارع من الشرفة.",
            ),
            (
                "fa",
                "روباه قهوه‌ای سریع از روی سگ تنبل می‌پرد در حالی که کشاورز از ایوان تماشا می‌کند.",
            ),
            ("hi", "तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर कूदती है जबकि किसान बरामदे से देखता है।"),
        ];
        for (lang, text) in cases {
            assert_eq!(detect_lang(text, None).as_deref(), Some(lang), "{text}");
        }
    }

    /// The declaration decides between close languages, and a language the model lacks, but
    /// not against a text plainly in another language.
    #[test]
    fn the_declaration_is_a_prior() {
        let german = "Der schnelle braune Fuchs springt über den faulen Hund, während der Bauer von der Veranda aus zusieht und lacht.";
        assert_eq!(detect_lang(german, Some("en")).as_deref(), Some("de"));
        assert_eq!(detect_lang(german, Some("de-AT")).as_deref(), Some("de"));
        let malay = "Saya akan pergi ke pasar besok pagi";
        assert_eq!(detect_lang(malay, Some("ms")).as_deref(), Some("ms"));
        assert_eq!(detect_lang(malay, Some("id")).as_deref(), Some("id"));
        let galician = "A cidade celebrou onte a festa maior coa participación de moitos veciños.";
        assert_eq!(detect_lang(galician, Some("gl")).as_deref(), Some("gl"));
    }

    #[test]
    fn mixed_texts_have_no_language() {
        let mixed = "The committee met on Tuesday to discuss the budget. 委员会周二举行会议，讨论了预算。The vote was postponed until next week. 投票被推迟到下周。";
        assert_eq!(detect_lang(&mixed.repeat(3), None), None);
    }

    #[test]
    fn the_title_is_a_hint() {
        assert_eq!(
            identify("Tak", Some("Dziękujemy za wszystkie zgłoszenia"), None).as_deref(),
            Some("pl")
        );
    }
}
