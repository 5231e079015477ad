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
    let mut votes = [0i32; 64];
    let mut window = [0u64; SHINGLE];
    let mut seen = 0usize;
    for token in tokens(&folded) {
        window.copy_within(1.., 0);
        window[SHINGLE - 1] = token;
        seen += 1;
        if seen >= SHINGLE {
            vote(&mut votes, shingle_hash(&window));
        }
    }
    if seen == 0 {
        return 0;
    }
    if seen < SHINGLE {
        // A text shorter than a shingle is one shingle of all its tokens.
        vote(&mut votes, shingle_hash(&window[SHINGLE - seen..]));
    }
    votes
        .iter()
        .enumerate()
        .fold(0u64, |bits, (i, &v)| if v > 0 { bits | (1 << i) } else { bits })
}

/// The number of bits in which two fingerprints differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

fn vote(votes: &mut [i32; 64], hash: u64) {
    for (i, v) in votes.iter_mut().enumerate() {
        // +1 for a set bit, -1 for a clear one, without a branch.
        *v += ((hash >> i) & 1) as i32 * 2 - 1;
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

/// The hashes of `text`'s tokens, lower-cased.
fn tokens(text: &str) -> impl Iterator<Item = u64> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            if is_cjk(c) {
                return Some(mix(fnv_char(FNV_OFFSET, c)));
            }
            if !c.is_alphanumeric() {
                continue;
            }
            let mut h = FNV_OFFSET;
            let mut push = |c: char| {
                if c.is_ascii() {
                    h = fnv_char(h, c.to_ascii_lowercase());
                } else {
                    for l in c.to_lowercase() {
                        h = fnv_char(h, l);
                    }
                }
            };
            push(c);
            while let Some(&next) = chars.peek() {
                if is_cjk(next) || !next.is_alphanumeric() {
                    break;
                }
                push(next);
                chars.next();
            }
            return Some(mix(h));
        }
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

    #[test]
    fn short_texts_are_one_shingle() {
        assert_ne!(simhash("hello world"), 0);
        assert_ne!(simhash("hello world"), simhash("world hello"));
    }
}
