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

/// Most levels of nested lists followed up to the outermost one.
const MAX_NESTED_LISTS: usize = 8;

/// A list whose items are sentences, some of them linked and some not (a changelog, a blog's
/// "what we fixed" list, and the lists nested in its items), is text: its linked items stay with the others. A list of related
/// links has no sentence without a link among its items.
pub(super) fn keep_linked_items_of_prose_lists(page: &Page<'_>, selection: &mut Selection) {
    let list_of = |i: usize| -> Option<NodeId> {
        let block = &page.blocks[i];
        if block.kind != BlockKind::ListItem || page.dom.tag(block.container) != Some(Tag::Li) {
            return None;
        }
        // A list nested in an item is part of the list that item stands in.
        let mut list = page.parent(block.container);
        for _ in 0..MAX_NESTED_LISTS {
            let item = page.parent(list);
            if item == NONE || page.dom.tag(item) != Some(Tag::Li) {
                break;
            }
            list = page.parent(item);
        }
        Some(list)
    };
    let prose_lists: Vec<NodeId> = selection
        .kept
        .iter()
        .filter(|&&i| {
            let block = &page.blocks[i];
            block.measure.words >= LIST_SENTENCE_WORDS && block.measure.punct > 0 && block.link_words == 0.0
        })
        .filter_map(|&i| list_of(i))
        .collect();
    if prose_lists.is_empty() {
        return;
    }
    let mut moved = false;
    selection.dropped.retain(|&i| {
        let measure = &page.blocks[i].measure;
        let keep = measure.words >= LIST_SENTENCE_WORDS
            && measure.is_prose()
            && list_of(i).is_some_and(|list| prose_lists.contains(&list));
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
