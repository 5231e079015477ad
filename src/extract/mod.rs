//! HTML → main content and metadata.
//!
//! One parse per page ([`dom`], after [`nesting`] bounds the depth html5ever sees), then linear
//! passes over the tree: skipped, hidden and chrome regions ([`analyze`], with names judged by
//! [`classify`]), the text cut into lines, the main content chosen ([`select`]) and the
//! metadata read from meta tags, JSON-LD and the page's own lines ([`metadata`]).

mod analyze;
mod classify;
pub mod dom;
mod jsonld;
mod metadata;
pub mod nesting;
mod select;
mod text;

use std::collections::HashMap;

use crate::content::{Aside, Block, Extracted};

use analyze::Page;
use dom::Dom;

/// Extracts the main content, the metadata and the set-aside regions of an HTML page.
/// `url` is the document's address when the input carried one (for dates in the path and
/// relative canonical links).
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let html = nesting::prepare(html);
    let dom = Dom::parse(&html);
    let mut page = Page::analyze(&dom);
    let found = metadata::Found::scan(&page);
    let headline = found.headline;
    page.finish(headline);
    let selection = select::select(&page, headline);

    let meta = metadata::decide(&page, &found, &selection, url);
    let asides = asides(&page, &selection);
    let blocks: Vec<Block> = selection
        .kept
        .iter()
        .map(|&i| Block {
            kind: page.blocks[i].kind,
            text: std::mem::take(&mut page.blocks[i].text),
        })
        .collect();
    Extracted { blocks, meta, asides }
}

/// Hidden and chrome regions, and the link lists dropped from the content, for the spam stage.
fn asides(page: &Page<'_>, selection: &select::Selection) -> Vec<Aside> {
    let mut texts: Vec<String> = vec![String::new(); page.asides.len()];
    for (i, block) in page.blocks.iter().enumerate() {
        // Chrome taken as the text of a page with nothing else is not set aside twice.
        if let Some(a) = block.aside
            && selection.kept.binary_search(&i).is_err()
        {
            let text = &mut texts[a];
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&block.text);
        }
    }
    let mut out: Vec<Aside> = page
        .asides
        .iter()
        .zip(texts)
        .filter(|(region, text)| !text.is_empty() || !region.links.is_empty())
        .map(|(region, text)| Aside {
            kind: region.kind,
            text,
            links: region.links.clone(),
            position: crate::content::AsidePosition::Unknown,
        })
        .collect();
    // Dropped link lists, one aside per container.
    let mut by_container: HashMap<u32, usize> = HashMap::new();
    for &i in &selection.dropped {
        let block = &page.blocks[i];
        let parent = page.parent(block.container);
        let key = if parent == dom::NONE { block.container } else { parent };
        let at = *by_container.entry(key).or_insert_with(|| {
            out.push(Aside {
                kind: crate::content::AsideKind::Chrome,
                text: String::new(),
                links: Vec::new(),
                position: crate::content::AsidePosition::Unknown,
            });
            out.len() - 1
        });
        let aside = &mut out[at];
        if !aside.text.is_empty() {
            aside.text.push('\n');
        }
        aside.text.push_str(&block.text);
        let first = page.links.partition_point(|(b, _)| *b < i);
        for (_, link) in page.links[first..].iter().take_while(|(b, _)| *b == i) {
            aside.links.push(link.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_stays_fast_and_keeps_text() {
        let n = 100_000;
        let html = "<div>".repeat(n) + "deep text here, in the middle." + &"</div>".repeat(n);
        let started = std::time::Instant::now();
        let out = extract(&html, None);
        assert!(out.text().contains("deep text here"));
        // Not a speed assertion: a quadratic parse would take minutes in a debug build.
        let _ = started.elapsed();
    }
}

/// `PAGEWASH_EXPLAIN=page.html cargo test --release --lib explain -- --ignored --nocapture`
/// prints every line of a page with its container, score inputs and fate: a tool for finding
/// why a page came out wrong.
#[cfg(test)]
mod explain {
    use super::*;

    #[test]
    #[ignore = "a diagnostic tool, run by hand"]
    fn explain() {
        let Some(path) = std::env::var_os("PAGEWASH_EXPLAIN") else {
            return;
        };
        let bytes = std::fs::read(&path).expect("readable page");
        let bytes = if path.to_string_lossy().ends_with(".gz") {
            use std::io::Read;
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .expect("gzip");
            out
        } else {
            bytes
        };
        let html = String::from_utf8_lossy(&bytes);
        let html = nesting::prepare(&html);
        let dom = Dom::parse(&html);
        let mut page = Page::analyze(&dom);
        let found = metadata::Found::scan(&page);
        page.finish(found.headline);
        let selection = select::select(&page, found.headline);
        let describe = |id: u32| -> String {
            let mut chain = Vec::new();
            let mut at = id;
            while at != dom::NONE && chain.len() < 4 {
                if let Some(e) = dom.element(at) {
                    let class = e.attr("class").unwrap_or("");
                    let idattr = e.attr("id").unwrap_or("");
                    chain.push(format!(
                        "{}#{}.{}",
                        &*e.name.local,
                        idattr,
                        class.split_whitespace().next().unwrap_or("")
                    ));
                }
                at = page.parent(at);
            }
            chain.join(" < ")
        };
        println!(
            "root: {} headline: {:?}",
            describe(selection.root),
            found.headline.map(describe)
        );
        for (i, b) in page.blocks.iter().enumerate() {
            let fate = if selection.kept.contains(&i) {
                "KEEP"
            } else if selection.dropped.contains(&i) {
                "drop"
            } else if b.aside.is_some() {
                "asid"
            } else {
                "    "
            };
            let text: String = b.text.chars().take(90).collect();
            let aside_root = b.aside.map(|a| describe(page.asides[a].root)).unwrap_or_default();
            println!(
                "{fate} w{:5.1} l{:5.1} p{:2} [{}] {text} {{{aside_root}}}",
                b.measure.words,
                b.link_words,
                b.measure.punct,
                describe(b.container)
            );
        }
    }
}
