//! Near-duplicate fingerprints: a 64-bit SimHash of the text's shingles.
//!
//! Mirror sites copy one article many times, in either Chinese script and with different spam
//! tails; a corpus builder groups the copies by fingerprint. Two texts that share most of their
//! shingles get fingerprints a few bits apart (Hamming distance), unrelated texts about 32.
//!
//! The text is folded before it is read, so that copies differing only in what the folding
//! removes agree: Han characters to simplified script, letters to lower case. Tokens are the
//! unit the corpus scores count in: each CJK character (Han, kana, Hangul syllable) is a token
//! of its own, any other run of letters and digits is one token. Shingles are runs of
//! [`SHINGLE`] tokens, each counted as often as it occurs.

use std::borrow::Cow;

use crate::decode::script::{self, Script};

/// Tokens per shingle.
const SHINGLE: usize = 4;

/// The fingerprint of `text` as 16 lower-case hex digits. Text without a token (empty, or only
/// punctuation) has the all-zero fingerprint.
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", simhash(text))
}

/// The 64-bit SimHash of `text`'s folded shingles.
pub fn simhash(text: &str) -> u64 {
    let folded: Cow<'_, str> = if script::has_han(text) {
        script::convert(text, Script::Simplified)
    } else {
        Cow::Borrowed(text)
    };
    let mut votes = BitVotes::new();
    let mut window = [0u64; SHINGLE];
    let mut seen = 0usize;
    for token in tokens(&folded) {
        window.copy_within(1.., 0);
        window[SHINGLE - 1] = token;
        seen += 1;
        if seen >= SHINGLE {
            votes.add(shingle_hash(&window));
        }
    }
    if seen == 0 {
        return 0;
    }
    if seen < SHINGLE {
        // A text shorter than a shingle is one shingle of all its tokens.
        votes.add(shingle_hash(&window[SHINGLE - seen..]));
    }
    votes.majority()
}

/// The number of bits in which two fingerprints differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// `SPREAD[b]` has bit `j` of `b` as its byte `j`: adding it to a word of eight byte-wide counters
/// counts the eight bits at once.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            if (b >> j) & 1 == 1 {
                table[b] |= 1 << (8 * j);
            }
            j += 1;
        }
        b += 1;
    }
    table
};

/// How many of the shingle hashes set each of the 64 bits. A bit of the SimHash is set when
/// more hashes set it than clear it. Counted eight bits to a word (`pending`: byte-wide counters
/// of bits `8k..8k+8` in word `k`), moved to `ones` before a byte can overflow: a handful of
/// additions per hash instead of 64.
struct BitVotes {
    ones: [u64; 64],
    pending: [u64; 8],
    pending_count: u32,
    hashes: u64,
}

impl BitVotes {
    fn new() -> BitVotes {
        BitVotes {
            ones: [0; 64],
            pending: [0; 8],
            pending_count: 0,
            hashes: 0,
        }
    }

    fn add(&mut self, hash: u64) {
        for (k, word) in self.pending.iter_mut().enumerate() {
            *word += SPREAD[((hash >> (8 * k)) & 0xFF) as usize];
        }
        self.hashes += 1;
        self.pending_count += 1;
        if self.pending_count == u32::from(u8::MAX) {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (k, word) in self.pending.iter_mut().enumerate() {
            for j in 0..8 {
                self.ones[8 * k + j] += (*word >> (8 * j)) & 0xFF;
            }
            *word = 0;
        }
        self.pending_count = 0;
    }

    /// The bits more hashes set than cleared.
    fn majority(mut self) -> u64 {
        self.flush();
        let hashes = self.hashes;
        self.ones.iter().enumerate().fold(
            0u64,
            |bits, (i, &ones)| if 2 * ones > hashes { bits | (1 << i) } else { bits },
        )
    }
}

fn shingle_hash(tokens: &[u64]) -> u64 {
    let mut h = 0x9E37_79B9_7F4A_7C15u64;
    for &t in tokens {
        h = mix(h ^ t);
    }
    h
}

/// SplitMix64's finaliser: every input bit reaches every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// A character that is a token by itself.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF
        | 0x20000..=0x3134F)
}

/// The hashes of `text`'s tokens, lower-cased. ASCII letters and digits, most of any text's
/// tokens, are read as bytes.
fn tokens(text: &str) -> impl Iterator<Item = u64> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut h = FNV_OFFSET;
        let mut in_token = false;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                at += 1;
                if b.is_ascii_alphanumeric() {
                    h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                    in_token = true;
                } else if in_token {
                    return Some(mix(h));
                }
                continue;
            }
            let c = text[at..].chars().next()?;
            if is_cjk(c) {
                if in_token {
                    // The character is the next token.
                    return Some(mix(h));
                }
                at += c.len_utf8();
                return Some(mix(fnv_char(FNV_OFFSET, c)));
            }
            at += c.len_utf8();
            if crate::meta::chars::is_alphanumeric(c) {
                for l in c.to_lowercase() {
                    h = fnv_char(h, l);
                }
                in_token = true;
            } else if in_token {
                return Some(mix(h));
            }
        }
        in_token.then(|| mix(h))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "近年來，遼寧以組織擔當激勵幹部擔當，研究出臺若干措施，樹立講擔當重作為的鮮明導向，提高能擔當善作為的能力本領，營造尚擔當促作為的良好環境，以一系列組合拳提振信心、鼓足幹勁，激發廣大幹部擔當作為。\n在葫蘆島市興城市，總投資82.57億元的國網新源興城抽水蓄能電站項目現場，大型車輛穿梭，機器轟鳴。";

    #[test]
    fn empty_and_punctuation_only_texts_are_zero() {
        assert_eq!(fingerprint(""), "0000000000000000");
        assert_eq!(fingerprint(" …, !?\n"), "0000000000000000");
    }

    #[test]
    fn sixteen_hex_digits() {
        let f = fingerprint("The quick brown fox jumps over the lazy dog.");
        assert_eq!(f.len(), 16);
        assert!(f.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }

    #[test]
    fn case_and_punctuation_do_not_count() {
        let a = simhash("The quick brown fox jumps over the lazy dog and runs away.");
        let b = simhash("the QUICK brown fox -- jumps over the lazy dog, and runs away");
        assert_eq!(a, b);
    }

    #[test]
    fn traditional_and_simplified_copies_agree() {
        let simplified = script::convert(ARTICLE, Script::Simplified);
        assert_ne!(simplified, ARTICLE);
        assert!(distance(simhash(ARTICLE), simhash(&simplified)) <= 3);
    }

    #[test]
    fn a_small_edit_moves_few_bits_and_unrelated_texts_many() {
        let long = ARTICLE.repeat(3);
        let edited = long.replacen("大型車輛穿梭", "車輛往來穿梭", 1);
        assert!(distance(simhash(&long), simhash(&edited)) <= 6);
        let unrelated = "Officials in the county said the bridge would reopen next spring after repairs to its deck and railings, which were damaged by the floods.";
        assert!(distance(simhash(&long), simhash(unrelated)) > 12);
    }

    /// The token hashes and the votes of the straightforward definition: per character, and a
    /// vote of +1 or -1 per bit and shingle.
    fn simhash_by_definition(text: &str) -> u64 {
        let mut hashes = Vec::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if is_cjk(c) {
                hashes.push(mix(fnv_char(FNV_OFFSET, c)));
                continue;
            }
            if !c.is_alphanumeric() {
                continue;
            }
            let mut h = FNV_OFFSET;
            let mut word = vec![c];
            while let Some(&next) = chars.peek() {
                if is_cjk(next) || !next.is_alphanumeric() {
                    break;
                }
                word.push(next);
                chars.next();
            }
            for c in word {
                for l in c.to_lowercase() {
                    h = fnv_char(h, l);
                }
            }
            hashes.push(mix(h));
        }
        let shingles: Vec<&[u64]> = if hashes.len() < SHINGLE {
            vec![&hashes[..]]
        } else {
            hashes.windows(SHINGLE).collect()
        };
        if hashes.is_empty() {
            return 0;
        }
        let mut votes = [0i64; 64];
        for shingle in shingles {
            let hash = shingle_hash(shingle);
            for (i, v) in votes.iter_mut().enumerate() {
                *v += if (hash >> i) & 1 == 1 { 1 } else { -1 };
            }
        }
        votes
            .iter()
            .enumerate()
            .fold(0u64, |bits, (i, &v)| if v > 0 { bits | (1 << i) } else { bits })
    }

    #[test]
    fn the_fast_count_is_the_definition() {
        let long_english = "The Quick brown fox, jumps over the lazy dog; and RUNS away. ".repeat(40);
        for text in [
            "",
            "a",
            "ab cd",
            "one two three",
            "one two three four",
            "Ünïcödé wörds, ÉCOLE straße İstanbul ǅemal",
            "mixed 中文text with 한국어 and かな, digits 42 and ４２",
            "tab\tseparated\nlines—and…punctuation!?",
            long_english.as_str(),
            ARTICLE,
        ] {
            let folded = if script::has_han(text) {
                script::convert(text, Script::Simplified)
            } else {
                Cow::Borrowed(text)
            };
            assert_eq!(simhash(text), simhash_by_definition(&folded), "{text}");
        }
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_ne!(simhash("hello world"), 0);
        assert_ne!(simhash("hello world"), simhash("world hello"));
    }
}
