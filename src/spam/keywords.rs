//! The vocabulary of SEO spam lists (`data/spam-keywords.txt`, written by hand): gambling,
//! pornography, illicit goods and services, black-hat SEO, and long-tail search modifiers.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

const DATA: &str = include_str!("../../data/spam-keywords.txt");

struct Lexicon {
    matcher: AhoCorasick,
    /// Bit per hashed pair of characters some term starts with (ASCII lower-cased). Lets the
    /// tokenizer mark the few pieces worth a vocabulary search as it reads them.
    first_pairs: Vec<u64>,
    /// Per pattern: its weight and whether it is ASCII (matched as a whole word only).
    patterns: Vec<(f32, bool)>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// Builds the vocabulary afresh and returns its size: what loading costs, for `benches/spam.rs`.
pub fn build_afresh() -> usize {
    build().patterns.len()
}

fn build() -> Lexicon {
    let mut terms = Vec::new();
    let mut patterns = Vec::new();
    let mut weight = 1.0f32;
    for line in DATA.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            weight = header
                .split_whitespace()
                .nth(1)
                .and_then(|w| w.parse().ok())
                .unwrap_or(1.0);
            continue;
        }
        terms.push(line);
        patterns.push((weight, line.is_ascii()));
    }
    let mut first_pairs = vec![0u64; PAIR_BITS / 64];
    for term in &terms {
        let mut chars = term.chars();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            let bit = pair_bit(a, b);
            first_pairs[bit / 64] |= 1 << (bit % 64);
        }
    }
    let matcher = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        // A few hundred terms: the full DFA is small and the fastest to scan with.
        .kind(Some(AhoCorasickKind::DFA))
        .build(&terms)
        .expect("the keyword list builds");
    Lexicon {
        matcher,
        first_pairs,
        patterns,
    }
}

/// Parses the list now rather than on first use.
pub fn load() -> usize {
    LEXICON.patterns.len()
}

const PAIR_BITS: usize = 1 << 16;

#[inline]
fn pair_bit(a: char, b: char) -> usize {
    let (a, b) = (a.to_ascii_lowercase() as u32, b.to_ascii_lowercase() as u32);
    (a.wrapping_mul(0x9E37_79B9) ^ b.wrapping_mul(0x85EB_CA6B)).rotate_left(7) as usize % PAIR_BITS
}

/// The pairs of characters the vocabulary's terms start with, for [`FirstPairs::may_start`].
pub struct FirstPairs(&'static [u64]);

impl FirstPairs {
    /// Whether some term may start with `a` then `b` (rarely a false yes, never a false no): a
    /// piece with no such pair holds no term.
    #[inline]
    pub fn may_start(&self, a: char, b: char) -> bool {
        let bit = pair_bit(a, b);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

pub fn first_pairs() -> FirstPairs {
    FirstPairs(&LEXICON.first_pairs)
}

/// Whether some term of the vocabulary occurs anywhere in `text` (case-insensitive for ASCII, word
/// edges not checked). A piece is a substring of its block, so a block where this is false holds
/// no piece of nonzero [`weight`].
pub fn occurs_in(text: &str) -> bool {
    LEXICON.matcher.is_match(text)
}

/// The strongest spam-keyword weight of any term in `item` (0 when none): 1 for gambling,
/// pornography, illicit trade and SEO terms, 0.5 for long-tail search modifiers.
pub fn weight(item: &str) -> f32 {
    let lexicon = &*LEXICON;
    let bytes = item.as_bytes();
    let mut best = 0.0f32;
    for found in lexicon.matcher.find_iter(item) {
        let (weight, ascii) = lexicon.patterns[found.pattern().as_usize()];
        if ascii {
            let before = found.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(found.end()).copied();
            if before.is_some_and(|b| b.is_ascii_alphanumeric()) || after.is_some_and(|b| b.is_ascii_alphanumeric()) {
                continue;
            }
        }
        best = best.max(weight);
        if best >= 1.0 {
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::weight;

    #[test]
    fn spam_terms() {
        assert_eq!(weight("北京赛车pk10开奖直播"), 1.0);
        assert_eq!(weight("澳门新葡京娱乐城"), 1.0);
        assert_eq!(weight("北京SEO"), 1.0);
        assert_eq!(weight("Online Casino"), 1.0);
        assert_eq!(weight("上海装修公司哪家好"), 0.5);
    }

    #[test]
    fn first_characters() {
        let first = super::first_pairs();
        assert!(first.may_start('时', '时') && first.may_start('C', 'a') && first.may_start('s', 'E'));
        assert!(!first.may_start('的', '人'));
    }

    #[test]
    fn ordinary_words() {
        for item in [
            "北京",
            "Sussex",
            "Essex",
            "seoul",
            "体育新闻",
            "彩虹",
            "xxxl",
            "新闻中心",
        ] {
            assert_eq!(weight(item), 0.0, "{item}");
        }
    }
}
