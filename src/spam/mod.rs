//! SEO spam: place-name lists, keyword lists, link farms and hidden text appended to copied
//! articles. Runs on the output of a content stage; reports each run and strips it.
//!
//! - [`tokens`] splits the blocks into pieces and the separators between them;
//! - [`items`] reads a chain's pieces as list items (places, terms, carriers);
//! - [`lists`] finds place-name lists (against the [`gazetteer`]) and keyword lists (against the
//!   [`keywords`] vocabulary) in the main text and in hidden blocks;
//! - [`links`] judges the link blocks the HTML stage set aside.
//!
//! Precision comes first: stripping removes text, so every rule that could match a legitimate
//! list (a sentence naming cities, a flood's counties, a tag line, a city selector) holds the
//! run back, and only runs at or above [`lists::THRESHOLD`] are reported.

mod gazetteer;
mod items;
mod keywords;
mod links;
mod lists;
mod tokens;

use serde::Serialize;

use crate::content::{AsideKind, Extracted};
use lists::{Body, ListKind, ListRun, Setting};
use tokens::Piece;

/// One run of SEO spam found in the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpamReport {
    /// `place-list`, `keyword-list`, `link-farm` or `hidden-text`.
    pub kind: &'static str,
    /// `head`, `tail` or `inline` in the text, `hidden`, or `chrome` (in chrome the content
    /// stage removed from the text).
    #[serde(rename = "where")]
    pub location: &'static str,
    pub items: u32,
    pub known: u32,
    pub confidence: f32,
    pub text: String,
}

/// Options of the spam stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpamOptions {
    /// Report spam but leave it in the text.
    pub keep: bool,
}

/// Loads the gazetteer and the keyword vocabulary now (they load on first use otherwise);
/// returns how many names and terms they hold.
pub fn warm_up() -> (usize, usize) {
    (gazetteer::load(), keywords::load())
}

/// Parses the gazetteer afresh (not the shared copy) and returns how many names it holds: the
/// one-time start-up cost, measured by `benches/spam.rs`.
#[doc(hidden)]
pub fn gazetteer_parse_cost() -> usize {
    gazetteer::parse_afresh()
}

/// Builds the keyword vocabulary afresh (its automaton included) and returns how many terms it
/// holds: the other one-time start-up cost.
#[doc(hidden)]
pub fn keywords_build_cost() -> usize {
    keywords::build_afresh()
}

/// Finds spam runs in `doc` and, unless `opts.keep`, strips them from its blocks.
pub fn scrub(doc: &mut Extracted, opts: &SpamOptions) -> Vec<SpamReport> {
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    let mut body_texts = texts.clone();
    body_texts.extend(doc.meta.title.as_deref());
    let body = Body::new(body_texts);
    let (pieces, runs) = list_runs(&texts, &body, Setting::Visible);

    let mut reports = Vec::new();
    let mut cuts: Vec<Cut> = Vec::new();
    let text_between = TextBetween::new(&runs, pieces.len());
    for run in &runs {
        let spans = spans(&texts, &pieces, run);
        reports.push(list_report(&texts, &spans, run, text_between.location(run)));
        cuts.extend(spans);
    }

    let page_domain = doc
        .meta
        .url
        .as_deref()
        .and_then(links::host)
        .map(|h| links::registrable(&h).to_owned());
    for aside in &doc.asides {
        let report = match aside.kind {
            AsideKind::Hidden => judge_hidden(&aside.text, &aside.links, page_domain.as_deref(), &body),
            AsideKind::Chrome => {
                let location = "chrome";
                let farm = links::judge(&aside.text, &aside.links, page_domain.as_deref(), false).map(|v| SpamReport {
                    kind: "link-farm",
                    location,
                    items: v.items,
                    known: v.known,
                    confidence: round(v.confidence),
                    text: aside.text.trim().to_owned(),
                });
                if farm.is_none() {
                    // A spam list the content stage already removed as chrome (a `<ul>` of county
                    // names after the article): reported, nothing left to strip.
                    reports.extend(removed_lists(&aside_lines(&aside.text, &aside.links), &body, location));
                }
                farm
            }
        };
        reports.extend(report);
    }

    if !opts.keep && !cuts.is_empty() {
        strip(doc, &cuts);
    }
    reports
}

/// The pieces of `texts` and the spam list runs among them. Texts where no run can be found
/// ([`lists::may_find`]: no Han character, no spam term) are not split into pieces: no pieces, no
/// runs, exactly what splitting them would have led to, since the pieces serve only to place runs.
fn list_runs(texts: &[&str], body: &Body<'_>, setting: Setting) -> (Vec<Piece>, Vec<ListRun>) {
    if !lists::may_find(texts) {
        return (Vec::new(), Vec::new());
    }
    let pieces = tokens::pieces(texts);
    let runs = lists::find(texts, &pieces, body, setting);
    (pieces, runs)
}

/// The lines of a set-aside block, one a list block: its links' texts when links make nearly all of
/// it (links written back to back, `<a>北京</a><a>上海</a>`, read as one word), else its lines.
fn aside_lines<'t>(text: &'t str, links: &'t [crate::content::Link]) -> Vec<&'t str> {
    let link_chars: usize = links.iter().map(|l| self::links::chars(&l.text)).sum();
    let kept = |l: &&str| !l.is_empty();
    if links.len() >= 4 && link_chars * 5 >= self::links::chars(text) * 4 {
        links.iter().map(|l| l.text.trim()).filter(kept).collect()
    } else {
        text.lines().map(str::trim).filter(kept).collect()
    }
}

/// The spam lists in a block of chrome the content stage removed, one line a block.
fn removed_lists(lines: &[&str], body: &Body<'_>, location: &'static str) -> Vec<SpamReport> {
    let (pieces, runs) = list_runs(lines, body, Setting::Removed);
    runs.iter()
        .map(|run| list_report(lines, &spans(lines, &pieces, run), run, location))
        .collect()
}

/// The report of a list run whose text stands in `spans` of `texts`.
fn list_report(texts: &[&str], spans: &[Cut], run: &ListRun, location: &'static str) -> SpamReport {
    let text = spans
        .iter()
        .map(|s| texts[s.block][s.start..s.end].trim())
        .collect::<Vec<_>>()
        .join("\n");
    SpamReport {
        kind: match run.kind {
            ListKind::Place => "place-list",
            ListKind::Keyword => "keyword-list",
        },
        location,
        items: run.items,
        known: run.known,
        confidence: round(run.confidence),
        text,
    }
}

/// A hidden block is spam when it carries a spam list or keyword links. Hidden links alone are
/// not: dropdown menus of sister sites and government portals hide dozens of them.
fn judge_hidden(
    text: &str,
    links: &[crate::content::Link],
    page_domain: Option<&str>,
    body: &Body<'_>,
) -> Option<SpamReport> {
    // Hidden text is one block (its lines one list if its items are), unless links make it.
    let mut blocks = aside_lines(text, links);
    if blocks.len() != links.len() {
        blocks = vec![text];
    }
    let (_, runs) = list_runs(&blocks, body, Setting::Hidden);
    let from_lists = runs
        .iter()
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        .map(|best| {
            (
                runs.iter().map(|r| r.items).sum::<u32>(),
                runs.iter().map(|r| r.known).sum::<u32>(),
                best.confidence,
            )
        });
    let from_links = links::judge(text, links, page_domain, true).map(|v| (v.items, v.known, v.confidence));
    let (items, known, confidence) = match (from_lists, from_links) {
        (Some(l), Some(k)) => {
            if l.2 >= k.2 {
                l
            } else {
                k
            }
        }
        (l, k) => l.or(k)?,
    };
    Some(SpamReport {
        kind: "hidden-text",
        location: "hidden",
        items,
        known,
        confidence: round(confidence),
        text: text.trim().to_owned(),
    })
}

fn round(confidence: f32) -> f32 {
    (confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// Where the pieces outside every run lie: the first and the last of them.
struct TextBetween {
    first: Option<usize>,
    last: Option<usize>,
}

impl TextBetween {
    /// `runs` are sorted and do not overlap.
    fn new(runs: &[ListRun], pieces: usize) -> TextBetween {
        let mut first = None;
        let mut at = 0;
        for run in runs {
            if run.first > at {
                first = Some(at);
                break;
            }
            at = run.last + 1;
        }
        if first.is_none() && at < pieces {
            first = Some(at);
        }
        let mut last = None;
        let mut end = pieces;
        for run in runs.iter().rev() {
            if run.last + 1 < end {
                last = Some(end - 1);
                break;
            }
            end = run.first;
        }
        if last.is_none() && end > 0 {
            last = Some(end - 1);
        }
        TextBetween { first, last }
    }

    /// `tail` when no other text follows the run, `head` when none precedes it, else `inline`.
    fn location(&self, run: &ListRun) -> &'static str {
        if self.last.is_none_or(|last| last < run.first) {
            "tail"
        } else if self.first.is_none_or(|first| first > run.last) {
            "head"
        } else {
            "inline"
        }
    }
}

/// A byte range of one block that a run occupies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    block: usize,
    start: usize,
    end: usize,
}

/// The block ranges of `run`, with the separators it leaves dangling: a run that ends its block
/// takes the bars and spaces before it, one that starts its block takes those after it.
fn spans(texts: &[&str], pieces: &[Piece], run: &ListRun) -> Vec<Cut> {
    let first = &pieces[run.first];
    let last = &pieces[run.last];
    let starts_block = run.first == 0 || pieces[run.first - 1].block != first.block;
    let ends_block = pieces.get(run.last + 1).is_none_or(|p| p.block != last.block);
    let mut cuts = Vec::new();
    for (block, text) in texts.iter().enumerate().take(last.block + 1).skip(first.block) {
        let mut start = if block == first.block { first.start } else { 0 };
        let mut end = if block == last.block { last.end } else { text.len() };
        // Separators the run leaves dangling go with it; sentence punctuation stays.
        if block == first.block && (starts_block || ends_block) {
            start = text[..start].trim_end_matches(is_list_separator).len();
        }
        if block == last.block && (starts_block || ends_block) {
            end += text[end..].len() - text[end..].trim_start_matches(is_list_separator).len();
        }
        cuts.push(Cut { block, start, end });
    }
    cuts
}

/// What may stand between list items, and so around a cut run: the tokenizer's list and comma
/// separators, and the dashes it only splits on between non-ASCII words.
fn is_list_separator(c: char) -> bool {
    matches!(tokens::separator(c), Some(tokens::Gap::List | tokens::Gap::Comma)) || matches!(c, '-' | '－')
}

/// Removes the cut ranges; drops a block left with nothing but separators.
fn strip(doc: &mut Extracted, cuts: &[Cut]) {
    let mut by_block: Vec<Vec<(usize, usize)>> = vec![Vec::new(); doc.blocks.len()];
    for cut in cuts {
        by_block[cut.block].push((cut.start, cut.end));
    }
    let mut index = 0;
    doc.blocks.retain_mut(|block| {
        let ranges = &mut by_block[index];
        index += 1;
        if ranges.is_empty() {
            return true;
        }
        ranges.sort_unstable();
        let mut kept = String::with_capacity(block.text.len());
        let mut at = 0;
        for &(start, end) in ranges.iter() {
            if start > at {
                kept.push_str(&block.text[at..start]);
            }
            at = at.max(end);
        }
        kept.push_str(&block.text[at.min(block.text.len())..]);
        let kept = kept.trim();
        // Nothing left but separators, or the label of the list that was cut (`热搜：`).
        let dangling_label = kept.ends_with(['：', ':']) && kept.chars().count() <= 8;
        if !kept.chars().any(char::is_alphanumeric) || dangling_label {
            return false;
        }
        block.text = kept.to_owned();
        true
    });
}

#[cfg(test)]
mod tests;
