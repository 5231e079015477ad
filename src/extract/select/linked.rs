//! Link lines that are text after all: an outline of the text (a table of contents), the
//! linked items of a list of sentences, headings that lead within the page.

use std::collections::HashSet;

use super::Selection;
use crate::content::BlockKind;
use crate::extract::analyze::Page;
use crate::extract::dom::{NONE, NodeId, Tag};

/// The ids of the elements inside the chosen roots, found once when first asked for.
#[derive(Default)]
pub(super) struct Targets<'a> {
    ids: Option<HashSet<&'a str>>,
}

impl<'a> Targets<'a> {
    /// Whether the block at `index` has links and all of them lead to an element inside the
    /// chosen roots (`ranges`, pre-order ranges): an outline of the text itself, unlike a
    /// `#` script link, a "back to top" or a jump to the comments.
    pub(super) fn all_inside(&mut self, page: &Page<'a>, index: usize, ranges: &[(usize, usize)]) -> bool {
        let start = page.links.partition_point(|(i, _)| *i < index);
        let links = &page.links[start..];
        let count = links.iter().take_while(|(i, _)| *i == index).count();
        if count == 0 {
            return false;
        }
        let fragments: Option<Vec<&str>> = links[..count]
            .iter()
            .map(|(_, link)| link.href.strip_prefix('#').filter(|f| !f.is_empty()))
            .collect();
        let Some(fragments) = fragments else {
            return false;
        };
        let ids = self.ids.get_or_insert_with(|| {
            let mut ids = HashSet::new();
            for &(from, to) in ranges {
                for &id in &page.pre.order[from..to] {
                    if let Some(value) = page.dom.element(id).and_then(|e| e.attr("id")) {
                        ids.insert(value);
                    }
                }
            }
            ids
        });
        fragments.iter().all(|f| ids.contains(f))
    }
}

/// Whether the block at `index` has links and all of them lead to a place on the page itself
/// (`href="#section"`).
pub(super) fn links_within_page(page: &Page<'_>, index: usize) -> bool {
    let start = page.links.partition_point(|(i, _)| *i < index);
    let mut links = page.links[start..].iter().take_while(|(i, _)| *i == index).peekable();
    links.peek().is_some() && links.all(|(_, link)| link.href.starts_with('#'))
}

/// Fewest words of a list item that reads as a sentence rather than a title.
const LIST_SENTENCE_WORDS: f32 = 6.0;

/// Most list levels climbed from an item to the list it belongs to.
const MAX_LIST_NESTING: usize = 4;

/// A list whose items are sentences, some of them linked and some not (a changelog, a blog's
/// "what we fixed" list), is text: its linked items stay with the others, and so do those of
/// the lists nested in its items (the bugs listed under `In progress:`). An item reads as text
/// when it is words of its own without a link, punctuated or not (`Fixed the tab strip when
/// …`). A list of related links, or of references, has no such item among its own.
pub(super) fn keep_linked_items_of_prose_lists(page: &Page<'_>, selection: &mut Selection) {
    // The outermost list holding the item at `i` (a nested list belongs to its parent's).
    let list_of = |i: usize| -> Option<NodeId> {
        let block = &page.blocks[i];
        if block.kind != BlockKind::ListItem || page.dom.tag(block.container) != Some(Tag::Li) {
            return None;
        }
        let mut list = page.parent(block.container);
        for _ in 0..MAX_LIST_NESTING {
            let item = page.parent(list);
            if item == NONE || page.dom.tag(item) != Some(Tag::Li) {
                break;
            }
            list = page.parent(item);
        }
        (list != NONE).then_some(list)
    };
    let mut prose_lists: Vec<NodeId> = selection
        .kept
        .iter()
        .filter(|&&i| {
            let block = &page.blocks[i];
            block.measure.words >= LIST_SENTENCE_WORDS && block.measure.is_prose() && block.link_words == 0.0
        })
        .filter_map(|&i| list_of(i))
        .collect();
    if prose_lists.is_empty() {
        return;
    }
    // Sorted for a binary search per dropped block: items of one list name it many times.
    prose_lists.sort_unstable();
    prose_lists.dedup();
    let mut moved = false;
    selection.dropped.retain(|&i| {
        let measure = &page.blocks[i].measure;
        let keep = measure.words >= LIST_SENTENCE_WORDS
            && measure.is_prose()
            && list_of(i).is_some_and(|list| prose_lists.binary_search(&list).is_ok());
        if keep {
            selection.kept.push(i);
            moved = true;
        }
        !keep
    });
    if moved {
        selection.kept.sort_unstable();
    }
}
