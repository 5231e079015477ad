//! Telling the Cyrillic single-byte encodings apart. chardetng knows windows-1251, KOI8-U,
//! ISO-8859-5 and IBM866 but not x-mac-cyrillic or IBM855, and Russian text in those comes
//! out of it as windows-1251 or windows-1252 soup. When the bytes look like a non-Latin
//! script in a single-byte encoding, every Cyrillic candidate is decoded and scored with a
//! letter-frequency model of Russian and its neighbours (with a penalty for case changes inside
//! words and for symbols where letters belong); a candidate replaces the detector's guess only
//! when it reads clearly better.

use encoding_rs::{Encoding, IBM866, ISO_8859_5, KOI8_R, KOI8_U, WINDOWS_1251, WINDOWS_1252, X_MAC_CYRILLIC};

use super::Charset;
use super::single_byte::{self, SingleByte};

/// The detector guesses this refinement may overrule.
pub fn applies_to(guess: &'static Encoding) -> bool {
    [
        WINDOWS_1252,
        WINDOWS_1251,
        KOI8_R,
        KOI8_U,
        ISO_8859_5,
        IBM866,
        X_MAC_CYRILLIC,
    ]
    .contains(&guess)
}

enum Candidate {
    Whatwg(&'static Encoding),
    Legacy(&'static SingleByte),
}

const CANDIDATES: &[Candidate] = &[
    Candidate::Whatwg(WINDOWS_1251),
    Candidate::Whatwg(KOI8_U),
    Candidate::Whatwg(ISO_8859_5),
    Candidate::Whatwg(IBM866),
    Candidate::Whatwg(X_MAC_CYRILLIC),
    Candidate::Legacy(&single_byte::IBM855),
    Candidate::Legacy(&single_byte::KZ_1048),
    Candidate::Legacy(&single_byte::PTCP154),
];

/// A better Cyrillic reading of `bytes` than `guess`, if there is one.
pub fn refine(guess: &'static Encoding, bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(128 * 1024)];
    if !looks_non_latin(head) {
        return None;
    }
    // All candidates are single-byte: character i is byte i in every reading.
    let guess_costs = costs(&decode_whatwg(guess, head));
    let (best_mean, best_costs, best) = CANDIDATES
        .iter()
        .map(|candidate| {
            let (text, charset) = match candidate {
                Candidate::Whatwg(encoding) => (decode_whatwg(encoding, head), Charset::Whatwg(encoding)),
                Candidate::Legacy(page) => (page.decode(head).0, Charset::SingleByte(page)),
            };
            let costs = costs(&text);
            (mean(&costs), costs, charset)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))?;
    if best == Charset::Whatwg(guess) || guess_costs.len() != best_costs.len() {
        return None;
    }
    // Compare where the readings differ (x-mac-cyrillic and windows-1251 share the lower-case
    // letters): clearly cheaper there, and Russian-like overall (about 3 nats a letter; a wrong
    // table or Latin soup scores well above 4).
    let (differing, saved) = guess_costs
        .iter()
        .zip(&best_costs)
        .filter(|(g, b)| g.0 != b.0)
        .fold((0usize, 0.0), |(n, saved), (g, b)| (n + 1, saved + g.1 - b.1));
    // A few differing characters decide when each is a clear win (a capital read as a symbol, a
    // case flip inside a word): two of them must together save at least 6 nats (400 to 1).
    let clearly_cheaper = (differing >= 3 && saved >= differing as f64) || (differing >= 2 && saved >= 6.0);
    (best_mean < 3.8 && clearly_cheaper).then_some(best)
}

/// Whether some Cyrillic candidate reads `bytes` as text of the Russian family at all (about 3
/// nats a letter; Russian, Ukrainian, Bulgarian, Serbian and Kazakh pages all stay under 3.5).
/// Greek in a DOS code page, which chardetng takes for windows-1251, reads as symbols and rare
/// letters in every one of them (about 5 nats a letter).
pub fn reads_as_cyrillic(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(128 * 1024)];
    CANDIDATES.iter().any(|candidate| {
        let text = match candidate {
            Candidate::Whatwg(encoding) => decode_whatwg(encoding, head),
            Candidate::Legacy(page) => page.decode(head).0,
        };
        mean(&costs(&text)) < 4.3
    })
}

fn decode_whatwg(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The mean cost of the non-ASCII characters; infinite when there are none.
fn mean(costs: &[(char, f64)]) -> f64 {
    let (sum, n) = costs
        .iter()
        .filter(|(c, _)| !c.is_ascii())
        .fold((0.0, 0usize), |(sum, n), (_, cost)| (sum + cost, n + 1));
    if n == 0 { f64::INFINITY } else { sum / n as f64 }
}

/// Words with high bytes are made of high bytes only, as in a non-Latin alphabet; Latin
/// languages mix accented letters into ASCII words.
fn looks_non_latin(bytes: &[u8]) -> bool {
    let mut words = 0;
    let mut pure = 0;
    let mut i = 0;
    while i < bytes.len() {
        let is_letter = |b: u8| b >= 0x80 || b.is_ascii_alphabetic();
        if !is_letter(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_letter(bytes[i]) {
            i += 1;
        }
        let word = &bytes[start..i];
        let high = word.iter().filter(|b| **b >= 0x80).count();
        // Words of one or two letters (prepositions, particles) say little either way.
        if high > 0 && word.len() >= 3 {
            words += 1;
            if high == word.len() {
                pure += 1;
            }
        }
    }
    words >= 6 && pure * 10 >= words * 6
}

/// Each character of `text` with its cost as Russian-family text (ASCII costs nothing).
fn costs(text: &str) -> Vec<(char, f64)> {
    let mut out = Vec::with_capacity(text.len());
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_ascii() {
            prev_lower = c.is_ascii_lowercase();
            out.push((c, 0.0));
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mut cost = letter_cost(lower);
        if c.is_uppercase() && prev_lower {
            // `мояЯ`, `пРИВЕТ`: case flips inside a word are what a wrong table produces.
            cost += 4.0;
        }
        prev_lower = c.is_lowercase();
        out.push((c, cost));
    }
    out
}

/// −ln of the letter's share in Russian-family text (per mille table); symbols and letters of
/// other scripts cost the most.
fn letter_cost(c: char) -> f64 {
    let per_mille = match c {
        'о' => 110.0,
        'е' => 85.0,
        'а' => 80.0,
        'и' => 74.0,
        'н' => 67.0,
        'т' => 63.0,
        'с' => 55.0,
        'р' => 47.0,
        'в' => 45.0,
        'л' => 44.0,
        'к' => 35.0,
        'м' => 32.0,
        'д' => 30.0,
        'п' => 28.0,
        'у' => 26.0,
        'я' => 20.0,
        'ы' => 19.0,
        'і' => 18.0,
        'ь' => 17.0,
        'г' => 17.0,
        'з' => 16.0,
        'б' => 16.0,
        'ч' => 14.0,
        'й' => 12.0,
        'х' => 10.0,
        'ж' => 9.0,
        'ш' => 7.0,
        'ю' => 6.0,
        'ц' => 5.0,
        'ї' | 'є' | 'щ' => 4.0,
        'э' | 'ф' => 3.0,
        'ў' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' => 1.0,
        'ё' | 'ъ' | 'ґ' | 'ј' => 0.5,
        'ђ' | 'љ' | 'њ' | 'ћ' | 'џ' | 'ѓ' | 'ќ' | 'ѕ' => 0.2,
        // Typographic punctuation and the no-break space occur in Cyrillic text too.
        '«' | '»' | '—' | '–' | '„' | '“' | '”' | '…' | '№' | '\u{A0}' => 5.0,
        _ => 0.01,
    };
    -(f64::ln(per_mille / 1000.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUSSIAN: &str = "Москва — столица России, крупнейший по численности населения город страны. \
        Город расположен на реке Москве в центре Восточно-Европейской равнины. Здесь находятся \
        органы государственной власти, многие научные и учебные заведения, театры и музеи.";

    #[test]
    fn mac_cyrillic_and_ibm855_are_recognised() {
        let mac = X_MAC_CYRILLIC.encode(RUSSIAN).0;
        assert_eq!(refine(WINDOWS_1251, &mac), Some(Charset::Whatwg(X_MAC_CYRILLIC)));
        assert_eq!(refine(WINDOWS_1252, &mac), Some(Charset::Whatwg(X_MAC_CYRILLIC)));
        let ibm855: Vec<u8> = RUSSIAN
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    (0x80..=0xFFu8)
                        .find(|b| single_byte::IBM855.decode(&[*b]).0.starts_with(c))
                        .unwrap_or(b'?')
                }
            })
            .collect();
        assert_eq!(
            refine(WINDOWS_1252, &ibm855),
            Some(Charset::SingleByte(&single_byte::IBM855))
        );
    }

    #[test]
    fn a_short_mac_cyrillic_line_is_recognised_by_its_few_capitals() {
        // Only `Т`, `М` and `я` read differently from windows-1251 (`’`, `Њ`, `Я`).
        let line = "Так он прожил в Милане два года и вернулся в родной город своей юности.";
        let mac = X_MAC_CYRILLIC.encode(line).0;
        assert_eq!(refine(WINDOWS_1251, &mac), Some(Charset::Whatwg(X_MAC_CYRILLIC)));
        let cp1251 = WINDOWS_1251.encode(line).0;
        assert_eq!(refine(WINDOWS_1251, &cp1251), None);
    }

    #[test]
    fn right_guesses_stay() {
        let cp1251 = WINDOWS_1251.encode(RUSSIAN).0;
        assert_eq!(refine(WINDOWS_1251, &cp1251), None);
        let koi8 = KOI8_R.encode(RUSSIAN).0;
        assert_eq!(refine(KOI8_U, &koi8), None);
        let french = WINDOWS_1252
            .encode("Le café était très animé à Noël, déjà l'été; où sont les élèves? Ça va très bien.")
            .0;
        assert_eq!(refine(WINDOWS_1252, &french), None);
    }
}
