//! The vocabulary of SEO spam lists (`data/spam-keywords.txt`, written by hand): gambling,
//! pornography, illicit goods and services, black-hat SEO, and long-tail search modifiers.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::decode::script;

const DATA: &str = include_str!("../../data/spam-keywords.txt");

/// The vocabulary's terms with their automata.
///
/// Most terms are Chinese, and a term with a Han character can only occur in a text with one.
/// Texts without (English pages, the ASCII items of any page) are searched with an automaton of
/// the other terms, a few dozen states instead of thousands, so that a run over such pages never
/// builds the large one. Both automata find the same matches there: a pattern that cannot occur
/// in a haystack changes nothing about the leftmost-longest matches of the others.
struct Lexicon {
    /// The terms without a Han character.
    without_han: Matcher,
    /// Bit per hashed pair of characters some term starts with (ASCII lower-cased). Lets the
    /// tokenizer mark the few pieces worth a vocabulary search as it reads them.
    first_pairs: Vec<u64>,
    /// All terms with their weights, in the order of the list.
    terms: Vec<(&'static str, f32)>,
}

/// An automaton over some of the terms.
struct Matcher {
    automaton: AhoCorasick,
    /// Per pattern of the automaton: its weight and whether it is ASCII (matched as a whole
    /// word only).
    patterns: Vec<(f32, bool)>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// Every term, built on first use by a text with a Han character.
///
/// It searches items only (list pieces, link texts: short), where a contiguous NFA is as quick as
/// the full DFA and builds in a quarter of the time.
static ALL_TERMS: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(&LEXICON.terms, AhoCorasickKind::ContiguousNFA));

/// Builds the vocabulary afresh, its automata included, and returns its size: what loading
/// costs, for `benches/spam.rs`.
pub fn build_afresh() -> usize {
    Matcher::new(&build().terms, AhoCorasickKind::ContiguousNFA)
        .patterns
        .len()
}

/// The automaton for `text`: the small one when `text` has no Han character, so that no term
/// with one can occur in it.
fn matcher_for(text: &str) -> &'static Matcher {
    if !script::has_han(text) {
        &LEXICON.without_han
    } else {
        &ALL_TERMS
    }
}

fn build() -> Lexicon {
    let mut terms = Vec::new();
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
        terms.push((line, weight));
    }
    let mut first_pairs = vec![0u64; PAIR_BITS / 64];
    for (term, _) in &terms {
        let mut chars = term.chars();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            let bit = pair_bit(a, b);
            first_pairs[bit / 64] |= 1 << (bit % 64);
        }
    }
    let without_han: Vec<(&'static str, f32)> = terms
        .iter()
        .copied()
        .filter(|(term, _)| !term.chars().any(script::is_han))
        .collect();
    Lexicon {
        // Whole blocks are searched with it: the full DFA, the fastest to scan with, is small
        // for a few dozen terms.
        without_han: Matcher::new(&without_han, AhoCorasickKind::DFA),
        first_pairs,
        terms,
    }
}

impl Matcher {
    fn new(terms: &[(&'static str, f32)], kind: AhoCorasickKind) -> Matcher {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(terms.iter().map(|(term, _)| term))
            .expect("the keyword list builds");
        let patterns = terms.iter().map(|(term, weight)| (*weight, term.is_ascii())).collect();
        Matcher { automaton, patterns }
    }
}

/// Parses the list now rather than on first use.
pub fn load() -> usize {
    ALL_TERMS.patterns.len()
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

/// Whether some term of the vocabulary occurs anywhere in `text`, a text without a Han character
/// (case-insensitive for ASCII, word edges not checked). A piece is a substring of its block, so
/// a block where this is false holds no piece of nonzero [`weight`]. The caller knows the text
/// has no Han character, having looked for one first; only the terms without one are searched.
pub fn occurs_in_text_without_han(text: &str) -> bool {
    LEXICON.without_han.automaton.is_match(text)
}

/// The strongest spam-keyword weight of any term in `item` (0 when none): 1 for gambling,
/// pornography, illicit trade and SEO terms, 0.5 for long-tail search modifiers.
pub fn weight(item: &str) -> f32 {
    let matcher = matcher_for(item);
    let bytes = item.as_bytes();
    let mut best = 0.0f32;
    for found in matcher.automaton.find_iter(item) {
        let (weight, ascii) = matcher.patterns[found.pattern().as_usize()];
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
    fn texts_without_han_find_the_same_terms_with_either_automaton() {
        let all = &*super::ALL_TERMS;
        let small = &super::LEXICON.without_han;
        assert!(small.patterns.len() < all.patterns.len());
        for text in [
            "Online CASINO and sportsbook betting",
            "pk10 xxx porno",
            "Sussex Essex seoul",
            "Español — “casino” … ★ 😀 Baccarat",
            "no spam here",
            "",
        ] {
            let find = |m: &super::Matcher| -> Vec<(usize, usize, f32)> {
                m.automaton
                    .find_iter(text)
                    .map(|f| (f.start(), f.end(), m.patterns[f.pattern().as_usize()].0))
                    .collect()
            };
            assert_eq!(find(small), find(all), "{text}");
            assert_eq!(
                super::occurs_in_text_without_han(text),
                all.automaton.is_match(text),
                "{text}"
            );
        }
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
