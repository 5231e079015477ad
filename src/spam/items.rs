//! The pieces of a chain as list items: what each is (a place, a spam term, a carrier, a search
//! phrase) and, before any of that is decided, whether the chain can hold a run at all.

use super::gazetteer::{self, Place};
use super::keywords;
use super::tokens::{Piece, unwrap_item};
use crate::decode::script;

/// One piece as a list item.
pub(super) struct Item<'a> {
    pub text: &'a str,
    pub place: Option<Place<'a>>,
    pub role: Role,
}

/// What an item is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Holds a spam term.
    Spam,
    /// A search phrase: a word the vocabulary lacks wrapped in carriers or after a place name
    /// (`X哪家好`, `X官方下载`, `南充X`).
    Phrase,
    /// Nothing but carrier words (`官方网站`, `多少钱`, `网易`): neutral.
    Carrier,
    /// A place name.
    Place,
    /// Anything else.
    Other,
}

/// The role of item `text` that holds the spam terms `spam` (weight, byte ranges) and is the
/// place `place`, if any.
fn role_of(text: &str, place: Option<&Place<'_>>, spam: (f32, &[(usize, usize)]), hinted: bool) -> Role {
    if spam.0 >= 0.5 {
        return Role::Spam;
    }
    if place.is_some() {
        return Role::Place;
    }
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    let carriers = if hinted {
        keywords::carrier_chars(text, spam.1)
    } else {
        0
    };
    let prefix = if script::has_han(text) { place_prefix(text) } else { 0 };
    let core = letters.saturating_sub(carriers + prefix);
    if carriers > 0 && core == 0 {
        Role::Carrier
    } else if (carriers > 0 || prefix > 0) && core >= 2 {
        Role::Phrase
    } else {
        Role::Other
    }
}

/// The characters of the place name `text` starts with (a full name or an unambiguous short
/// form, leaving at least two characters after it), or 0.
fn place_prefix(text: &str) -> usize {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let longest = bounds.len().saturating_sub(2).min(6);
    (2..=longest)
        .rev()
        .find(|&k| gazetteer::lookup(&text[..bounds[k]]).is_some_and(|p| p.weight >= 1.0))
        .unwrap_or(0)
}

/// The pieces of a chain as list items, or `None` when no run can be found among them.
///
/// Every run holds a spam term (a keyword list) or at least three places (a place list of
/// [`super::lists::MIN_KEYWORD_ITEMS`] items, most of them known); most chains, the clauses of a
/// sentence, a menu, hold neither. The tokenizer marks the pieces that may hold a term
/// (`term_hint`) or be a name (`place_hint`) as it reads them, so such a chain is passed over on
/// those marks alone. Otherwise the marked pieces are searched for terms (one vocabulary search
/// each, stopping at a full-weight term); without a spam term, only a chain with three pieces
/// that may be names is looked up in the gazetteer, and the finer roles (carriers, search
/// phrases), which only a keyword list reads, are left undecided.
pub(super) fn chain_items<'b, S: AsRef<str>>(blocks: &'b [S], pieces: &[Piece]) -> Option<Vec<Item<'b>>> {
    let text_of = |p: &Piece| unwrap_item(&blocks[p.block].as_ref()[p.start..p.end]);
    // An address after an item (a link farm written out) is neutral, as carriers are, whatever
    // it holds.
    let spam_term = |p: &Piece| p.term_hint && !p.address && keywords::weight(text_of(p)) >= 0.5;
    if !pieces.iter().any(spam_term) {
        let candidate = |p: &Piece| {
            p.place_hint && {
                let text = text_of(p);
                gazetteer::may_be_name(text) && script::has_han(text)
            }
        };
        // Fewer than three candidates: no place list.
        pieces.iter().filter(|p| candidate(p)).nth(2)?;
        let mut places = 0;
        let items: Vec<Item<'b>> = pieces
            .iter()
            .map(|p| {
                let text = text_of(p);
                let place = if candidate(p) {
                    gazetteer::lookup_candidate(text)
                } else {
                    None
                };
                places += usize::from(place.is_some());
                // Carriers and search phrases are not told apart here: with no spam term the
                // chain can only be a place list, and only keyword lists read those roles.
                let role = if p.address {
                    Role::Carrier
                } else if place.is_some() {
                    Role::Place
                } else {
                    Role::Other
                };
                Item { text, place, role }
            })
            .collect();
        return (places >= 3).then_some(items);
    }
    Some(
        pieces
            .iter()
            .map(|p| {
                let text = text_of(p);
                let place = if script::has_han(text) {
                    gazetteer::lookup(text)
                } else {
                    None
                };
                let role = if p.address {
                    Role::Carrier
                } else {
                    let (keyword, taken) = if p.keyword_hint {
                        keywords::spam_terms(text)
                    } else {
                        (0.0, Vec::new())
                    };
                    role_of(text, place.as_ref(), (keyword, &taken), p.keyword_hint)
                };
                Item { text, place, role }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spam::tokens;

    /// The items as the chain would read them with nothing skipped: every Han item looked up,
    /// every hinted item searched for terms.
    fn all_items<'b>(blocks: &'b [&'b str], pieces: &[Piece]) -> Vec<Item<'b>> {
        pieces
            .iter()
            .map(|p| {
                let text = unwrap_item(&blocks[p.block][p.start..p.end]);
                let place = if script::has_han(text) {
                    gazetteer::lookup(text)
                } else {
                    None
                };
                let (keyword, taken) = if p.keyword_hint {
                    keywords::spam_terms(text)
                } else {
                    (0.0, Vec::new())
                };
                let role = if p.address {
                    Role::Carrier
                } else {
                    role_of(text, place.as_ref(), (keyword, &taken), p.keyword_hint)
                };
                Item { text, place, role }
            })
            .collect()
    }

    #[test]
    fn chain_items_skips_only_chains_that_hold_no_run() {
        let blocks = [
            "玛多县| 新郑市| 东安县| 和林格尔县| 永安市| 山东省| 阿拉善左旗",
            "北京赛车| 官网入口| 刷单兼职| 网址| 澳门银河| app下载",
            "首页 | 新闻 | 体育 | 财经 | 娱乐 | 科技 | 汽车",
            "今年以来，全市新建道路，改造管网，整治河道，提升公园，完善设施",
            "北京 | 上海 | 广州 | 深圳 | 官方网站 | 下载",
            "成都-雅安-康定-理塘-巴塘-芒康",
            "看片app下载 | 一夜情（www.example.net） | 官方网站 | 南充一夜情",
        ];
        let pieces = tokens::pieces(&blocks);
        for block in 0..blocks.len() {
            let chain: Vec<Piece> = pieces.iter().copied().filter(|p| p.block == block).collect();
            let all = all_items(&blocks, &chain);
            let spam = all.iter().any(|i| i.role == Role::Spam);
            let places = all.iter().filter(|i| i.place.is_some()).count();
            match chain_items(&blocks, &chain) {
                None => assert!(!spam && places < 3, "{}", blocks[block]),
                Some(items) => {
                    assert_eq!(items.len(), all.len());
                    for (got, want) in items.iter().zip(&all) {
                        assert_eq!(got.text, want.text);
                        assert_eq!(got.place, want.place, "{}", got.text);
                        // Without a spam term only places and addresses need their role.
                        if spam || matches!(want.role, Role::Place | Role::Spam) {
                            assert_eq!(got.role, want.role, "{}", got.text);
                        }
                    }
                }
            }
        }
        // The gate's two kinds of chain are both met above.
        assert!(chain_items(&blocks, &pieces_of(&pieces, 2)).is_none());
        assert!(chain_items(&blocks, &pieces_of(&pieces, 0)).is_some());
        assert!(chain_items(&blocks, &pieces_of(&pieces, 1)).is_some());
    }

    fn pieces_of(pieces: &[Piece], block: usize) -> Vec<Piece> {
        pieces.iter().copied().filter(|p| p.block == block).collect()
    }
}
