//! Choosing the main content: score the containers of prose, take the best one with its
//! continuous siblings, then drop the link lists left inside.
//!
//! A line scores by what makes prose in any script: its words (a CJK character counting as
//! part of one), its sentence punctuation (`,` and `，。！？；：` alike) and how little of it is
//! link text. The score goes to the nearest container element, half of it to the container's
//! parent and a sixth to the grandparent, so the element that directly holds most of the
//! prose wins over both its paragraphs and the page wrapper. Class and id names (`article`,
//! `content`, `正文`, `TRS_Editor`… against `comment`, `related`, `sidebar`…) and the position
//! after the headline adjust the score; the total is discounted by the container's link density.

use std::sync::LazyLock;

use regex::Regex;

mod fallback;
mod linked;

use self::fallback::{align_to_article_body, drop_repeated_runs, is_sentence, widen_to_prose_run};
use self::linked::{Targets, keep_linked_items_of_prose_lists, links_within_page};
use super::analyze::{Page, RawBlock};
use super::dom::{NONE, NodeId, Tag};
use crate::content::{AsideKind, BlockKind};

/// How much of the best score the best container starting under the headline needs to win.
const NEAR_HEADLINE_SHARE: f32 = 0.3;

/// Most words a wrapper may hold beside its one substantial child for the child to stand for it.
const WRAPPER_EXTRA_WORDS: f32 = 10.0;

/// Which blocks of the page are the main content.
#[derive(Debug, Default)]
pub struct Selection {
    /// Indices into [`Page::blocks`], in document order.
    pub kept: Vec<usize>,
    /// Link-list blocks dropped from inside the chosen region (for the spam stage).
    pub dropped: Vec<usize>,
    /// The chosen container (or the document when nothing was found).
    pub root: NodeId,
    /// The page is an index of teasers, not an article: the kept lines are its teasers.
    pub index: bool,
}

/// A block's contribution to its containers' scores.
fn block_score(block: &RawBlock) -> f32 {
    let words = block.measure.words;
    // A heading scores nothing, unless it is a paragraph set as a heading (a listicle's items,
    // a page that writes its text in `h2`s): long and punctuated like a sentence.
    if block.kind == BlockKind::Heading && (words < 15.0 || block.measure.punct < 2) {
        return 0.0;
    }
    if words < 4.0 {
        return 0.0;
    }
    let link_density = block.link_words / words;
    if link_density > 0.5 {
        return 0.0;
    }
    let punct = (block.measure.punct as f32).min(10.0);
    (1.0 + punct + (words / 15.0).min(4.0)) * (1.0 - link_density)
}

fn tag_prior(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        Tag::H(_) => -5.0,
        _ => 0.0,
    }
}

/// Elements a block's score passes through to reach a container.
fn is_transparent(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::H(_)
            | Tag::Li
            | Tag::Ul
            | Tag::Ol
            | Tag::Dl
            | Tag::Dt
            | Tag::Dd
            | Tag::Pre
            | Tag::Tr
            | Tag::TableSection
            | Tag::Table
            | Tag::Figure
            | Tag::Figcaption
            | Tag::Address
            | Tag::A
            | Tag::Time
            | Tag::Other
            | Tag::Img
            | Tag::Br
            | Tag::Hr
    )
}

/// The article's headline element, and whether its line is text too (a headline that is not
/// the page's title: the record's `title` does not already say it).
#[derive(Debug, Clone, Copy)]
pub struct Headline {
    pub id: NodeId,
    pub in_text: bool,
}

pub fn select(page: &Page<'_>, headline: Option<Headline>, article_body: Option<&str>) -> Selection {
    let dom = page.dom;
    let n = dom.nodes.len();
    let mut score = vec![0.0f32; n];
    let mut scored = vec![false; n];
    // Words and link words of the blocks in each subtree (chrome excluded).
    let mut words = vec![0.0f32; n];
    let mut link_words = vec![0.0f32; n];

    for block in page.blocks.iter().filter(|b| b.aside.is_none()) {
        words[block.container as usize] += block.measure.words;
        link_words[block.container as usize] += block.link_words;
        let w = block_score(block);
        if w <= 0.0 {
            continue;
        }
        let mut anchor = block.container;
        for _ in 0..8 {
            match dom.tag(anchor) {
                Some(tag) if is_transparent(tag) => anchor = page.parent(anchor),
                _ => break,
            }
            if anchor == NONE {
                break;
            }
        }
        let mut target = anchor;
        for share in [1.0, 0.5, 1.0 / 6.0] {
            if target == NONE || dom.element(target).is_none() {
                break;
            }
            score[target as usize] += w * share;
            scored[target as usize] = true;
            target = page.parent(target);
        }
    }
    for &id in page.pre.order.iter().rev() {
        let parent = page.parent(id);
        if parent != NONE {
            words[parent as usize] += words[id as usize];
            link_words[parent as usize] += link_words[id as usize];
        }
    }

    // Headline position: content follows the headline; what precedes it is rarely content.
    let headline_pos = headline.map(|h| page.pos[h.id as usize]);
    // The first content line of each subtree (as an index into the flow lines), to tell the
    // text that follows the headline from a longer story further down the page.
    let flow: Vec<usize> = (0..page.blocks.len())
        .filter(|&i| page.blocks[i].aside.is_none())
        .collect();
    let mut first_line = vec![usize::MAX; n];
    for (rank, &b) in flow.iter().enumerate().rev() {
        let c = page.blocks[b].container as usize;
        first_line[c] = first_line[c].min(rank);
    }
    for &id in page.pre.order.iter().rev() {
        let parent = page.parent(id);
        if parent != NONE {
            first_line[parent as usize] = first_line[parent as usize].min(first_line[id as usize]);
        }
    }
    let headline_line = headline_pos.map(|hp| flow.partition_point(|&b| page.blocks[b].at < hp));
    let mut finals: Vec<(f32, NodeId)> = Vec::new();
    let mut near_headline: Vec<NodeId> = Vec::new();
    for (i, &was_scored) in scored.iter().enumerate() {
        if !was_scored {
            continue;
        }
        let id = i as NodeId;
        let Some(element) = dom.element(id) else { continue };
        let mut s = score[i] + tag_prior(element.tag) + page.evidence(id).weight();
        if let Some(hp) = headline_pos {
            let end = page.pre.end[page.pos[i] as usize] as u32;
            if end <= hp {
                // Wholly before the headline.
                s *= 0.5;
            } else if let Some(hl) = headline_line
                && page.pos[i] > hp
                && first_line[i] >= hl
                && first_line[i] <= hl + 6
            {
                // Starts right under the headline.
                s *= 1.3;
                near_headline.push(id);
            }
        }
        let ld = link_words[i] / words[i].max(1.0);
        finals.push((s * (1.0 - ld), id));
    }
    let mut final_scores = vec![0.0f32; n];
    for &(s, id) in &finals {
        final_scores[id as usize] = s;
    }
    finals.sort_by(|a, b| b.0.total_cmp(&a.0));
    let final_score = |id: NodeId| -> f32 { final_scores.get(id as usize).copied().unwrap_or(0.0) };
    let body = page.body;
    let Some(&(top_score, top)) = finals.first() else {
        // No line long enough to score (a stub page, a page of headings): what little text
        // is outside the chrome is the content.
        let kept = page
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.aside.is_none())
            .map(|(i, _)| i)
            .filter(|&i| headline.is_none_or(|h| h.in_text || page.blocks[i].container != h.id))
            .collect::<Vec<usize>>();
        let kept = if kept.is_empty() {
            lone_prose_in_chrome(page)
        } else {
            kept
        };
        return Selection {
            root: body,
            kept,
            ..Selection::default()
        };
    };

    let grow = |top: NodeId, top_score: f32| -> (NodeId, Vec<NodeId>) {
        let top = grow_top(page, &finals, &final_score, top, top_score);
        let roots = with_siblings(page, top, &final_score, &words, &link_words);
        if roots.len() == 1
            && let Some(wrapped) = prose_beside_wrapper(page, top, &words, &link_words)
        {
            return (top, wrapped);
        }
        (top, roots)
    };
    let (mut top, mut roots) = grow(top, top_score);
    // The text right under the headline is the article even when a longer text elsewhere
    // (a recommended story, a consent dialog, a newsletter box) outscores it, unless it is
    // only a fraction of that. A region that already holds it agrees.
    if let Some((s, c)) = near_headline
        .iter()
        .map(|&c| (final_score(c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        && s >= NEAR_HEADLINE_SHARE * top_score
        && !roots.iter().any(|&r| page.contains(r, c) || page.contains(c, r))
    {
        (top, roots) = grow(c, s);
    }
    let mut selection = collect(page, &roots, headline);
    selection.root = top;
    widen_to_prose_run(page, &mut selection, headline);
    align_to_article_body(page, &mut selection, article_body);
    if selection.kept.is_empty() {
        selection.kept = lone_prose_in_chrome(page);
    }
    narrow_to_named_content(page, &mut selection);
    trim_bylines(page, &mut selection);
    trim_edges(page, &mut selection);
    drop_repeated_runs(page, &mut selection);
    if is_list_page(page, &selection) {
        if has_teaser_summaries(page, &selection) {
            keep_teaser_headlines(page, &mut selection);
            selection.index = true;
        } else {
            selection.dropped.append(&mut selection.kept);
            selection.dropped.sort_unstable();
        }
    }
    selection
}

/// Fewest summaries that read as sentences for a run of teasers to be an index page's text.
const MIN_TEASER_SUMMARIES: usize = 3;

/// Whether the kept lines of a page of teasers say something of their own: summaries that read
/// as sentences. Headlines alone (a gallery's related links) say nothing.
fn has_teaser_summaries(page: &Page<'_>, selection: &Selection) -> bool {
    selection.kept.iter().filter(|&&i| is_sentence(&page.blocks[i])).count() >= MIN_TEASER_SUMMARIES
}

/// Fewest words of a teaser's headline on an index page.
const TEASER_HEADLINE_WORDS: f32 = 3.0;

/// An index page's text is its teasers: each headline with its summary. The headlines, links
/// dropped as a link list, come back; `Read more` and other short links stay out.
fn keep_teaser_headlines(page: &Page<'_>, selection: &mut Selection) {
    selection.dropped.retain(|&i| {
        let keep = page.blocks[i].measure.words >= TEASER_HEADLINE_WORDS;
        if keep {
            selection.kept.push(i);
        }
        !keep
    });
    selection.kept.sort_unstable();
}

/// The lowest element holding both `a` and `b`.
fn common_ancestor(page: &Page<'_>, a: NodeId, b: NodeId) -> NodeId {
    let mut at = a;
    while at != NONE && !page.contains(at, b) {
        at = page.parent(at);
    }
    at
}

/// A line that is mostly link text: a link list's item, a teaser.
pub(super) fn is_link_line(block: &RawBlock) -> bool {
    let words = block.measure.words;
    let link_density = block.link_words / words.max(1.0);
    link_density > 0.8 || (link_density > 0.6 && words < 40.0) || (link_density > 0.35 && words < 12.0)
}

fn is_spelled_out_address(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www."))
        && !text.contains(char::is_whitespace)
}

/// Most chrome blocks a page with no content outside chrome may hold for them to be its text.
const LONE_PROSE_MAX: usize = 3;

/// On a page with nothing outside chrome, its few sentences of prose (a notice inside a
/// `header`, a one-paragraph page wrapped in a `footer`-named div) are its text: an empty
/// record would lose the page's only content. Navigation and copyright lines stay out, and
/// a page with more prose than that in its chrome is a page of chrome.
fn lone_prose_in_chrome(page: &Page<'_>) -> Vec<usize> {
    let prose: Vec<usize> = page
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.aside.is_some_and(|a| {
                let region = &page.asides[a];
                region.kind == AsideKind::Chrome && page.dom.tag(region.root) != Some(Tag::Nav)
            }) && b.kind == BlockKind::Paragraph
                && b.measure.punct >= 1
                && b.measure.words >= 3.0
                && b.link_words <= 0.5 * b.measure.words
                && !is_copyright_line(&b.text)
        })
        .map(|(i, _)| i)
        .collect();
    if prose.len() <= LONE_PROSE_MAX {
        prose
    } else {
        Vec::new()
    }
}

fn is_copyright_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "©",
        "(c)",
        "copyright",
        "all rights reserved",
        "版权所有",
        "版權所有",
        "版权声明",
        "版權聲明",
        "icp备",
        "icp证",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// From the best container up to the element that holds the whole article: the ancestor of
/// several strong candidates (an article split by ads), a parent that scores higher, the
/// parent of an only child.
fn grow_top(
    page: &Page<'_>,
    finals: &[(f32, NodeId)],
    final_score: &dyn Fn(NodeId) -> f32,
    top: NodeId,
    top_score: f32,
) -> NodeId {
    let dom = page.dom;
    let body = page.body;
    let mut top = top;
    // Several strong candidates under one ancestor: the article is split (by ads, by
    // wrappers); take the ancestor.
    let alternatives: Vec<NodeId> = finals
        .iter()
        .filter(|(_, c)| *c != top)
        .take(4)
        .filter(|(s, _)| *s >= 0.75 * top_score)
        .map(|(_, c)| *c)
        .collect();
    if alternatives.len() >= 3 {
        let mut ancestor = page.parent(top);
        while ancestor != NONE && ancestor != body {
            if alternatives.iter().filter(|&&a| page.contains(ancestor, a)).count() >= 3 {
                top = ancestor;
                break;
            }
            ancestor = page.parent(ancestor);
        }
    }
    // Climb while the parent scores higher without falling too low on the way.
    let mut last = final_score(top).max(top_score.min(final_score(top)));
    let threshold = last / 3.0;
    let mut parent = page.parent(top);
    while parent != NONE && parent != body && dom.element(parent).is_some() {
        let s = final_score(parent);
        if s == 0.0 {
            parent = page.parent(parent);
            continue;
        }
        if s < threshold {
            break;
        }
        if s > last {
            top = parent;
            break;
        }
        last = s;
        parent = page.parent(parent);
    }
    // An only child stands for its parent.
    loop {
        let parent = page.parent(top);
        if parent == NONE || parent == body || dom.element(parent).is_none() {
            break;
        }
        let element_children = dom.children(parent).filter(|&c| dom.element(c).is_some()).count();
        if element_children != 1 {
            break;
        }
        top = parent;
    }
    top
}

/// When `top` is all a wrapper holds but a few words (the rest of an article in a `read-more`
/// box, after its button and an ad slot), the article's first part may stand beside the
/// wrapper: the wrapper with its adjacent siblings that read as paragraphs of prose, empty
/// ones stepped over. `None` when there is no such paragraph.
fn prose_beside_wrapper(page: &Page<'_>, top: NodeId, words: &[f32], link_words: &[f32]) -> Option<Vec<NodeId>> {
    let dom = page.dom;
    let wrapper = page.parent(top);
    if wrapper == NONE || wrapper == page.body || dom.element(wrapper).is_none() {
        return None;
    }
    let w = wrapper as usize;
    if words[w] >= words[top as usize] + WRAPPER_EXTRA_WORDS {
        return None;
    }
    let paragraph = |s: NodeId| -> Option<bool> {
        let i = s as usize;
        if words[i] == 0.0 {
            return None;
        }
        // A paragraph, or a div that only wraps paragraphs (a story's intro).
        let paragraph_wrapper = dom.tag(s) == Some(Tag::Div)
            && dom
                .children(s)
                .filter(|&c| dom.element(c).is_some())
                .all(|c| dom.tag(c) == Some(Tag::P))
            && dom.children(s).any(|c| dom.tag(c) == Some(Tag::P))
            && ends_sentence(page, s);
        let prose = (matches!(dom.tag(s), Some(Tag::P | Tag::Blockquote)) || paragraph_wrapper)
            && words[i] > 15.0
            && link_words[i] < 0.25 * words[i]
            && page.prose_words[i] >= 0.5 * words[i];
        Some(prose)
    };
    let mut roots = vec![wrapper];
    for step in [
        (|n: &super::dom::Node| n.prev_sibling) as fn(&super::dom::Node) -> NodeId,
        |n| n.next_sibling,
    ] {
        let mut at = step(dom.node(wrapper));
        while at != NONE {
            if dom.element(at).is_some() {
                match paragraph(at) {
                    Some(true) => roots.push(at),
                    Some(false) => break,
                    None => {}
                }
            }
            at = step(dom.node(at));
        }
    }
    if roots.len() == 1 {
        return None;
    }
    roots.sort_by_key(|&r| page.pos[r as usize]);
    Some(roots)
}

/// `top` and its siblings that continue it: prose-like siblings are taken, small or chrome
/// siblings (an ad slot between two halves of the article) are stepped over, and the first
/// substantial sibling that is not prose ends the run.
fn with_siblings(
    page: &Page<'_>,
    top: NodeId,
    final_score: &dyn Fn(NodeId) -> f32,
    words: &[f32],
    link_words: &[f32],
) -> Vec<NodeId> {
    let dom = page.dom;
    let top_score = final_score(top);
    // Repeated units (forum posts, the parts of an article cut by ads): when the best
    // container or one of its near ancestors has siblings of the same tag and class that hold
    // prose too, the unit is that element and its like siblings all continue it.
    let mut top = top;
    let mut repeated = false;
    let mut unit = top;
    for _ in 0..3 {
        let parent = page.parent(unit);
        if parent == NONE || unit == page.body {
            break;
        }
        if dom
            .element(unit)
            .and_then(|e| e.attr("class"))
            .is_some_and(|c| !c.trim().is_empty())
        {
            let like = dom
                .children(parent)
                .filter(|&c| c != unit && same_kind(page, c, unit) && page.prose_words[c as usize] >= 15.0);
            if like.count() > 0 {
                top = unit;
                repeated = true;
                break;
            }
        }
        unit = parent;
    }
    let parent = page.parent(top);
    if parent == NONE {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom
        .element(top)
        .and_then(|e| e.attr("class"))
        .filter(|c| !c.trim().is_empty());
    let siblings: Vec<NodeId> = dom.children(parent).filter(|&c| dom.element(c).is_some()).collect();
    let Some(at) = siblings.iter().position(|&c| c == top) else {
        return vec![top];
    };
    let qualifies = |s: NodeId| -> Option<bool> {
        let i = s as usize;
        let w = words[i];
        let ld = link_words[i] / w.max(1.0);
        if repeated && same_kind(page, s, top) {
            return if page.prose_words[i] > 0.0 { Some(true) } else { None };
        }
        let bonus = if top_class.is_some() && dom.element(s).and_then(|e| e.attr("class")) == top_class {
            top_score * 0.2
        } else {
            0.0
        };
        if final_score(s) + bonus >= threshold {
            return Some(true);
        }
        let paragraph_like = matches!(
            dom.tag(s),
            Some(Tag::P | Tag::Blockquote | Tag::Pre | Tag::Ul | Tag::Ol)
        );
        if paragraph_like || w > 0.0 {
            let text_blocks = paragraph_like || dom.tag(s) == Some(Tag::Div);
            if text_blocks && ld < 0.25 && w > 15.0 {
                return Some(true);
            }
            if text_blocks && ld == 0.0 && w > 0.0 && ends_sentence(page, s) {
                return Some(true);
            }
        }
        // Not prose: a gap (stepped over) when small, the end of the run otherwise.
        if w < 25.0 || ld > 0.5 && w < 60.0 {
            None
        } else {
            Some(false)
        }
    };
    let mut roots = vec![top];
    // Small siblings stepped over between two taken ones (a subheading, a one-line
    // paragraph) are part of the run; chrome and link lists among them are left out later.
    let mut gaps = Vec::new();
    let mut pending = Vec::new();
    for &s in siblings[..at].iter().rev() {
        match qualifies(s) {
            Some(true) => {
                roots.push(s);
                gaps.append(&mut pending);
            }
            Some(false) => break,
            None => pending.push(s),
        }
    }
    pending.clear();
    for &s in &siblings[at + 1..] {
        match qualifies(s) {
            Some(true) => {
                roots.push(s);
                gaps.append(&mut pending);
            }
            Some(false) => break,
            None => pending.push(s),
        }
    }
    roots.append(&mut gaps);
    roots.sort_by_key(|&r| page.pos[r as usize]);
    roots
}

/// Two elements of one kind: the same tag and the same class names, but for names of a state
/// (`slide active` and `slide`, `item current` and `item`).
fn same_kind(page: &Page<'_>, a: NodeId, b: NodeId) -> bool {
    let (Some(x), Some(y)) = (page.dom.element(a), page.dom.element(b)) else {
        return false;
    };
    let (Some(cx), Some(cy)) = (x.attr("class"), y.attr("class")) else {
        return false;
    };
    if x.name != y.name || cx.trim().is_empty() {
        return false;
    }
    if cx == cy {
        return true;
    }
    // Class lists are short; a long one is compared by its first names.
    const MAX_NAMES: usize = 16;
    let (nx, ny) = (class_names(cx, MAX_NAMES), class_names(cy, MAX_NAMES));
    !nx.is_empty() && nx == ny
}

/// Class names that say what state an element is in, not what it is.
fn is_state_name(name: &str) -> bool {
    let name = name.strip_prefix("is-").unwrap_or(name);
    matches!(
        name,
        "active" | "current" | "selected" | "open" | "show" | "shown" | "visible" | "first" | "last" | "odd" | "even"
    )
}

/// The first `max` names of a class list but those of a state, sorted, without repeats.
fn class_names(class: &str, max: usize) -> Vec<&str> {
    let mut names: Vec<&str> = class
        .split_ascii_whitespace()
        .take(max)
        .filter(|n| !is_state_name(n))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// How far up from a kept line a content container's name is looked for.
const NAMED_CONTENT_DEPTH: usize = 6;

/// A text too short to score (a two-line post) leaves the choice to the region under the
/// headline, which on a blog holds the toolbar, the counters and the share box too. When no
/// kept line reads as a sentence and some of them lie in an element that a CMS names as the
/// content (`article_content`, `TRS_Editor`), those are the text.
fn narrow_to_named_content(page: &Page<'_>, selection: &mut Selection) {
    // A licence notice reads as sentences but is the blog's, not the post's.
    let sentence = |i: usize| {
        let m = &page.blocks[i].measure;
        m.punct >= 2 && m.words >= 10.0 && !is_copyright_line(&page.blocks[i].text)
    };
    if selection.kept.len() < 2 || selection.kept.iter().any(|&i| sentence(i)) {
        return;
    }
    let named = selection.kept.iter().find_map(|&i| {
        let mut at = page.blocks[i].container;
        for _ in 0..NAMED_CONTENT_DEPTH {
            if at == NONE || at == selection.root || at == page.body {
                return None;
            }
            if page.evidence(at).strong {
                return Some(at);
            }
            at = page.parent(at);
        }
        None
    });
    let Some(named) = named else { return };
    selection
        .kept
        .retain(|&i| page.contains(named, page.blocks[i].container));
}

/// Byline and date lines at the top of the text (`By Jane Doe | April 2`, `2024-05-20 06:48
/// 发布于北京市`) are metadata, not text. Credits at the end (`Reporting by …; Editing by …`,
/// `责任编辑：李四`) are the article's own closing lines and stay.
fn trim_bylines(page: &Page<'_>, selection: &mut Selection) {
    const EDGE: usize = 4;
    let n = selection.kept.len();
    if n < 3 {
        return;
    }
    let is_byline = |i: usize| {
        let block = &page.blocks[i];
        !matches!(block.kind, BlockKind::Heading | BlockKind::TableRow)
            && crate::meta::byline::parse_line(&block.text).is_some()
    };
    let mut drop = vec![false; n];
    for (at, &i) in selection.kept.iter().enumerate() {
        if at < EDGE && is_byline(i) {
            drop[at] = true;
        }
    }
    // Byline-shaped lines further down (a date over every post of a thread, a dateline per
    // update of a live blog) make the first one part of the text's own structure.
    if !drop.contains(&true) || (EDGE..n).any(|at| is_byline(selection.kept[at])) {
        return;
    }
    let mut at = 0;
    selection.kept.retain(|&i| {
        let keep = !drop[at];
        at += 1;
        if !keep {
            selection.dropped.push(i);
        }
        keep
    });
    selection.dropped.sort_unstable();
}

/// Most words of a line at the edge of the text read as a label or a counter, not text.
const EDGE_LABEL_WORDS: f32 = 4.0;

/// What is left at the edges of the text from furniture around it: counters before the first
/// sentence (`5 min read`, `1.2K`, `12 Comments`, a post's stats) and, at the end, the title of
/// a section whose body was left out (`Downloads` over a dropped link list, `评论` over a
/// comment thread), or a heading whose section was all dropped.
fn trim_edges(page: &Page<'_>, selection: &mut Selection) {
    let label = |i: usize| {
        let block = &page.blocks[i];
        block.measure.words <= EDGE_LABEL_WORDS && block.measure.punct == 0
    };
    let sentence = |i: usize| {
        let m = &page.blocks[i].measure;
        m.punct > 0 && m.words >= 8.0
    };
    let mut drop: Vec<usize> = Vec::new();
    // Leading counters: a number among a few words, before the text's first sentence.
    if let Some(first) = selection.kept.iter().position(|&i| sentence(i)) {
        for &i in &selection.kept[..first] {
            let block = &page.blocks[i];
            if block.kind == BlockKind::Paragraph && label(i) && block.text.bytes().any(|b| b.is_ascii_digit()) {
                drop.push(i);
            }
        }
    }
    // A heading whose section's lines were all dropped: the next kept line is a heading too.
    for pair in selection.kept.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if page.blocks[a].kind == BlockKind::Heading
            && page.blocks[b].kind == BlockKind::Heading
            && selection
                .dropped
                .get(selection.dropped.partition_point(|&d| d <= a))
                .is_some_and(|&d| d < b)
        {
            drop.push(a);
        }
    }
    // A post's stats line closing the text (`posted @ 2023-12-14 21:37 青石巷 阅读(1024)`,
    // `Updated 3 May 2024 · 1,024 views`): a date and a counter among a few words.
    if let Some(&last) = selection.kept.last()
        && selection.kept.len() > 1
        && is_stats_line(&page.blocks[last])
    {
        drop.push(last);
    }
    // Trailing section titles: a heading or a label outside a paragraph, followed on the page
    // by what the text left out (chrome, a dropped list) or by nothing.
    for &i in selection.kept.iter().rev() {
        let block = &page.blocks[i];
        let titled = block.kind == BlockKind::Heading
            || (block.kind == BlockKind::Paragraph && page.dom.tag(block.container) != Some(Tag::P));
        let next_left_out = page.blocks.get(i + 1).is_some_and(|next| {
            next.aside.is_some_and(|a| page.asides[a].kind == AsideKind::Chrome)
                || selection.dropped.binary_search(&(i + 1)).is_ok()
        });
        if !(titled && label(i) && next_left_out) || drop.len() + 1 >= selection.kept.len() {
            break;
        }
        drop.push(i);
    }
    if drop.is_empty() || drop.len() >= selection.kept.len() {
        return;
    }
    drop.sort_unstable();
    selection.kept.retain(|i| drop.binary_search(i).is_err());
    selection.dropped.extend(drop);
    selection.dropped.sort_unstable();
    selection.dropped.dedup();
}

/// Most words of a post's stats line (date, author, counters).
const STATS_LINE_WORDS: f32 = 20.0;

/// A counter of a post's readers or reactions: `阅读(1024)`, `评论：3`, `1,024 views`,
/// `3 Kommentare`, `Views: 88`.
static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:阅读|閱讀|浏览|瀏覽|评论|評論|点击|點擊|推荐|推薦|views?|comments?|likes?|reads?|aufrufe|kommentare?)\s*[(（:：]\s*\d|\d[\d,.]*\s*(?:次阅读|次浏览|views?|comments?|likes?|reads?|aufrufe|kommentare?)\b",
    )
    .expect("valid counter pattern")
});

/// A line of a post's date and its counters (`posted @ 2023-12-14 21:37 青石巷 阅读(1024)`,
/// `Updated 3 May 2024 · 1,024 views`): a date and a counter among a few words that do not end
/// as a sentence. A date alone is no such line: a letter's date under its signature, the last
/// of a list of meeting dates, a print edition's credit stay.
fn is_stats_line(block: &RawBlock) -> bool {
    block.kind == BlockKind::Paragraph
        && block.measure.words <= STATS_LINE_WORDS
        && !block
            .text
            .trim_end()
            .ends_with(['.', '!', '?', '。', '！', '？', '"', '”', '」'])
        && COUNTER.is_match(&block.text)
        && crate::meta::date::find_date(&block.text).is_some()
}

/// An index page: the chosen region is a run of teasers (a headline link, a line of summary)
/// rather than an article: many headline-sized links dropped, and no run of consecutive
/// kept lines long enough to be an article's body.
fn is_list_page(page: &Page<'_>, selection: &Selection) -> bool {
    let headline_links = selection
        .dropped
        .iter()
        .filter(|&&i| page.blocks[i].link_words >= 3.0)
        .count();
    if headline_links < 5 || (headline_links as f32) < 0.5 * selection.kept.len() as f32 {
        return false;
    }
    let mut run_words = 0.0f32;
    let mut previous: Option<usize> = None;
    for &i in &selection.kept {
        let block = &page.blocks[i];
        if previous.is_some_and(|p| p + 1 == i) {
            run_words += block.measure.words;
            if run_words >= 60.0 {
                return false;
            }
        } else {
            run_words = block.measure.words;
        }
        // One paragraph longer than any teaser's summary (share buttons may cut the article
        // into single paragraphs).
        if block.measure.words >= 80.0 && block.measure.punct >= 3 {
            return false;
        }
        previous = Some(i);
    }
    true
}

fn ends_sentence(page: &Page<'_>, id: NodeId) -> bool {
    let start = page.pos[id as usize] as usize;
    let end = page.pre.end[start];
    page.pre.order[start..end]
        .iter()
        .rev()
        .find_map(|&n| match &page.dom.node(n).data {
            super::dom::Data::Text(t) if !t.trim().is_empty() => Some(
                t.trim_end()
                    .ends_with(['.', '!', '?', '。', '！', '？', '"', '”', '」']),
            ),
            _ => None,
        })
        == Some(true)
}

/// The blocks inside the chosen roots, without link lists and without the headline (unless
/// it is not the title) and what precedes it.
fn collect(page: &Page<'_>, roots: &[NodeId], headline: Option<Headline>) -> Selection {
    let ranges: Vec<(usize, usize)> = roots
        .iter()
        .map(|&r| {
            let p = page.pos[r as usize] as usize;
            (p, page.pre.end[p])
        })
        .collect();
    // Inside the region, the headline and what precedes it (kicker, breadcrumbs) are not text
    // (the headline is, when it is not the title).
    let headline_end = headline
        .filter(|h| roots.iter().any(|&r| page.contains(r, h.id)))
        .map(|h| {
            let p = page.pos[h.id as usize] as usize;
            if h.in_text { p } else { page.pre.end[p] }
        });
    // An article does not hold another article of its own kind: `article` elements inside
    // the root whose class starts like the enclosing article's are further posts (a "you may
    // also like" run left open inside the post).
    let first_class = |id: NodeId| -> Option<&str> {
        page.dom
            .element(id)
            .and_then(|e| e.attr("class"))
            .and_then(|c| c.split_ascii_whitespace().next())
    };
    let mut nested: Vec<(usize, usize)> = Vec::new();
    for (&(start, end), &root) in ranges.iter().zip(roots) {
        let mut article = root;
        for _ in 0..8 {
            if article == NONE || page.dom.tag(article) == Some(Tag::Article) {
                break;
            }
            article = page.parent(article);
        }
        if article == NONE || page.dom.tag(article) != Some(Tag::Article) {
            continue;
        }
        let Some(class) = first_class(article) else {
            continue;
        };
        let mut at = start + 1;
        while at < end {
            let id = page.pre.order[at];
            if page.dom.tag(id) == Some(Tag::Article) && first_class(id) == Some(class) {
                nested.push((at, page.pre.end[at]));
                at = page.pre.end[at];
            } else {
                at += 1;
            }
        }
    }
    let mut targets = Targets::default();
    let mut selection = Selection::default();
    let mut range = 0;
    for (index, block) in page.blocks.iter().enumerate() {
        if block.aside.is_some() {
            continue;
        }
        let p = page.pos[block.container as usize] as usize;
        if nested.iter().any(|&(start, end)| p >= start && p < end) {
            continue;
        }
        while range < ranges.len() && ranges[range].1 <= p {
            range += 1;
        }
        if range == ranges.len() {
            break;
        }
        if p < ranges[range].0 {
            continue;
        }
        if headline_end.is_some_and(|end| (block.at as usize) < end) {
            continue;
        }
        let link_density = block.link_words / block.measure.words.max(1.0);
        // A link whose text is its address was written out to be read (a source, a shop's
        // site at the end of a review), not a link list.
        let link_list = is_link_line(block) && !is_spelled_out_address(&block.text);
        // A heading that is all link is a teaser's headline, not a section of the text, unless
        // its links lead within the page (a documentation theme's self-anchors).
        let teaser = link_list
            && if block.kind == BlockKind::Heading {
                link_density > 0.8 && !links_within_page(page, index)
            } else {
                // An outline of the text (a table of contents) is the text's own.
                !(block.kind == BlockKind::ListItem && targets.all_inside(page, index, &ranges))
            };
        if teaser {
            selection.dropped.push(index);
        } else {
            selection.kept.push(index);
        }
    }
    keep_linked_items_of_prose_lists(page, &mut selection);
    selection
}
