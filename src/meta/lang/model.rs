//! The letter-trigram model of the languages that share a script (Latin, Cyrillic, Arabic,
//! Devanagari…): `data/lang-trigrams.bin`, built by `scripts/build-lang-model` from lingua's
//! language models (see `data/README.md`).
//!
//! Each language is a Markov chain over the letters of a word: the cost (negative natural log)
//! of a word's third and later letters given the two before them, for the language's most
//! frequent trigrams; a trigram the model lacks costs its last letter's own cost plus
//! [`BACKOFF`], and a letter the language does not use costs [`FOREIGN_LETTER`]. The language
//! of least total cost wins (naive Bayes, as lingua's low-accuracy mode).
//!
//! The file is read where it lies (`include_bytes!`, keys found by binary search): nothing is
//! loaded or parsed at start-up, which matters for runs over a few pages.

use std::collections::HashMap;

static MODEL: &[u8] = include_bytes!("../../../data/lang-trigrams.bin");

/// Added to a letter's own cost when the model lacks the trigram it ends.
const BACKOFF: f32 = 1.5;
/// The cost of a letter a language does not write (not among its most frequent letters).
const FOREIGN_LETTER: f32 = 14.0;
/// Languages the file can hold (its language index is a byte).
pub const MAX_LANGUAGES: usize = 128;

/// A view of the model file.
struct Model {
    codes: &'static [u8],
    keys: &'static [u8],
    offsets: &'static [u8],
    postings: &'static [u8],
    languages: usize,
}

fn model() -> Option<Model> {
    let bytes = MODEL;
    if bytes.get(..8)? != b"PWLANG01" {
        return None;
    }
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize);
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize);
    let languages = u16_at(8)?.min(MAX_LANGUAGES);
    let keys = u32_at(10)?;
    let postings = u32_at(14)?;
    let codes_at = 18;
    let keys_at = codes_at + 2 * languages;
    let offsets_at = keys_at + 8 * keys;
    let postings_at = offsets_at + 4 * (keys + 1);
    Some(Model {
        codes: bytes.get(codes_at..keys_at)?,
        keys: bytes.get(keys_at..offsets_at)?,
        offsets: bytes.get(offsets_at..postings_at)?,
        postings: bytes.get(postings_at..postings_at + 2 * postings)?,
        languages,
    })
}

impl Model {
    fn code(&self, language: usize) -> &'static str {
        std::str::from_utf8(&self.codes[2 * language..2 * language + 2]).unwrap_or("")
    }

    fn key(&self, i: usize) -> u64 {
        u64::from_le_bytes(self.keys[8 * i..8 * i + 8].try_into().unwrap_or([0; 8]))
    }

    fn offset(&self, i: usize) -> usize {
        u32::from_le_bytes(self.offsets[4 * i..4 * i + 4].try_into().unwrap_or([0; 4])) as usize
    }

    /// The (language, cost) postings of `key`.
    fn postings(&self, key: u64) -> impl Iterator<Item = (usize, f32)> + '_ {
        let count = self.keys.len() / 8;
        let (mut low, mut high) = (0, count);
        while low < high {
            let mid = (low + high) / 2;
            if self.key(mid) < key {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        let range = if low < count && self.key(low) == key {
            self.offset(low)..self.offset(low + 1)
        } else {
            0..0
        };
        range.filter_map(move |p| {
            let posting = self.postings.get(2 * p..2 * p + 2)?;
            Some((posting[0] as usize, f32::from(posting[1]) / 8.0))
        })
    }
}

fn trigram_key(a: char, b: char, c: char) -> Option<u64> {
    let (a, b, c) = (a as u64, b as u64, c as u64);
    (a < 1 << 20 && b < 1 << 21 && c < 1 << 21).then_some(a << 42 | b << 21 | c)
}

fn letter_key(c: char) -> u64 {
    1 << 63 | c as u64
}

/// The model's languages (ISO 639-1) and their costs for `words` (lower-cased letter runs),
/// least first, the cost of `prefer` lowered by `prior`. `None` when no word has three letters
/// or the model file is missing.
pub fn rank<'w>(
    words: impl Iterator<Item = &'w [char]>,
    prefer: Option<&str>,
    prior: f32,
) -> Option<Vec<(&'static str, f32)>> {
    let model = model()?;
    let n = model.languages;
    let mut letter_costs: HashMap<char, Vec<f32>> = HashMap::new();
    let mut total = vec![0f32; n];
    let mut trigrams = 0usize;
    let mut line = vec![0f32; n];
    for word in words {
        for window in word.windows(3) {
            let [a, b, c] = [window[0], window[1], window[2]];
            let Some(key) = trigram_key(a, b, c) else { continue };
            trigrams += 1;
            let backoff = letter_costs.entry(c).or_insert_with(|| {
                let mut costs = vec![FOREIGN_LETTER; n];
                for (language, cost) in model.postings(letter_key(c)) {
                    if language < n {
                        costs[language] = cost + BACKOFF;
                    }
                }
                costs
            });
            line.copy_from_slice(backoff);
            for (language, cost) in model.postings(key) {
                if language < n {
                    line[language] = cost;
                }
            }
            for (t, l) in total.iter_mut().zip(&line) {
                *t += l;
            }
        }
    }
    if trigrams == 0 {
        return None;
    }
    let mut ranked: Vec<(&'static str, f32)> = (0..n).map(|l| (model.code(l), total[l])).collect();
    if let Some(prefer) = prefer
        && let Some(entry) = ranked.iter_mut().find(|(code, _)| *code == prefer)
    {
        entry.1 -= prior;
    }
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
    Some(ranked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_file_is_whole() {
        let model = model().expect("data/lang-trigrams.bin parses");
        assert!(model.languages >= 40);
        let keys: Vec<u64> = (0..model.keys.len() / 8).map(|i| model.key(i)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys sorted");
        assert_eq!(model.offset(keys.len()) * 2, model.postings.len());
        let codes: Vec<&str> = (0..model.languages).map(|l| model.code(l)).collect();
        for code in ["en", "de", "fr", "es", "ru", "uk", "id", "ms", "nb", "ar", "fa", "hi"] {
            assert!(codes.contains(&code), "{code}");
        }
    }
}
