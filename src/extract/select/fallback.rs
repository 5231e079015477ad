//! Fallbacks that keep the article from being lost to a wrong or partial candidate: the
//! longest run of prose when the chosen text is short or far shorter, the text the page's
//! JSON-LD `articleBody` gives, and one copy of a story a template printed twice.

use super::{Headline, Selection, collect, common_ancestor, is_link_line, same_kind};
use crate::content::{AsideKind, BlockKind};
use crate::extract::analyze::{Page, RawBlock};
use crate::extract::dom::{NONE, NodeId, Tag};

/// Fewest words of each paragraph of a run printed twice for the second copy to be dropped
/// (longer than the lines of a song's chorus).
const REPEATED_PARAGRAPH_WORDS: f32 = 20.0;

/// Fewest words of a run of paragraphs printed twice for the second copy to be dropped.
const REPEATED_RUN_WORDS: f32 = 40.0;

/// Least share of the text's words a run printed twice holds for the second copy to be dropped:
/// a copy of the story, not a repeated step of a recipe.
const REPEATED_RUN_SHARE: f32 = 0.3;

/// A run of different paragraphs that the text already holds word for word, in the same order,
/// is a copy the page's template made (the story printed again for another layout): once is
/// enough. One repeated paragraph is not such a copy (an interview's repeated question), nor a
/// paragraph repeated in a row, nor a short run (a recipe's repeated step): the copy holds a
/// good share of the text.
pub(super) fn drop_repeated_runs(page: &Page<'_>, selection: &mut Selection) {
    let kept = &selection.kept;
    let text = |at: usize| page.blocks[kept[at]].text.as_str();
    let long = |at: usize| page.blocks[kept[at]].measure.words >= REPEATED_PARAGRAPH_WORDS;
    let total: f32 = kept.iter().map(|&i| page.blocks[i].measure.words).sum();
    let mut first_at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut repeated: Vec<usize> = Vec::new();
    let mut at = 0;
    while at < kept.len() {
        if !long(at) {
            at += 1;
            continue;
        }
        let earlier = *first_at.entry(text(at)).or_insert(at);
        if earlier == at {
            at += 1;
            continue;
        }
        // The copy runs while the lines match the earlier ones, differ from each other and
        // stay before the copy.
        let mut n = 0;
        let mut words = 0.0;
        while at + n < kept.len()
            && earlier + n < at
            && long(at + n)
            && text(at + n) == text(earlier + n)
            && (n == 0 || text(at + n) != text(at + n - 1))
        {
            words += page.blocks[kept[at + n]].measure.words;
            n += 1;
        }
        if n >= 2 && words >= REPEATED_RUN_WORDS && words >= REPEATED_RUN_SHARE * total {
            repeated.extend(kept[at..at + n].iter().copied());
            at += n;
        } else {
            at += 1;
        }
    }
    if repeated.is_empty() {
        return;
    }
    selection.kept.retain(|i| repeated.binary_search(i).is_err());
    selection.dropped.extend(repeated);
    selection.dropped.sort_unstable();
}

/// Fewest words of sentences in a run of prose that may widen or replace the chosen text.
const PROSE_RUN_MIN_WORDS: f32 = 60.0;

/// Most lines that are not sentences (headings, captions, a list of names) a run of prose steps
/// over between two sentences.
const PROSE_RUN_GAP_LINES: usize = 6;

/// Most words of chrome or of link lists a run of prose steps over between two sentences: more
/// is a region of its own (a comment thread, a list of teasers) between two texts.
const PROSE_RUN_GAP_WORDS: f32 = 25.0;

/// A line of the content flow that reads as a sentence: punctuated, long enough, little link.
pub(super) fn is_sentence(block: &RawBlock) -> bool {
    block.aside.is_none()
        && block.kind != BlockKind::Heading
        && block.measure.punct > 0
        && block.measure.words >= 8.0
        && block.link_words < 0.3 * block.measure.words
}

/// The page's longest run of sentences in document order (first and last line, and its
/// sentences' words): headings, captions and short lines between them are stepped over, a
/// region of chrome or links ends it.
fn longest_prose_run(page: &Page<'_>) -> Option<(usize, usize, f32)> {
    let mut best: Option<(usize, usize, f32)> = None;
    let mut run: Option<(usize, usize, f32)> = None;
    let (mut gap_lines, mut gap_words) = (0usize, 0.0f32);
    for (i, block) in page.blocks.iter().enumerate() {
        if is_sentence(block) {
            run = Some(match run {
                Some((first, _, words)) => (first, i, words + block.measure.words),
                None => (i, i, block.measure.words),
            });
            (gap_lines, gap_words) = (0, 0.0);
            if run.is_some_and(|r| best.is_none_or(|b| r.2 > b.2)) {
                best = run;
            }
            continue;
        }
        gap_lines += 1;
        if block.aside.is_some() || is_link_line(block) {
            gap_words += block.measure.words;
        }
        if gap_lines > PROSE_RUN_GAP_LINES || gap_words >= PROSE_RUN_GAP_WORDS {
            run = None;
        }
    }
    best
}

/// Most words of sentences in a chosen text that [`widen_to_prose_run`] may judge too short.
const SHORT_TEXT_WORDS: f32 = 60.0;

/// How many times the chosen text's words of sentences a run of prose must hold to replace or
/// widen a chosen text that is not short: far more, not a little more.
const FAR_LONGER: f32 = 2.0;

/// Most words of a line that heads a post of a thread (`Alan wrote on December 24, 2020 at
/// 3:53 am:`, `Antwort von Jana · 3. Mai 2024`).
const POST_HEADER_WORDS: f32 = 15.0;

/// A short line that heads a post of a thread: a date among few words.
fn is_post_header(block: &RawBlock) -> bool {
    block.measure.words <= POST_HEADER_WORDS
        && block.kind != BlockKind::Heading
        && crate::meta::date::find_date(&block.text).is_some()
}

/// The elements that are units of a repeated structure the chosen text is one of: like
/// siblings (same tag and class, or both `article`) of the element holding the chosen lines or
/// of one of its ancestors. Pre-order ranges, sorted.
fn other_units(page: &Page<'_>, chosen: NodeId) -> Vec<(usize, usize)> {
    let dom = page.dom;
    let mut units = Vec::new();
    let mut at = chosen;
    while at != NONE && at != page.body && dom.element(at).is_some() {
        let parent = page.parent(at);
        if parent == NONE {
            break;
        }
        let article = dom.tag(at) == Some(Tag::Article);
        for s in dom.children(parent) {
            if s != at && (same_kind(page, s, at) || article && dom.tag(s) == Some(Tag::Article)) {
                let p = page.pos[s as usize] as usize;
                units.push((p, page.pre.end[p]));
            }
        }
        at = parent;
    }
    units.sort_unstable();
    units
}

/// Never lose the article to a wrong or partial candidate. When the chosen text is short (a
/// caption, a date line, the first of a page builder's sections) or far shorter than the
/// page's longest run of sentences, and that run continues the chosen text or is where the
/// text after the headline begins, the element holding both is the text. The run does not
/// cross into another unit of a structure the chosen text is a unit of (the next post of a
/// blog's page, the next comment), nor past the chosen text into posts headed by dates (a
/// comment thread no name marked): those are other texts, not the article's continuation.
pub(super) fn widen_to_prose_run(page: &Page<'_>, selection: &mut Selection, headline: Option<Headline>) {
    let sentence_words_in = |blocks: &mut dyn Iterator<Item = usize>| -> f32 {
        blocks
            .map(|i| &page.blocks[i])
            .filter(|b| is_sentence(b))
            .map(|b| b.measure.words)
            .sum()
    };
    let kept_words = sentence_words_in(&mut selection.kept.iter().copied());
    let short = kept_words < SHORT_TEXT_WORDS;
    let Some((mut first, mut last, mut run_words)) = longest_prose_run(page) else {
        return;
    };
    let mut cut = false;
    if let (Some(&kept_first), Some(&kept_last)) = (selection.kept.first(), selection.kept.last())
        && (first < kept_first || last > kept_last)
    {
        let chosen = common_ancestor(
            page,
            page.blocks[kept_first].container,
            page.blocks[kept_last].container,
        );
        let units = other_units(page, chosen);
        let foreign = |i: usize| {
            let p = page.pos[page.blocks[i].container as usize] as usize;
            let next = units.partition_point(|&(start, _)| start <= p);
            units[..next]
                .iter()
                .rev()
                .take(8)
                .any(|&(start, end)| p >= start && p < end)
        };
        // After the chosen text: the first line of another unit, or the first of two or
        // more post headers, ends the run.
        if last > kept_last {
            let from = first.max(kept_last + 1);
            let headers: Vec<usize> = (from..=last).filter(|&i| is_post_header(&page.blocks[i])).collect();
            let thread = (headers.len() >= 2).then(|| headers[0]);
            if let Some(end) = (from..=last).find(|&i| foreign(i) || thread == Some(i)) {
                last = (first..end).rev().find(|&i| is_sentence(&page.blocks[i])).unwrap_or(0);
                cut = true;
            }
        }
        // Before it: the last line of another unit begins the run after it.
        if first < kept_first && last >= first {
            let to = last.min(kept_first - 1);
            if let Some(start) = (first..=to).rev().find(|&i| foreign(i)) {
                first = (start + 1..=last)
                    .find(|&i| is_sentence(&page.blocks[i]))
                    .unwrap_or(usize::MAX);
                cut = true;
            }
        }
        if first > last {
            return;
        }
        if cut {
            run_words = sentence_words_in(&mut (first..=last));
        }
    }
    let enough = if short {
        run_words >= PROSE_RUN_MIN_WORDS && run_words >= 1.5 * kept_words + 15.0
    } else {
        run_words >= FAR_LONGER * kept_words
    };
    if !enough {
        return;
    }
    let continues = selection.kept.iter().any(|&i| i >= first && i <= last);
    // The run's first sentence is the page's first one after the headline.
    let after_headline = headline.is_some_and(|h| {
        let end = page.pre.end[page.pos[h.id as usize] as usize] as u32;
        page.blocks[first].at >= end && !page.blocks[..first].iter().any(|b| b.at >= end && is_sentence(b))
    });
    if !continues && !after_headline {
        return;
    }
    let mut holder = common_ancestor(page, page.blocks[first].container, page.blocks[last].container);
    if let (Some(&a), Some(&b)) = (selection.kept.first(), selection.kept.last()) {
        let chosen = common_ancestor(page, page.blocks[a].container, page.blocks[b].container);
        if chosen != NONE {
            holder = common_ancestor(page, holder, chosen);
        }
    }
    if holder == NONE
        || holder == page.body
        || page.dom.element(holder).is_none()
        || page.dom.tag(holder) == Some(Tag::Html)
    {
        return;
    }
    let mut widened = collect(page, &[holder], headline);
    if cut {
        // Only the run and the chosen text: not the other units or the thread around them.
        let (lo, hi) = match (selection.kept.first(), selection.kept.last()) {
            (Some(&a), Some(&b)) => (first.min(a), last.max(b)),
            _ => (first, last),
        };
        widened.kept.retain(|&i| i >= lo && i <= hi);
        widened.dropped.retain(|&i| i >= lo && i <= hi);
    }
    if sentence_words_in(&mut widened.kept.iter().copied()) < 0.8 * run_words {
        return;
    }
    widened.root = holder;
    *selection = widened;
}

/// Fewest distinct 4-word shingles of a JSON-LD `articleBody` worth comparing the text with.
const ARTICLE_BODY_MIN_SHINGLES: usize = 40;

/// Share of the `articleBody` the chosen text must hold to be left as it is.
const ARTICLE_BODY_HELD: f32 = 0.5;

/// When the page's JSON-LD gives the article's text (`articleBody`) and the chosen text holds
/// little of it while the page's lines that say what it says hold most of it, those lines
/// (with the headings between them) are the text, chrome by its names or not: the publisher
/// has said which text is the article. Lines are matched by their shingles, so markup, ads and
/// captions between the paragraphs make no difference; text the page hides stays out.
pub(super) fn align_to_article_body(page: &Page<'_>, selection: &mut Selection, article_body: Option<&str>) {
    let Some(body) = article_body else { return };
    let mut body_shingles = Vec::new();
    shingles(body, &mut body_shingles);
    body_shingles.sort_unstable();
    body_shingles.dedup();
    if body_shingles.len() < ARTICLE_BODY_MIN_SHINGLES {
        return;
    }
    let in_body = |h: &u64| body_shingles.binary_search(h).is_ok();
    let total = body_shingles.len() as f32;
    let coverage = |blocks: &[usize]| -> f32 {
        let mut found: Vec<u64> = Vec::new();
        let mut buf = Vec::new();
        for &i in blocks {
            buf.clear();
            shingles(&page.blocks[i].text, &mut buf);
            found.extend(buf.iter().filter(|h| in_body(h)));
        }
        found.sort_unstable();
        found.dedup();
        found.len() as f32 / total
    };
    let held = coverage(&selection.kept);
    if held >= ARTICLE_BODY_HELD {
        return;
    }
    let mut buf = Vec::new();
    let matched: Vec<usize> = (0..page.blocks.len())
        .filter(|&i| {
            // Chrome by its names too (the story in a `related-story` box), not hidden text.
            let block = &page.blocks[i];
            if block.aside.is_some_and(|a| page.asides[a].kind != AsideKind::Chrome) {
                return false;
            }
            buf.clear();
            shingles(&block.text, &mut buf);
            !buf.is_empty() && 2 * buf.iter().filter(|h| in_body(h)).count() >= buf.len()
        })
        .collect();
    let (Some(&first), Some(&last)) = (matched.first(), matched.last()) else {
        return;
    };
    let found = coverage(&matched);
    if found < 0.6 || found < held + 0.3 {
        return;
    }
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for i in first..=last {
        let block = &page.blocks[i];
        if matched.binary_search(&i).is_ok() {
            kept.push(i);
        } else if block.aside.is_none() && is_link_line(block) {
            dropped.push(i);
        } else if block.aside.is_none() && block.kind == BlockKind::Heading {
            kept.push(i);
        }
    }
    selection.kept = kept;
    selection.dropped = dropped;
}

/// Hashes of the runs of 4 tokens of `text` (letters and digits, a CJK character a token of
/// its own; lower-cased), or of all of its tokens when it has fewer.
fn shingles(text: &str, out: &mut Vec<u64>) {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut tokens: Vec<u64> = Vec::new();
    let mut current: Option<u64> = None;
    for c in text.chars() {
        let unspaced = crate::extract::text::is_unspaced(c);
        if !unspaced && c.is_alphanumeric() {
            let mut h = current.unwrap_or(FNV_OFFSET);
            for l in c.to_lowercase() {
                h = (h ^ l as u64).wrapping_mul(FNV_PRIME);
            }
            current = Some(h);
            continue;
        }
        if let Some(h) = current.take() {
            tokens.push(h);
        }
        if unspaced {
            tokens.push((FNV_OFFSET ^ c as u64).wrapping_mul(FNV_PRIME));
        }
    }
    if let Some(h) = current {
        tokens.push(h);
    }
    let combine = |window: &[u64]| {
        window
            .iter()
            .fold(FNV_OFFSET, |acc, &t| (acc ^ t).wrapping_mul(FNV_PRIME).rotate_left(5))
    };
    if tokens.len() < 4 {
        if !tokens.is_empty() {
            out.push(combine(&tokens));
        }
        return;
    }
    out.extend(tokens.windows(4).map(combine));
}
