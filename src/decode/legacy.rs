//! Telling the Latin, Greek and Vietnamese single-byte code pages apart. chardetng knows the
//! Windows and ISO pages but not the DOS ones, and a document in IBM852, IBM775, IBM857 or
//! IBM869 comes out of it as windows-1252 soup; among the pages it knows, a handful of bytes
//! (`£825` read as `Ł825`) can tip it the wrong way.
//!
//! Every candidate page decodes the bytes (one character per byte, so the readings line up),
//! and a character-bigram model of each language the page can write scores the reading: the
//! page's score is that of its best language, the likelihood of the bytes had they been
//! written in that language on that page. Only the pairs with a byte ≥ 0x80 are scored, the
//! only ones in which readings differ. The detector's guess is overruled only when another
//! page reads the bytes more likely by a wide margin.
//!
//! The models (`data/legacy_bigrams.txt`) are trained by `scripts/train-legacy-model` on
//! generated text: CLDR's localized strings and faker's per-locale data (see
//! `data/README.md`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use encoding_rs::{
    Encoding, ISO_8859_2, ISO_8859_2_INIT, ISO_8859_4, ISO_8859_4_INIT, ISO_8859_7, ISO_8859_7_INIT, ISO_8859_13,
    ISO_8859_13_INIT, WINDOWS_1250, WINDOWS_1250_INIT, WINDOWS_1252, WINDOWS_1252_INIT, WINDOWS_1253,
    WINDOWS_1253_INIT, WINDOWS_1254, WINDOWS_1254_INIT, WINDOWS_1257, WINDOWS_1257_INIT, WINDOWS_1258,
    WINDOWS_1258_INIT,
};

use super::Charset;
use super::single_byte::{self, SingleByte};

/// How much more likely (in nats) another page must read the bytes than the detector's guess:
/// the guess is right almost always, so it takes strong evidence, several characters' worth.
const MARGIN: f64 = 16.0;
/// How much of a document is looked at.
const HEAD: usize = 256 * 1024;
/// Smoothing: weight of the unigram distribution in a bigram estimate, pseudo-count of an
/// unseen character, and the number of characters assumed possible.
const BIGRAM_PRIOR: f64 = 10.0;
const UNSEEN: f64 = 0.5;
const ALPHABET: f64 = 1000.0;
/// ln P of a pair with a C1 control or an undefined byte: text does not contain them.
const ALIEN_PAIR: f32 = -20.0;
/// How many languages per page, those whose letters fit the readings best, are scored in full.
const SHORTLIST: usize = 3;

/// The pages the model chooses among, by the names the model file uses, commonest first: of
/// pages reading the bytes alike, the first is taken.
static PAGES: &[(&str, Page)] = &[
    ("windows-1252", Page::Whatwg(&WINDOWS_1252_INIT)),
    ("windows-1250", Page::Whatwg(&WINDOWS_1250_INIT)),
    ("windows-1254", Page::Whatwg(&WINDOWS_1254_INIT)),
    ("windows-1257", Page::Whatwg(&WINDOWS_1257_INIT)),
    ("windows-1253", Page::Whatwg(&WINDOWS_1253_INIT)),
    ("windows-1258", Page::Whatwg(&WINDOWS_1258_INIT)),
    ("ISO-8859-2", Page::Whatwg(&ISO_8859_2_INIT)),
    ("ISO-8859-7", Page::Whatwg(&ISO_8859_7_INIT)),
    ("ISO-8859-13", Page::Whatwg(&ISO_8859_13_INIT)),
    ("ISO-8859-4", Page::Whatwg(&ISO_8859_4_INIT)),
    ("IBM850", Page::Legacy(&single_byte::IBM850)),
    ("IBM437", Page::Legacy(&single_byte::IBM437)),
    ("IBM852", Page::Legacy(&single_byte::IBM852)),
    ("IBM857", Page::Legacy(&single_byte::IBM857)),
    ("IBM775", Page::Legacy(&single_byte::IBM775)),
    ("IBM869", Page::Legacy(&single_byte::IBM869)),
];

#[derive(Clone, Copy)]
enum Page {
    Whatwg(&'static Encoding),
    Legacy(&'static SingleByte),
}

impl Page {
    fn charset(self) -> Charset {
        match self {
            Page::Whatwg(encoding) => Charset::Whatwg(encoding),
            Page::Legacy(page) => Charset::SingleByte(page),
        }
    }

    /// The characters of the bytes 0x80–0xFF.
    fn high_half(self) -> [char; 128] {
        let mut out = ['\u{FFFD}'; 128];
        for (i, slot) in out.iter_mut().enumerate() {
            let byte = [0x80 + i as u8];
            *slot = match self {
                Page::Whatwg(encoding) => encoding
                    .decode_without_bom_handling_and_without_replacement(&byte)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('\u{FFFD}'),
                Page::Legacy(page) => page.decode(&byte).0.chars().next().unwrap_or('\u{FFFD}'),
            };
        }
        out
    }
}

/// The detector guesses this refinement may overrule: the pages it chooses among.
pub fn applies_to(guess: &'static Encoding) -> bool {
    [
        WINDOWS_1250,
        WINDOWS_1252,
        WINDOWS_1253,
        WINDOWS_1254,
        WINDOWS_1257,
        WINDOWS_1258,
        ISO_8859_2,
        ISO_8859_4,
        ISO_8859_7,
        ISO_8859_13,
    ]
    .contains(&guess)
}

/// A page that reads `bytes` clearly more likely than `guess`, if there is one.
pub fn refine(guess: &'static Encoding, bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(HEAD)];
    let pairs = high_pairs(head);
    if pairs.is_empty() {
        return None;
    }
    let model = &*MODEL;
    let guess_index = model.pages.iter().position(|p| *p == Charset::Whatwg(guess))?;
    // Pages reading the document's high bytes alike score alike (most Western text reads the
    // same in half of them): each reading is scored once.
    let high = high_counts(head);
    let mut scores: Vec<f64> = Vec::with_capacity(model.pages.len());
    for page in 0..model.pages.len() {
        let reads_like = |other: usize| {
            high.iter()
                .all(|&(b, _)| model.readings[page][usize::from(b)] == model.readings[other][usize::from(b)])
        };
        let score = match (0..page).find(|&other| reads_like(other)) {
            Some(other) => scores[other],
            None => model.page_score(page, &pairs, &high).0,
        };
        scores.push(score);
    }
    // The first of equals: `max_by` would take the last.
    let (best, best_score) = scores
        .iter()
        .enumerate()
        .fold(None::<(usize, f64)>, |best, (i, &score)| match best {
            Some((_, top)) if top >= score => best,
            _ => Some((i, score)),
        })?;
    if best == guess_index || best_score < scores[guess_index] + MARGIN {
        return None;
    }
    Some(model.pages[best])
}

/// Occurrences of each byte ≥ 0x80 that occurs.
fn high_counts(bytes: &[u8]) -> Vec<(u8, u32)> {
    let mut counts = [0u32; 128];
    for &b in bytes {
        if b >= 0x80 {
            counts[usize::from(b - 0x80)] += 1;
        }
    }
    (0x80..=0xFFu8).zip(counts).filter(|(_, count)| *count > 0).collect()
}

/// Counts of the byte pairs with a byte ≥ 0x80 (the document's start counts as a space before
/// it), as `(first << 8 | second, count)`.
fn high_pairs(bytes: &[u8]) -> Vec<(u16, u32)> {
    let mut codes: Vec<u16> = Vec::new();
    if bytes.first().is_some_and(|b| *b >= 0x80) {
        codes.push(u16::from(b' ') << 8 | u16::from(bytes[0]));
    }
    for pair in bytes.windows(2) {
        if pair[0] >= 0x80 || pair[1] >= 0x80 {
            codes.push(u16::from(pair[0]) << 8 | u16::from(pair[1]));
        }
    }
    codes.sort_unstable();
    let mut out: Vec<(u16, u32)> = Vec::new();
    for code in codes {
        match out.last_mut() {
            Some((last, count)) if *last == code => *count += 1,
            _ => out.push((code, 1)),
        }
    }
    out
}

/// A byte as a page reads it: its folded character's index in the model's alphabet (or
/// `UNKNOWN`), its case, and whether it is no text at all.
#[derive(Clone, Copy, PartialEq)]
struct Reading {
    index: u16,
    case: u8,
    alien: bool,
}

const UNKNOWN: u16 = u16::MAX;

struct Language {
    name: String,
    /// Indices into `Model::pages` of the pages that can write the language.
    pages: Vec<usize>,
    /// ln P(case of b | case of a), lower / upper / other.
    case: [[f32; 3]; 3],
    /// ln(K · P(c)) and ln(count(c) + K) per alphabet index, then for `UNKNOWN`.
    unigram: Vec<f32>,
    context: Vec<f32>,
    /// ln P(b | a) of the pairs seen, by `a << 16 | b`.
    pairs: HashMap<u32, f32, BuildHasherDefault<PairHasher>>,
}

impl Language {
    /// ln(K · P(c)): the unigram term, to shortlist languages.
    fn ln_unigram(&self, c: Reading) -> f32 {
        if c.alien {
            return ALIEN_PAIR;
        }
        self.unigram[slot(c.index, &self.unigram)]
    }

    fn ln_p(&self, a: Reading, b: Reading) -> f32 {
        if a.alien || b.alien {
            return ALIEN_PAIR;
        }
        let key = u32::from(a.index) << 16 | u32::from(b.index);
        let bigram = match self.pairs.get(&key) {
            Some(ln_p) => *ln_p,
            None => self.unigram[slot(b.index, &self.unigram)] - self.context[slot(a.index, &self.context)],
        };
        bigram + self.case[usize::from(a.case)][usize::from(b.case)]
    }
}

/// Hashes the `u32` pair keys with a multiplication: scoring looks up every pair of a
/// document once per page and language, and SipHash would cost more than the rest together.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        // The table picks buckets by the low bits: fold the well-mixed high bits down.
        let h = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 32);
    }
}

fn slot(index: u16, table: &[f32]) -> usize {
    if index == UNKNOWN {
        table.len() - 1
    } else {
        usize::from(index)
    }
}

struct Model {
    pages: Vec<Charset>,
    /// Per page, the reading of each byte.
    readings: Vec<[Reading; 256]>,
    languages: Vec<Language>,
}

impl Model {
    /// ln P of the pairs as page `page` reads them, in the language that reads them best, and
    /// that language. Only the languages whose letters fit the high bytes' readings best
    /// (unigrams, cheap) are scored with bigrams.
    fn page_score(&self, page: usize, pairs: &[(u16, u32)], high: &[(u8, u32)]) -> (f64, &str) {
        let readings = &self.readings[page];
        let mut shortlist: Vec<(f64, &Language)> = self
            .languages
            .iter()
            .filter(|language| language.pages.contains(&page))
            .map(|language| {
                let fit = high
                    .iter()
                    .map(|&(b, count)| f64::from(language.ln_unigram(readings[usize::from(b)])) * f64::from(count))
                    .sum::<f64>();
                (fit, language)
            })
            .collect();
        shortlist.sort_by(|a, b| b.0.total_cmp(&a.0));
        shortlist.truncate(SHORTLIST);
        shortlist
            .into_iter()
            .map(|(_, language)| {
                let score = pairs
                    .iter()
                    .map(|&(code, count)| {
                        let a = readings[usize::from(code >> 8)];
                        let b = readings[usize::from(code & 0xFF)];
                        f64::from(language.ln_p(a, b)) * f64::from(count)
                    })
                    .sum::<f64>();
                (score, language.name.as_str())
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((f64::NEG_INFINITY, ""))
    }
}

/// Case class of a character: 0 lower, 1 upper, 2 anything else (as the training script).
fn case_class(c: char) -> u8 {
    if c.is_lowercase() {
        0
    } else if c.is_uppercase() {
        1
    } else {
        2
    }
}

/// The character the model counts for `c` (as the training script): white space as a space,
/// ASCII digits as `0`, letters in lower case.
fn fold(c: char) -> char {
    if c.is_whitespace() {
        return ' ';
    }
    if c.is_ascii_digit() {
        return '0';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn is_alien(c: char) -> bool {
    matches!(c as u32, 0x80..=0x9F | 0xFFFD)
}

static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(include_str!("data/legacy_bigrams.txt")));

/// Counts of one language as the model file gives them.
#[derive(Default)]
struct Counts {
    name: String,
    pages: Vec<usize>,
    case: [f64; 9],
    unigrams: Vec<(char, f64)>,
    pairs: Vec<(char, char, f64)>,
}

impl Model {
    fn parse(text: &str) -> Model {
        let mut languages: Vec<Counts> = Vec::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("@ ") {
                let mut fields = rest.split(' ');
                let name = fields.next().unwrap_or_default().to_string();
                let pages = fields
                    .filter_map(|page| PAGES.iter().position(|(known, _)| *known == page))
                    .collect();
                languages.push(Counts {
                    name,
                    pages,
                    ..Counts::default()
                });
                continue;
            }
            let Some(language) = languages.last_mut() else {
                continue;
            };
            if let Some(rest) = line.strip_prefix("c ") {
                for (slot, n) in language.case.iter_mut().zip(rest.split(' ')) {
                    *slot = n.parse().unwrap_or(0.0);
                }
            } else if let Some(rest) = line.strip_prefix("u ") {
                if let Some((c, n)) = rest.rsplit_once('\t')
                    && let (Some(c), None) = (c.chars().next(), c.chars().nth(1))
                {
                    language.unigrams.push((c, n.parse().unwrap_or(0.0)));
                }
            } else if let Some(rest) = line.strip_prefix("b ")
                && let Some((pair, n)) = rest.rsplit_once('\t')
            {
                let mut chars = pair.chars();
                if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) {
                    language.pairs.push((a, b, n.parse().unwrap_or(0.0)));
                }
            }
        }
        let mut alphabet: HashMap<char, u16> = HashMap::new();
        for language in &languages {
            for (c, _) in &language.unigrams {
                let next = alphabet.len() as u16;
                alphabet.entry(*c).or_insert(next);
            }
        }
        let index = |c: char| alphabet.get(&c).copied().unwrap_or(UNKNOWN);
        let reading = |c: char| Reading {
            index: index(fold(c)),
            case: case_class(c),
            alien: is_alien(c),
        };
        let pages: Vec<Charset> = PAGES.iter().map(|(_, page)| page.charset()).collect();
        let readings = PAGES
            .iter()
            .map(|(_, page)| {
                let high = page.high_half();
                std::array::from_fn(|b| {
                    if b < 0x80 {
                        reading(b as u8 as char)
                    } else {
                        reading(high[b - 0x80])
                    }
                })
            })
            .collect();
        let languages = languages
            .into_iter()
            .map(|counts| build_language(counts, &alphabet))
            .collect();
        Model {
            pages,
            readings,
            languages,
        }
    }
}

fn build_language(counts: Counts, alphabet: &HashMap<char, u16>) -> Language {
    let size = alphabet.len() + 1;
    let total: f64 = counts.unigrams.iter().map(|(_, n)| n).sum();
    let mut occurrences = vec![0.0f64; size];
    for (c, n) in &counts.unigrams {
        if let Some(&i) = alphabet.get(c) {
            occurrences[usize::from(i)] = *n;
        }
    }
    let p = |n: f64| (n + UNSEEN) / (total + UNSEEN * ALPHABET);
    let unigram: Vec<f32> = occurrences.iter().map(|n| (BIGRAM_PRIOR * p(*n)).ln() as f32).collect();
    let context: Vec<f32> = occurrences.iter().map(|n| (n + BIGRAM_PRIOR).ln() as f32).collect();
    let mut pairs = HashMap::with_capacity_and_hasher(counts.pairs.len(), BuildHasherDefault::default());
    for (a, b, n) in &counts.pairs {
        let (Some(&ia), Some(&ib)) = (alphabet.get(a), alphabet.get(b)) else {
            continue;
        };
        let ln_p =
            ((n + BIGRAM_PRIOR * p(occurrences[usize::from(ib)])) / (occurrences[usize::from(ia)] + BIGRAM_PRIOR)).ln();
        pairs.insert(u32::from(ia) << 16 | u32::from(ib), ln_p as f32);
    }
    let mut case = [[0.0f32; 3]; 3];
    for (from, row) in case.iter_mut().enumerate() {
        let counts_row = &counts.case[from * 3..from * 3 + 3];
        let sum: f64 = counts_row.iter().sum::<f64>() + 3.0;
        for (to, slot) in row.iter_mut().enumerate() {
            *slot = ((counts_row[to] + 1.0) / sum).ln() as f32;
        }
    }
    Language {
        name: counts.name,
        pages: counts.pages,
        case,
        unigram,
        context,
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` in a DOS page (the characters it lacks as `?`).
    fn dos(page: &SingleByte, text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| match c {
                c if c.is_ascii() => c as u8,
                c => (0x80..=0xFFu8)
                    .find(|&b| page.decode(&[b]).0.starts_with(c))
                    .unwrap_or(b'?'),
            })
            .collect()
    }

    const CZECH: &str = "Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda schválila návrh zákona o státním \
        rozpočtu, který počítá se schodkem sto miliard korun; opozice jej kritizuje.";
    const LITHUANIAN: &str = "Lietuvių kalba yra viena iš dviejų gyvųjų baltų kalbų. Vilniaus universitetas \
        įkurtas prieš keturis šimtmečius, o šiandien jame studijuoja dvidešimt tūkstančių žmonių.";
    const TURKISH: &str = "Türkiye'nin başkenti Ankara'dır; en kalabalık şehri ise İstanbul'dur. Öğrenciler \
        sınavlara çalışırken ağır bir yağmur başladı ve şehirde ulaşım güçleşti.";
    const GREEK: &str = "Η Αθήνα είναι η πρωτεύουσα και μεγαλύτερη πόλη της Ελλάδας. Η ιστορία της \
        ξεπερνά τις τρεις χιλιάδες χρόνια, και σήμερα είναι σημαντικό οικονομικό κέντρο.";
    /// As windows-1258 holds Vietnamese: tone marks as combining characters.
    const VIETNAMESE: &str = "Tiê\u{301}ng Viê\u{323}t la\u{300} ngôn ngư\u{303} chi\u{301}nh thư\u{301}c \
        ơ\u{309} Viê\u{323}t Nam. Đây la\u{300} tiê\u{301}ng me\u{323} đe\u{309} cu\u{309}a \
        khoa\u{309}ng ta\u{301}m mươi lăm triê\u{323}u ngươ\u{300}i.";

    #[test]
    fn dos_pages_chardetng_reads_as_windows_1252() {
        for (page, text) in [
            (&single_byte::IBM852, CZECH),
            (&single_byte::IBM775, LITHUANIAN),
            (&single_byte::IBM857, TURKISH),
            (&single_byte::IBM869, GREEK),
        ] {
            let bytes = dos(page, text);
            assert!(!bytes.contains(&b'?'), "{}", page.name);
            assert_eq!(
                refine(WINDOWS_1252, &bytes),
                Some(Charset::SingleByte(page)),
                "{}",
                page.name
            );
        }
    }

    #[test]
    fn the_best_reading_is_in_the_texts_language() {
        let best_language = |charset: Charset, bytes: &[u8]| {
            let index = MODEL.pages.iter().position(|p| *p == charset)?;
            Some(MODEL.page_score(index, &high_pairs(bytes), &high_counts(bytes)).1)
        };
        for (page, text, language) in [
            (&single_byte::IBM775, LITHUANIAN, "lt"),
            (&single_byte::IBM857, TURKISH, "tr"),
            (&single_byte::IBM869, GREEK, "el"),
        ] {
            assert_eq!(
                best_language(Charset::SingleByte(page), &dos(page, text)),
                Some(language)
            );
        }
        let vietnamese = WINDOWS_1258.encode(VIETNAMESE).0;
        assert_eq!(best_language(Charset::Whatwg(WINDOWS_1258), &vietnamese), Some("vi"));
    }

    #[test]
    fn windows_pages_chardetng_confuses() {
        let vietnamese = WINDOWS_1258.encode(VIETNAMESE).0;
        assert_eq!(refine(WINDOWS_1252, &vietnamese), Some(Charset::Whatwg(WINDOWS_1258)));
        // `£` is `Ł` in windows-1250: a letter before digits is no price.
        let prices = WINDOWS_1252
            .encode("if the draw comes in I stand to lift £825, not bad for a £2 bet and £1.50 on the side.")
            .0;
        assert_eq!(refine(WINDOWS_1250, &prices), Some(Charset::Whatwg(WINDOWS_1252)));
    }

    #[test]
    fn right_guesses_stay() {
        let cases: [(&'static Encoding, &str); 7] = [
            (
                WINDOWS_1252,
                "Le café était très animé à Noël, déjà l’été; où sont les élèves? Ça va.",
            ),
            (
                WINDOWS_1252,
                "Die Straße führt über die Brücke zum Bahnhof, sagte der Fahrer „gern“.",
            ),
            (
                WINDOWS_1250,
                "Zażółć gęślą jaźń. Rząd przyjął projekt ustawy budżetowej na przyszły rok.",
            ),
            (ISO_8859_2, CZECH),
            (WINDOWS_1254, TURKISH),
            (WINDOWS_1253, GREEK),
            (WINDOWS_1257, LITHUANIAN),
        ];
        for (encoding, text) in cases {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{text}");
            assert_eq!(refine(encoding, &bytes), None, "{}: {text}", encoding.name());
        }
    }

    #[test]
    fn little_evidence_leaves_the_guess() {
        // One accented letter says too little to overrule the detector.
        for text in ["Meeting at the café at noon.", "Résumé attached.", "naïve"] {
            let bytes = WINDOWS_1252.encode(text).0;
            assert_eq!(refine(WINDOWS_1252, &bytes), None, "{text}");
            assert_eq!(refine(WINDOWS_1250, &bytes), None, "{text}");
        }
        assert_eq!(refine(WINDOWS_1252, b"plain ASCII"), None);
        assert_eq!(refine(WINDOWS_1252, b""), None);
    }

    #[test]
    fn other_guesses_are_not_refined() {
        assert!(!applies_to(encoding_rs::WINDOWS_1251));
        assert!(!applies_to(encoding_rs::SHIFT_JIS));
        assert_eq!(
            refine(encoding_rs::WINDOWS_1251, &dos(&single_byte::IBM852, CZECH)),
            None
        );
    }

    #[test]
    fn model_covers_every_page() {
        let model = &*MODEL;
        assert!(model.languages.len() >= 30);
        for page in 0..model.pages.len() {
            assert!(
                model.languages.iter().filter(|l| l.pages.contains(&page)).count() >= 2,
                "{}",
                model.pages[page].name()
            );
        }
        // The tables agree with the decoders.
        let czech = dos(&single_byte::IBM852, "ř");
        let index = model
            .pages
            .iter()
            .position(|p| *p == Charset::SingleByte(&single_byte::IBM852));
        let reading = index.map(|i| model.readings[i][usize::from(czech[0])]);
        assert!(reading.is_some_and(|r| !r.alien && r.index != UNKNOWN && r.case == 0));
    }
}
