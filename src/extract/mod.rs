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
mod structure;
mod style;
mod text;

use std::collections::HashMap;

use crate::content::{Aside, AsideKind, AsidePosition, Block, Extracted};

use analyze::Page;
use dom::{Dom, NodeId, Tag};

/// The page's DOM and the style sheets of its `<style>` blocks, read for the names the DOM uses.
fn parse(html: &str) -> (Dom, style::StyleSheet) {
    // The prepared page is copied into the parser's buffer: freed once parsed.
    let mut sheets = Vec::new();
    let dom = Dom::parse(&nesting::prepare_keeping_style_sheets(html, &mut sheets));
    let sheet = style::StyleSheet::parse(sheets.iter().map(|range| &html[range.clone()]), &dom);
    (dom, sheet)
}

/// Extracts the main content, the metadata and the set-aside regions of an HTML page.
/// `url` is the document's address when the input carried one (for dates in the path and
/// relative canonical links).
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let (dom, sheet) = parse(html);
    let mut page = Page::analyze(&dom, &sheet);
    let found = metadata::Found::scan(&page);
    page.finish(found.headline);
    let selection = select::select(&page, found.select_headline(), found.ld.body.as_deref());

    let meta = metadata::decide(&page, &found, &selection, url);
    let asides = asides(&page, &selection);
    let mut blocks: Vec<Block> = selection
        .kept
        .iter()
        .map(|&i| Block {
            kind: page.blocks[i].kind,
            text: std::mem::take(&mut page.blocks[i].text),
            form: std::mem::take(&mut page.blocks[i].form),
        })
        .collect();
    // The links of the kept blocks, with their addresses made absolute (Markdown's `--links`).
    for (i, link) in std::mem::take(&mut page.links) {
        if let Ok(k) = selection.kept.binary_search(&i) {
            let href = metadata::absolutize(&link.href, url.or(meta.url.as_deref())).unwrap_or(link.href);
            blocks[k]
                .form
                .links
                .push(crate::content::Link { href, text: link.text });
        }
    }
    Extracted {
        blocks,
        meta,
        asides,
        truncated: dom.truncated,
    }
}

/// Hidden and chrome regions, the link lists dropped from the content and the link blocks
/// outside it, for the spam stage, each with where it stood relative to the kept text.
fn asides(page: &Page<'_>, selection: &select::Selection) -> Vec<Aside> {
    // Where a block or element at pre-order position `at` stood: before which kept block.
    let position = |at: u32| -> AsidePosition {
        let next = selection.kept.partition_point(|&k| page.blocks[k].at < at);
        AsidePosition::before_block((next < selection.kept.len()).then_some(next))
    };
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
            position: position(page.pos[region.root as usize]),
        })
        .collect();
    // Link lists dropped from inside the article, then link blocks outside it (a link farm
    // before `</body>`, a portal's navigation the chrome pass did not name), one aside per
    // link block: a link farm is judged on its own links, not on those of its neighbours.
    let outside: Vec<usize> = page
        .blocks
        .iter()
        .enumerate()
        .filter(|&(i, block)| {
            block.aside.is_none()
                && select::is_link_line(block)
                && selection.kept.binary_search(&i).is_err()
                && selection.dropped.binary_search(&i).is_err()
        })
        .map(|(i, _)| i)
        .collect();
    link_asides(page, &selection.dropped, &position, &mut out);
    let mut around = Vec::new();
    link_asides(page, &outside, &position, &mut around);
    // Outside the article, a block of a few links is no farm (navigation, a `返回顶部`): judging
    // the many of them on a portal page would cost time and find nothing.
    out.extend(around.into_iter().filter(|aside| aside.links.len() >= MIN_FARM_LINKS));
    unclaimed_asides(page, selection, &position, &mut out);
    out
}

/// The text outside the article that no chrome region claimed and that is no link block (a
/// `<div class="tags2">` of county names after the article, a sidebar box of plain words, what
/// a page writes after `</html>`), one aside per run of consecutive lines: the spam stage
/// reports the lists in it, though the text stays out of the record.
fn unclaimed_asides(
    page: &Page<'_>,
    selection: &select::Selection,
    position: &dyn Fn(u32) -> AsidePosition,
    out: &mut Vec<Aside>,
) {
    let mut previous: Option<usize> = None;
    for (i, block) in page.blocks.iter().enumerate() {
        if block.aside.is_some()
            || select::is_link_line(block)
            || selection.kept.binary_search(&i).is_ok()
            || selection.dropped.binary_search(&i).is_ok()
        {
            continue;
        }
        let continues = previous.is_some_and(|p| p + 1 == i);
        previous = Some(i);
        if continues && let Some(aside) = out.last_mut() {
            aside.text.push('\n');
            aside.text.push_str(&block.text);
            continue;
        }
        out.push(Aside {
            kind: AsideKind::Chrome,
            text: block.text.clone(),
            links: Vec::new(),
            position: position(block.at),
        });
    }
}

/// The link-line blocks `blocks` (indices in document order) as chrome asides, one per link
/// block (see [`link_block`]), each with its lines and links.
fn link_asides(page: &Page<'_>, blocks: &[usize], position: &dyn Fn(u32) -> AsidePosition, out: &mut Vec<Aside>) {
    let mut groups: HashMap<NodeId, usize> = HashMap::new();
    let mut previous: Option<(usize, NodeId)> = None;
    for &i in blocks {
        let block = &page.blocks[i];
        let key = link_block(page, block.container);
        let at = match groups.get(&key) {
            Some(&at) => at,
            None => {
                // The next of a run of like siblings (`<p><a>…</a></p>` repeated) continues it.
                let continued = previous
                    .filter(|&(p, previous_key)| p + 1 == i && like_siblings(page, previous_key, key))
                    .and_then(|(_, previous_key)| groups.get(&previous_key).copied());
                let at = continued.unwrap_or_else(|| {
                    out.push(Aside {
                        kind: AsideKind::Chrome,
                        text: String::new(),
                        links: Vec::new(),
                        position: position(block.at),
                    });
                    out.len() - 1
                });
                groups.insert(key, at);
                at
            }
        };
        previous = Some((i, key));
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
}

/// The fewest links in a block of links outside the article that the spam stage is shown: a
/// link farm has at least as many as any spam list has items.
const MIN_FARM_LINKS: usize = 6;

/// The element that makes a link block of the line held by `container`: the line's own
/// container, or for an item of a list or a row of a table, the list or the table.
fn link_block(page: &Page<'_>, container: NodeId) -> NodeId {
    let mut at = container;
    for _ in 0..4 {
        if !matches!(
            page.dom.tag(at),
            Some(Tag::Li | Tag::Dt | Tag::Dd | Tag::Td | Tag::Tr | Tag::TableSection)
        ) {
            break;
        }
        let parent = page.parent(at);
        if parent == dom::NONE || page.dom.element(parent).is_none() {
            break;
        }
        at = parent;
    }
    at
}

/// Two elements under one parent with the same tag and class: units of one repeated block.
/// Unnamed divs are not (a page's `<div><a>返回顶部</a></div>` stands next to anything); unnamed
/// paragraphs are.
fn like_siblings(page: &Page<'_>, a: NodeId, b: NodeId) -> bool {
    let parent = page.parent(a);
    if parent == dom::NONE || parent != page.parent(b) {
        return false;
    }
    let (Some(x), Some(y)) = (page.dom.element(a), page.dom.element(b)) else {
        return false;
    };
    let class = x.attr("class").map(str::trim).filter(|c| !c.is_empty());
    x.name == y.name
        && class == y.attr("class").map(str::trim).filter(|c| !c.is_empty())
        && (class.is_some() || x.tag == Tag::P)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "<div class=\"con\"><h1>老旧小区改造全面开工</h1>\
        <p>记者从市住建局获悉，今年列入计划的42个老旧小区改造项目已全部开工，涉及居民1.2万户。</p>\
        <p>改造内容包括屋面防水、外墙保温和加装电梯，施工单位将分批进场，尽量减少对居民的影响。</p>\
        <p>全部项目将于今年年底前完工，届时将组织居民代表参与验收。</p></div>";

    fn links(n: usize, text: &str) -> String {
        (0..n)
            .map(|i| format!("<a href=\"http://www.site{i}.com/\">{text}{i}</a>\n"))
            .collect()
    }

    #[test]
    fn link_blocks_outside_the_article_are_set_aside_one_per_block_where_they_stood() {
        let nav = format!(
            "<ul class=\"channels\">{}</ul>",
            (0..7)
                .map(|i| format!("<li><a href=\"/c{i}/\">频道{i}</a></li>"))
                .collect::<String>()
        );
        let html = format!(
            "<html><body>{nav}{ARTICLE}<div><a href=\"#\">返回顶部</a></div><div class=\"yqlj\">{}</div></body></html>",
            links(8, "链接")
        );
        let out = extract(&html, None);
        let plain = extract(&format!("<html><body>{ARTICLE}</body></html>"), None);
        // Nothing about the kept text changes.
        assert_eq!(out.text(), plain.text());
        let chrome: Vec<&Aside> = link_asides_of(&out);
        assert_eq!(chrome.len(), 2, "{chrome:?}");
        // The list's items make one block, before the article.
        assert_eq!(chrome[0].links.len(), 7);
        assert_eq!(chrome[0].position, AsidePosition::Head);
        // The farm is its own block, without the `返回顶部` beside it, after the article.
        assert_eq!(chrome[1].links.len(), 8);
        assert_eq!(chrome[1].position, AsidePosition::Tail);
        assert!(!chrome[1].text.contains("返回顶部"));
        assert!(chrome[1].text.starts_with("链接0"));
    }

    #[test]
    fn like_paragraphs_of_links_make_one_block_and_few_links_none() {
        let farm: String = (0..7)
            .map(|i| format!("<p class=\"seo\"><a href=\"http://www.s{i}.net/\">关键词{i}</a></p>"))
            .collect();
        let few: String = (0..3)
            .map(|i| format!("<p class=\"ext\"><a href=\"/ext{i}\">专题{i}</a></p>"))
            .collect();
        let html = format!("<html><body><div class=\"wrap\">{ARTICLE}{farm}<hr>{few}</div></body></html>");
        let out = extract(&html, None);
        let chrome: Vec<&Aside> = link_asides_of(&out);
        assert_eq!(chrome.len(), 1, "{chrome:?}");
        assert_eq!(chrome[0].links.len(), 7);
        assert_eq!(chrome[0].text.lines().count(), 7);
        assert_eq!(chrome[0].position, AsidePosition::Tail);
    }

    #[test]
    fn chrome_regions_say_where_they_stood() {
        let html = format!(
            "<html><body><nav>{}</nav>{ARTICLE}<div class=\"footer\">{}</div></body></html>",
            links(3, "导航"),
            links(3, "页脚")
        );
        let out = extract(&html, None);
        let positions: Vec<AsidePosition> = link_asides_of(&out).iter().map(|a| a.position).collect();
        assert_eq!(positions, [AsidePosition::Head, AsidePosition::Tail]);
    }

    /// The chrome asides with links (the others hold the unclaimed text: here the headline).
    fn link_asides_of(out: &Extracted) -> Vec<&Aside> {
        out.asides
            .iter()
            .filter(|a| a.kind == AsideKind::Chrome && !a.links.is_empty())
            .collect()
    }

    #[test]
    fn text_outside_the_article_is_set_aside_where_it_stood() {
        let html = format!(
            "<html><body><div class=\"wrap\">{ARTICLE}<div class=\"tags2\">昌黎县| 丰南区| 遂平县</div></div>\
             <div class=\"side\"><p>一段侧栏文字</p><p>又一段</p></div></body></html><p>页面之后的文字</p>"
        );
        let out = extract(&html, None);
        let unclaimed: Vec<(&str, AsidePosition)> = out
            .asides
            .iter()
            .filter(|a| a.kind == AsideKind::Chrome && a.links.is_empty())
            .map(|a| (a.text.as_str(), a.position))
            .collect();
        // The list after the article, the sidebar (a chrome region), what follows `</html>`.
        for aside in [
            ("昌黎县| 丰南区| 遂平县", AsidePosition::Tail),
            ("一段侧栏文字\n又一段", AsidePosition::Tail),
            ("页面之后的文字", AsidePosition::Tail),
        ] {
            assert!(unclaimed.contains(&aside), "{unclaimed:?}");
        }
        assert!(!out.text().contains("昌黎县"));
    }

    fn paragraphs(n: usize, what: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>The {what} paragraph number {i} explains one more part of the council's plan, \
                     and it ends the way a sentence ends.</p>"
                )
            })
            .collect()
    }

    #[test]
    fn the_article_before_a_read_more_box_joins_the_rest() {
        let html = format!(
            "<html><body><div id=\"main\"><h1>Council delays the vote</h1><div class=\"col\">\
             <div class=\"story-intro\"><p>THE council has put off its vote on the bridge tolls until August, \
             after residents objected.</p></div>{}<div id=\"read-more\"><div id=\"read-more-link\">\
             <a href=\"#\">Read more</a></div><div id=\"middle-ad\"><div class=\"ad-block\"></div></div>\
             <div id=\"read-more-content\">{}</div></div></div></div>\
             <div class=\"teasers\"><div class=\"teaser\"><h3><a href=\"/a\">Another story</a></h3>\
             <p>A summary of another story that is long enough to read like a sentence of prose.</p></div></div>\
             </body></html>",
            paragraphs(2, "opening"),
            paragraphs(15, "later")
        );
        let text = extract(&html, None).text();
        assert!(text.starts_with("THE council has put off"), "{text}");
        assert!(text.contains("The opening paragraph number 1"), "{text}");
        assert!(text.contains("The later paragraph number 14"), "{text}");
        assert!(
            !text.contains("Read more") && !text.contains("summary of another story"),
            "{text}"
        );
    }

    #[test]
    fn a_credit_at_the_edge_of_a_paragraph_stays_out_but_a_popup_mid_sentence_stays_in() {
        let html = format!(
            "<html><body><article><h1>Notes</h1>{}<p>The lawyer's <a class=\"popup\" href=\"#\">avocations</a> \
             had brought him into contact with many copyists over the years.</p>\
             <p>The bridge opened in March, two months later than planned by the council. \
             <span class=\"credit\">Photo: J. Smith</span></p></article></body></html>",
            paragraphs(4, "body")
        );
        let text = extract(&html, None).text();
        assert!(text.contains("The lawyer's avocations had brought him"), "{text}");
        assert!(
            text.contains("two months later than planned") && !text.contains("J. Smith"),
            "{text}"
        );
    }

    #[test]
    fn slides_whose_class_lists_differ_by_a_state_are_one_run() {
        let slide = |state: &str, what: &str, n: usize| {
            format!(
                "<section class=\"slide js-slide{state}\"><div class=\"slide-body\">{}</div>\
                 <div class=\"ad-slot\">Advertisement</div></section>",
                paragraphs(n, what)
            )
        };
        let html = format!(
            "<html><body><div class=\"show\"><h1>Ten pictures of the week</h1>{}{}{}</div></body></html>",
            slide(" active", "first slide's", 4),
            slide("", "second slide's", 2),
            slide("", "third slide's", 1)
        );
        let text = extract(&html, None).text();
        assert!(text.contains("The first slide's paragraph number 3"), "{text}");
        assert!(text.contains("The second slide's paragraph number 1"), "{text}");
        assert!(text.contains("The third slide's paragraph number 0"), "{text}");
        assert!(!text.contains("Advertisement"), "{text}");
    }

    #[test]
    fn a_page_builders_widgets_are_not_a_sidebar() {
        let widget = |body: &str| {
            format!(
                "<div class=\"elementor-element elementor-widget elementor-widget-text-editor\">\
                 <div class=\"elementor-widget-container\">{body}</div></div>"
            )
        };
        let html = format!(
            "<html><body><div class=\"elementor\"><section class=\"elementor-section\">{}{}</section>\
             <section class=\"elementor-section\">{}</section><section class=\"elementor-section\">{}</section></div>\
             <aside class=\"sidebar\"><div class=\"widget\">{}</div></aside></body></html>",
            widget("<h1>About the society</h1>"),
            widget(&paragraphs(2, "opening")),
            widget(&paragraphs(1, "middle")),
            widget(&paragraphs(1, "closing")),
            paragraphs(1, "sidebar's")
        );
        let text = extract(&html, None).text();
        assert!(text.contains("The opening paragraph number 1"), "{text}");
        assert!(text.contains("The middle paragraph number 0"), "{text}");
        assert!(text.contains("The closing paragraph number 0"), "{text}");
        assert!(!text.contains("sidebar's"), "{text}");
    }

    #[test]
    fn a_story_printed_twice_is_kept_once_but_a_repeated_step_stays() {
        let story = paragraphs(3, "story's");
        let html = format!(
            "<html><body><article><h1>Ten films to watch again</h1><div class=\"intro\">{story}</div>\
             <div class=\"intro-mobile\">{story}</div></article></body></html>"
        );
        let text = extract(&html, None).text();
        assert_eq!(text.matches("The story's paragraph number 2").count(), 1, "{text}");
        // A step repeated between other lines is the text's own.
        let step = "<p>Portion containers: one green, one red, one yellow and a teaspoon of oil for the pan.</p>";
        let html = format!(
            "<html><body><article><h1>Meal plan</h1>{}{step}{}{step}{}</article></body></html>",
            paragraphs(3, "monday's"),
            paragraphs(3, "tuesday's"),
            paragraphs(3, "wednesday's")
        );
        let text = extract(&html, None).text();
        assert_eq!(text.matches("Portion containers").count(), 2, "{text}");
    }

    #[test]
    fn the_article_body_of_json_ld_points_to_the_text() {
        let story = paragraphs(6, "museum story's");
        let body: String = (0..6)
            .map(|i| {
                format!(
                    "The museum story's paragraph number {i} explains one more part of the council's plan, \
                     and it ends the way a sentence ends.\\n"
                )
            })
            .collect();
        // The story sits in a `related`-named wrapper; a longer box of other text outscores it.
        let promoted: String = (0..9)
            .map(|i| {
                format!(
                    "<p>Offer {i}: subscribe today, read every story on any device and cancel whenever you like.</p>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"headline\":\"Museum reopens\",\"articleBody\":\"{body}\"}}</script></head><body>\
             <div class=\"promo-box\">{promoted}</div><div class=\"related-story\">{story}</div></body></html>"
        );
        let text = extract(&html, None).text();
        assert!(text.contains("The museum story's paragraph number 5"), "{text}");
        assert!(!text.contains("subscribe today"), "{text}");
    }

    #[test]
    fn counters_and_a_closing_stats_line_are_not_text() {
        let html = format!(
            "<html><body><article><h1>Notes</h1>{}<div class=\"post-head\"><span>Jane</span> \
             <time>May 3, 2024, 11:02am</time><span itemprop=\"position\">1</span></div>{}\
             <div itemprop=\"interactionStatistic\"><span>2 Likes</span></div>\
             <div class=\"postDesc\">posted @ 2024-05-03 21:37 Jane 阅读(1024)</div></article></body></html>",
            paragraphs(2, "first"),
            paragraphs(2, "second")
        );
        let text = extract(&html, None).text();
        assert!(
            text.contains("May 3, 2024, 11:02am") && !text.contains("11:02am1"),
            "{text}"
        );
        assert!(!text.contains("2 Likes") && !text.contains("阅读"), "{text}");
        // A date alone closing the text is the text's own (a letter's date under its signature).
        let html = format!(
            "<html><body><article><h1>Notice</h1>{}<p>County fire office</p><p>15 March 2024</p></article></body></html>",
            paragraphs(3, "notice's")
        );
        let text = extract(&html, None).text();
        assert!(text.ends_with("County fire office\n15 March 2024"), "{text}");
    }

    #[test]
    fn deep_nesting_stays_fast_and_keeps_text() {
        let n = 100_000;
        let html = "<div>".repeat(n) + "deep text here, in the middle." + &"</div>".repeat(n);
        // A quadratic parse would not end in any reasonable time in a debug build; speed itself
        // is measured by the benches.
        let out = extract(&html, None);
        assert!(out.text().contains("deep text here"));
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
        let (dom, sheet) = super::parse(&html);
        let mut page = Page::analyze(&dom, &sheet);
        let found = metadata::Found::scan(&page);
        page.finish(found.headline);
        let selection = select::select(&page, found.select_headline(), found.ld.body.as_deref());
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
        println!("title: {:?} (tag {:?})", found.title, found.title_tag);
        for mark in &found.author_marks {
            println!("author mark [{}] {mark:?}", describe(mark.id));
        }
        for (id, text) in &found.byline_elements {
            println!("byline element [{}] {text:?}", describe(*id));
        }
        for (id, value, marked) in &found.times {
            println!("time [{}] {value:?} marked {marked}", describe(*id));
        }
        let meta = metadata::decide(&page, &found, &selection, None);
        println!("decided: {meta:?}");
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
