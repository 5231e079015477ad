//! Builds data/lang-trigrams.bin, pagewash's language model, from lingua's language models
//! (the `lingua-*-language-model` crates, Apache-2.0): for each of its 75 languages, the
//! letters and the most frequent letter trigrams, with the costs (negative natural logs) of
//! each letter and of each trigram's last letter after its first two.
//!
//! Usage: lang-model OUT.bin TRIGRAMS_PER_LANGUAGE LETTERS_PER_LANGUAGE
//!
//! The file (little-endian; read by src/meta/lang/model.rs):
//! - magic `PWLANG01`; u16 number of languages; u32 number of keys; u32 number of postings;
//! - per language: its ISO 639-1 code (2 ASCII bytes);
//! - the keys, sorted, u64 each: a trigram `a << 42 | b << 21 | c`, a letter `1 << 63 | c`;
//! - per key the index of its first posting, u32 (and one past the last);
//! - the postings, 2 bytes each: language index, cost × 8 (rounded, at most 255).

mod models;

use std::collections::{BTreeMap, HashMap};

use fst::{IntoStreamer, Streamer};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = &args[1];
    let per_language: usize = args[2].parse().unwrap();
    let letters_per_language: usize = args[3].parse().unwrap();
    let mut postings: BTreeMap<u64, Vec<(u8, u8)>> = BTreeMap::new();
    for (index, (code, dir)) in models::MODELS.iter().enumerate() {
        let file = dir.get_file("ngrams.fst").expect("ngrams.fst in every model");
        let map = fst::Map::new(file.contents()).expect("a valid fst");
        let mut uni: HashMap<char, f64> = HashMap::new();
        let mut bi: HashMap<(char, char), f64> = HashMap::new();
        let mut tri: Vec<([char; 3], f64)> = Vec::new();
        let mut stream = map.into_stream();
        while let Some((key, value)) = stream.next() {
            let Ok(ngram) = std::str::from_utf8(key) else { continue };
            let ln_p = f64::from_bits(value);
            let chars: Vec<char> = ngram.chars().collect();
            match chars[..] {
                [a] => {
                    uni.insert(a, ln_p);
                }
                [a, b] => {
                    bi.insert((a, b), ln_p);
                }
                [a, b, c] if chars.iter().all(|&c| (c as u32) < 1 << 20) => tri.push(([a, b, c], ln_p)),
                _ => {}
            }
        }
        // The most frequent trigrams: P(abc) = P(a) P(b|a) P(c|ab).
        let joint = |t: &([char; 3], f64)| {
            let [a, b, _] = t.0;
            uni.get(&a).copied().unwrap_or(-50.0) + bi.get(&(a, b)).copied().unwrap_or(-50.0) + t.1
        };
        tri.sort_by(|x, y| joint(y).total_cmp(&joint(x)));
        tri.truncate(per_language);
        let quantize = |ln_p: f64| (-ln_p * 8.0).round().clamp(0.0, 255.0) as u8;
        for ([a, b, c], ln_p) in &tri {
            let key = (*a as u64) << 42 | (*b as u64) << 21 | *c as u64;
            postings.entry(key).or_default().push((index as u8, quantize(*ln_p)));
        }
        let mut letters: Vec<(char, f64)> = uni.into_iter().collect();
        letters.sort_by(|x, y| y.1.total_cmp(&x.1));
        letters.truncate(letters_per_language);
        for (c, ln_p) in &letters {
            postings.entry(1 << 63 | *c as u64).or_default().push((index as u8, quantize(*ln_p)));
        }
        eprintln!("{code}: {} trigrams, {} letters", tri.len(), letters.len());
    }
    let mut bytes = b"PWLANG01".to_vec();
    bytes.extend((models::MODELS.len() as u16).to_le_bytes());
    bytes.extend((postings.len() as u32).to_le_bytes());
    let total: usize = postings.values().map(Vec::len).sum();
    bytes.extend((total as u32).to_le_bytes());
    for (code, _) in models::MODELS {
        bytes.extend(code.as_bytes());
    }
    for key in postings.keys() {
        bytes.extend(key.to_le_bytes());
    }
    let mut at = 0u32;
    for list in postings.values() {
        bytes.extend(at.to_le_bytes());
        at += list.len() as u32;
    }
    bytes.extend(at.to_le_bytes());
    for list in postings.values() {
        for &(language, cost) in list {
            bytes.extend([language, cost]);
        }
    }
    std::fs::write(out, &bytes).unwrap();
    eprintln!("{} keys, {total} postings, {} bytes", postings.len(), bytes.len());
}
