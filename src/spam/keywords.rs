//! The vocabulary of SEO spam lists (`data/spam-vocabulary.txt`, built by
//! `scripts/build-spam-vocabulary`): spam terms by category (gambling and lottery, pornography,
//! sexual-health and diet drugs, loans and cash-out, fake documents and invoices, detectives and
//! surveillance, click-farm jobs, pirated video and games, weapons, black-hat SEO), each in both
//! scripts, and the carrier words stuffed lists wrap them in (site, app, download, entrance,
//! address and portal words, search modifiers, brand and site names), which are neutral.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::decode::script;

const DATA: &str = include_str!("../../data/spam-vocabulary.txt");

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
    /// Per pattern of `without_han`: whether it is ASCII letters and digits alone (see
    /// [`occurs_in_text_without_han`]).
    without_han_alphanumeric: Vec<bool>,
    /// Bit per hashed pair of characters some term starts with (ASCII lower-cased). Lets the
    /// tokenizer mark the few pieces worth a vocabulary search as it reads them.
    first_pairs: Vec<u64>,
    /// Bit per hashed pair of characters a spam term (no carrier) starts with, in a table large
    /// enough that few other pairs share a bit; `None` when some term has a single character.
    term_pairs: Option<Vec<u64>>,
    /// All spam terms with their weights, in the order of the list.
    terms: Vec<(&'static str, f32)>,
    /// The carrier words.
    carriers: Vec<&'static str>,
}

/// An automaton over some of the terms.
struct Matcher {
    automaton: AhoCorasick,
    /// Per pattern of the automaton: its weight and whether it is ASCII (matched as a whole
    /// word only).
    patterns: Vec<(f32, bool)>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// The carrier words, built on first use by an item that holds a spam term or a place.
static CARRIERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&LEXICON.carriers)
        .expect("the carrier list builds")
});

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
    let mut carriers = Vec::new();
    for line in DATA.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(term), Some(class), Some(weight)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        if class == "carrier" {
            carriers.push(term);
        } else {
            terms.push((term, weight.parse().unwrap_or(1.0)));
        }
    }
    let mut first_pairs = vec![0u64; PAIR_BITS / 64];
    for term in terms.iter().map(|(term, _)| term).chain(&carriers) {
        let mut chars = term.chars();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            let bit = pair_bit(a, b);
            first_pairs[bit / 64] |= 1 << (bit % 64);
        }
    }
    let mut term_pairs = Some(vec![0u64; TERM_PAIR_BITS / 64]);
    for (term, _) in &terms {
        let mut chars = term.chars();
        match (chars.next(), chars.next(), term_pairs.as_mut()) {
            (Some(a), Some(b), Some(bits)) => {
                let bit = term_pair_bit(a, b);
                bits[bit / 64] |= 1 << (bit % 64);
            }
            _ => term_pairs = None,
        }
    }
    let without_han: Vec<(&'static str, f32)> = terms
        .iter()
        .copied()
        .filter(|(term, _)| !term.chars().any(script::is_han))
        .collect();
    let without_han_alphanumeric = without_han
        .iter()
        .map(|(term, _)| term.bytes().all(|b| b.is_ascii_alphanumeric()))
        .collect();
    Lexicon {
        without_han_alphanumeric,
        // Whole blocks are searched with it: the full DFA, the fastest to scan with, is small
        // for a few dozen terms.
        without_han: Matcher::new(&without_han, AhoCorasickKind::DFA),
        first_pairs,
        term_pairs,
        terms,
        carriers,
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

/// Terms and carriers written in digits alone (`360`, `58`): a list item, though no word.
pub fn is_numeric_term(piece: &str) -> bool {
    static NUMERIC: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        LEXICON
            .terms
            .iter()
            .map(|(term, _)| *term)
            .chain(LEXICON.carriers.iter().copied())
            .filter(|term| term.bytes().all(|b| b.is_ascii_digit()))
            .collect()
    });
    !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit()) && NUMERIC.contains(&piece)
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

const TERM_PAIR_BITS: usize = 1 << 20;

#[inline]
fn term_pair_bit(a: char, b: char) -> usize {
    let (a, b) = (u64::from(a.to_ascii_lowercase()), u64::from(b.to_ascii_lowercase()));
    let h = (a << 21 | b).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - TERM_PAIR_BITS.trailing_zeros())) as usize
}

/// The pairs of characters spam terms (not carriers) start with, for [`TermStarts::may_start`].
pub struct TermStarts(Option<&'static [u64]>);

impl TermStarts {
    /// Whether some spam term may start with `a` then `b` (rarely a false yes, never a false
    /// no; always yes when a term has a single character).
    #[inline]
    pub fn may_start(&self, a: char, b: char) -> bool {
        self.0.is_none_or(|bits| {
            let bit = term_pair_bit(a, b);
            bits[bit / 64] & (1 << (bit % 64)) != 0
        })
    }
}

pub fn term_starts() -> TermStarts {
    TermStarts(LEXICON.term_pairs.as_deref())
}

/// Whether a spam term (not a carrier) may occur in `text`: some pair of neighbouring characters
/// is one a term starts with (rarely a false yes, never a false no). Cheaper than a search of the
/// vocabulary, and a piece [`FirstPairs::may_start`] lets through often holds only carriers.
pub fn may_hold_term(text: &str) -> bool {
    let starts = term_starts();
    if starts.0.is_none() {
        return true;
    }
    let mut chars = text.chars();
    let Some(mut previous) = chars.next() else {
        return false;
    };
    chars.any(|c| {
        let hit = starts.may_start(previous, c);
        previous = c;
        hit
    })
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

/// Whether some term of the vocabulary may occur in a piece of `text`, a text without a Han
/// character (case-insensitive for ASCII). The caller knows the text has no Han character,
/// having looked for one first; only the terms without one are searched.
///
/// A block where this is false holds no piece of nonzero [`weight`], though English prose holds
/// the short ASCII terms (`av`, `sm`) inside nearly every page's words: a match of a term of ASCII
/// letters and digits counts only at word edges, as [`spam_terms`] counts it in an item. That is
/// exact because such a match crosses no other character: a piece (less its wrapping brackets or
/// address) is a substring of its block bounded by separators or brackets, so the block's
/// leftmost-longest matches of such terms inside it are the piece's own, with the same edges;
/// any match of another term counts here wherever it lies.
pub fn occurs_in_text_without_han(text: &str) -> bool {
    let bytes = text.as_bytes();
    LEXICON.without_han.automaton.find_iter(text).any(|found| {
        let pattern = found.pattern().as_usize();
        !LEXICON.without_han_alphanumeric[pattern] || at_word_edges(bytes, found.start(), found.end())
    })
}

/// Whether `bytes[start..end]` has no ASCII letter or digit right before or after it.
fn at_word_edges(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    !(before.is_some_and(|b| b.is_ascii_alphanumeric()) || after.is_some_and(|b| b.is_ascii_alphanumeric()))
}

/// The strongest spam-keyword weight of any term in `item` (0 when none): [`spam_terms`]'s
/// weight, without collecting the ranges, stopping at the first full-weight term.
pub fn weight(item: &str) -> f32 {
    // Most pieces hold no pair of characters a term starts with: no search.
    if !may_hold_term(item) {
        return 0.0;
    }
    let matcher = matcher_for(item);
    let bytes = item.as_bytes();
    let mut best = 0.0f32;
    for found in matcher.automaton.find_iter(item) {
        let (weight, ascii) = matcher.patterns[found.pattern().as_usize()];
        if ascii && !at_word_edges(bytes, found.start(), found.end()) {
            continue;
        }
        best = best.max(weight);
        if best >= 1.0 {
            break;
        }
    }
    best
}

/// The characters of `item` that carrier words cover, outside the byte ranges `taken` (the spam
/// terms found in it): ASCII carriers only as whole words.
pub fn carrier_chars(item: &str, taken: &[(usize, usize)]) -> usize {
    let bytes = item.as_bytes();
    CARRIERS
        .find_iter(item)
        .filter(|m| {
            let ascii = item[m.start()..m.end()].is_ascii();
            (!ascii || at_word_edges(bytes, m.start(), m.end()))
                && !taken.iter().any(|&(s, e)| m.start() < e && s < m.end())
        })
        .map(|m| item[m.start()..m.end()].chars().count())
        .sum()
}

/// The spam terms of `item`: the strongest weight and the byte ranges they cover.
pub fn spam_terms(item: &str) -> (f32, Vec<(usize, usize)>) {
    let matcher = matcher_for(item);
    let bytes = item.as_bytes();
    let mut best = 0.0f32;
    let mut ranges = Vec::new();
    for found in matcher.automaton.find_iter(item) {
        let (weight, ascii) = matcher.patterns[found.pattern().as_usize()];
        if ascii && !at_word_edges(bytes, found.start(), found.end()) {
            continue;
        }
        best = best.max(weight);
        ranges.push((found.start(), found.end()));
    }
    (best, ranges)
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
        // Search modifiers are carriers, no spam terms.
        assert_eq!(weight("上海装修公司哪家好"), 0.0);
        assert_eq!(super::carrier_chars("上海装修公司哪家好", &[]), 5);
        assert_eq!(super::carrier_chars("看片app下载", &[(0, 6)]), 5);
        assert_eq!(super::carrier_chars("看片app下载", &[(0, 9)]), 0);
        assert_eq!(super::carrier_chars("happy", &[]), 0);
        // `weight` stops at the first term of full weight: no term weighs more.
        assert!(super::ALL_TERMS.patterns.iter().all(|&(weight, _)| weight <= 1.0));
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
            // The gate is true exactly when a word of the text holds a term.
            assert_eq!(
                super::occurs_in_text_without_han(text),
                text.split(|c: char| !c.is_alphanumeric())
                    .any(|word| super::weight(word) > 0.0),
                "{text}"
            );
        }
        // Terms inside words (`seo` in `Seoul`, `av` in `have`) do not open the gate.
        assert!(!super::occurs_in_text_without_han(
            "We have analysed Seoul's smog, Essex said"
        ));
        assert!(super::occurs_in_text_without_han("Seoul SEO agency"));
        assert!(super::occurs_in_text_without_han("[casino]"));
    }

    #[test]
    fn the_term_filter_lets_every_term_through() {
        for (term, _) in &super::LEXICON.terms {
            assert!(super::may_hold_term(term), "{term}");
            assert!(
                super::may_hold_term(&format!("最新{}官网", term.to_uppercase())),
                "{term}"
            );
        }
        // Ordinary words start no term.
        for word in ["首页", "新闻中心", "联系我们", "关于我们"] {
            assert!(!super::may_hold_term(word), "{word}");
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
