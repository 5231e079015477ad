//! The letter-trigram model of the languages that share a script (Latin, Cyrillic, Arabic,
//! Devanagari…): `data/lang-trigrams.bin`, built by `scripts/build-lang-model` from lingua's
//! language models (see `data/README.md`).
//!
//! Each language is a Markov chain over the letters of a word: the cost (negative natural log)
//! of a word's third and later letters given the two before them, for the language's most
//! frequent trigrams; a trigram the model lacks costs its last letter's own cost plus
//! [`BACKOFF_EIGHTHS`], and a letter the language does not use costs [`FOREIGN_LETTER_EIGHTHS`]. The language
//! of least total cost wins (naive Bayes, as lingua's low-accuracy mode).
//!
//! The file is read where it lies (`include_bytes!`, keys found by binary search): nothing is
//! loaded or parsed at start-up, which matters for runs over a few pages.

static MODEL: &[u8] = include_bytes!("../../../data/lang-trigrams.bin");

/// Added to a letter's own cost when the model lacks the trigram it ends, in eighths of a nat
/// (1.5).
const BACKOFF_EIGHTHS: i64 = 12;
/// The cost of a letter a language does not write (not among its most frequent letters), in
/// eighths of a nat (14).
const FOREIGN_LETTER_EIGHTHS: i64 = 112;
/// Languages the file can hold (its language index is a byte).
pub const MAX_LANGUAGES: usize = 128;

/// A view of the model file.
struct Model {
    codes: &'static [u8],
    /// Little-endian `u64`s, sorted.
    keys: &'static [[u8; 8]],
    /// Little-endian `u32`s: where each key's postings start, and the end.
    offsets: &'static [[u8; 4]],
    /// (language index, cost in eighths of a nat).
    postings: &'static [[u8; 2]],
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
        keys: bytes.get(keys_at..offsets_at)?.as_chunks().0,
        offsets: bytes.get(offsets_at..postings_at)?.as_chunks().0,
        postings: bytes.get(postings_at..postings_at + 2 * postings)?.as_chunks().0,
        languages,
    })
}

impl Model {
    fn code(&self, language: usize) -> &'static str {
        std::str::from_utf8(&self.codes[2 * language..2 * language + 2]).unwrap_or("")
    }

    fn key(&self, i: usize) -> u64 {
        self.keys.get(i).map_or(0, |k| u64::from_le_bytes(*k))
    }

    fn offset(&self, i: usize) -> usize {
        self.offsets.get(i).map_or(0, |o| u32::from_le_bytes(*o) as usize)
    }

    /// The (language, cost in eighths of a nat) postings of `key`.
    fn postings(&self, key: u64) -> impl Iterator<Item = (usize, i64)> + '_ {
        self.postings_from(key, 0).1
    }

    /// [`Model::postings`] of a key known to sort at or after the key at `from`, and where
    /// `key` sorts (the `from` of a later key).
    fn postings_from(&self, key: u64, from: usize) -> (usize, impl Iterator<Item = (usize, i64)> + '_) {
        let from = from.min(self.keys.len());
        let at = from + self.keys[from..].partition_point(|k| u64::from_le_bytes(*k) < key);
        let postings = if at < self.keys.len() && self.key(at) == key {
            self.postings.get(self.offset(at)..self.offset(at + 1)).unwrap_or(&[])
        } else {
            &[]
        };
        let postings = postings
            .iter()
            .map(|&[language, cost]| (usize::from(language), i64::from(cost)));
        (at, postings)
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
///
/// A word's cost is the sum of its trigrams' (a trigram the language lacks: its last letter's,
/// plus the back-off). Costs are whole eighths of a nat, so the totals are summed exactly, in
/// integers, in whatever order is cheapest: each distinct trigram of the sample is looked up
/// once and weighs its count, and a language's back-off costs are added per letter, not per
/// trigram (most trigrams are in the postings of a few languages only).
pub fn rank<'w>(
    words: impl Iterator<Item = &'w [char]>,
    prefer: Option<&str>,
    prior: f32,
) -> Option<Vec<(&'static str, f32)>> {
    let model = model()?;
    let n = model.languages;
    let mut keys: Vec<u64> = Vec::new();
    for word in words {
        keys.extend(word.windows(3).filter_map(|w| trigram_key(w[0], w[1], w[2])));
    }
    if keys.is_empty() {
        return None;
    }
    keys.sort_unstable();
    // The sample's last letters, each with the languages' costs of it (back-off included) and
    // how many trigrams it ends.
    let mut letters: Vec<(char, Vec<i64>, i64)> = Vec::new();
    let mut total = vec![0i64; n];
    let mut from = 0;
    for run in keys.chunk_by(|a, b| a == b) {
        let key = run[0];
        let times = run.len() as i64;
        let last = char::from_u32((key & ((1 << 21) - 1)) as u32).unwrap_or('\0');
        let letter = match letters.iter().position(|(c, _, _)| *c == last) {
            Some(at) => at,
            None => {
                let mut costs = vec![FOREIGN_LETTER_EIGHTHS; n];
                for (language, cost) in model.postings(letter_key(last)) {
                    if language < n {
                        costs[language] = cost + BACKOFF_EIGHTHS;
                    }
                }
                letters.push((last, costs, 0));
                letters.len() - 1
            }
        };
        let (_, backoff, count) = &mut letters[letter];
        *count += times;
        // The trigram's own cost where the language has it, in place of the back-off.
        let (at, postings) = model.postings_from(key, from);
        from = at;
        for (language, cost) in postings {
            if let (Some(t), Some(b)) = (total.get_mut(language), backoff.get(language)) {
                *t += times * (cost - b);
            }
        }
    }
    for (_, backoff, count) in &letters {
        for (t, b) in total.iter_mut().zip(backoff) {
            *t += count * b;
        }
    }
    let mut ranked: Vec<(&'static str, f32)> = (0..n).map(|l| (model.code(l), total[l] as f32 / 8.0)).collect();
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
        let keys: Vec<u64> = (0..model.keys.len()).map(|i| model.key(i)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys sorted");
        assert_eq!(model.offset(keys.len()), model.postings.len());
        let codes: Vec<&str> = (0..model.languages).map(|l| model.code(l)).collect();
        for code in ["en", "de", "fr", "es", "ru", "uk", "id", "ms", "nb", "ar", "fa", "hi"] {
            assert!(codes.contains(&code), "{code}");
        }
        // A key lists a language once: `rank` adds a posting's cost, it does not overwrite it.
        for (i, &key) in keys.iter().enumerate() {
            let languages: Vec<usize> = model.postings(key).map(|(l, _)| l).collect();
            let mut unique = languages.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), languages.len(), "key {i}");
        }
    }

    /// The costs as the model defines them, a trigram at a time, in `f32`.
    fn rank_by_trigram(words: &[Vec<char>]) -> Vec<(&'static str, f32)> {
        let model = model().expect("model");
        let n = model.languages;
        let mut total = vec![0f32; n];
        for word in words {
            for w in word.windows(3) {
                let Some(key) = trigram_key(w[0], w[1], w[2]) else {
                    continue;
                };
                let mut line = vec![FOREIGN_LETTER_EIGHTHS as f32 / 8.0; n];
                for (language, cost) in model.postings(letter_key(w[2])) {
                    line[language] = (cost + BACKOFF_EIGHTHS) as f32 / 8.0;
                }
                for (language, cost) in model.postings(key) {
                    line[language] = cost as f32 / 8.0;
                }
                for (t, l) in total.iter_mut().zip(&line) {
                    *t += l;
                }
            }
        }
        let mut ranked: Vec<(&'static str, f32)> = (0..n).map(|l| (model.code(l), total[l])).collect();
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
        ranked
    }

    #[test]
    fn counted_trigrams_cost_what_each_trigram_costs() {
        let texts = [
            "the quick brown fox jumps over the lazy dog while the farmer watches from the porch",
            "der schnelle braune fuchs springt über den faulen hund während der bauer zusieht",
            "съешь же ещё этих мягких французских булок да выпей чаю",
            "ααα aaaa zzzzzzzzzzzz qqqq xyzzy ﬀﬁ",
            "a ab abc abcd abcabcabcabc",
        ];
        for text in texts {
            let words: Vec<Vec<char>> = text.split(' ').map(|w| w.chars().collect()).collect();
            let ranked = rank(words.iter().map(Vec::as_slice), None, 0.0).expect("trigrams");
            assert_eq!(ranked, rank_by_trigram(&words), "{text}");
        }
        assert_eq!(rank(["ab", "c"].iter().map(|_| &['a', 'b'][..]), None, 0.0), None);
    }
}
