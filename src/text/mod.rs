//! Plain-text documents (WET records, earlier extractions, JSONL `text` fields): each line
//! classified as masthead, navigation, breadcrumb, kicker, headline, byline, article prose,
//! in-article heading, print credit, page chrome or a list the spam stage must judge; the record's
//! metadata read from the headline and byline lines.
//!
//! The pipeline repairs the whole text ([`crate::decode::repair`]) before this stage and strips
//! spam after it: lines that look like lists but cannot be placed are kept for the spam stage.

mod classify;
mod layout;
mod lines;

use crate::boilerplate::SiteLines;
use crate::content::Extracted;

/// The most non-blank lines of a document the stage reads; the rest is left out and the record
/// says `truncated` (see [`within_lines`]). A line costs about 250 bytes by the time the page is
/// read (its text, its classification, its block), so the bound holds a document's reading to
/// about 250 MB whatever its size: real texts stay far below it (a 64 MiB text of 80-column
/// lines has 800 000), and a 32 MiB text of `a` lines took 3.9 GB without it.
pub const MAX_LINES: usize = 1 << 20;

/// Reads a plain-text page: the article's paragraphs and headings in order, and its metadata.
/// The caller bounds its lines ([`within_lines`]).
pub fn extract(text: &str) -> Extracted {
    extract_with_site(text, None)
}

/// [`extract`] with the lines the page's site repeats across other documents of the batch
/// ([`crate::boilerplate`]): strong evidence of chrome.
pub fn extract_with_site(text: &str, site: Option<&SiteLines>) -> Extracted {
    let lines = lines::split(text);
    layout::Page::read_with_site(&lines, site).into_extracted()
}

/// The part of `text` the stage reads: up to `max_lines` ([`MAX_LINES`] in the pipeline)
/// non-blank lines (blank as [`lines::split`] sees them); and whether that left anything out.
/// Said on the decoded text, before the repairs, which then read only what is kept.
pub fn within_lines(text: &str, max_lines: usize) -> (&str, bool) {
    // A quick answer for the usual document: a non-blank line takes a byte and, but for the
    // last, a line break, so a text shorter than twice the bound has no more lines than it.
    if text.len() < 2 * max_lines {
        return (text, false);
    }
    let separator = lines::separator(text);
    let mut lines = 0;
    let mut at = 0;
    for line in text.split_inclusive(separator) {
        if !lines::is_blank(line) {
            if lines == max_lines {
                return (&text[..at], true);
            }
            lines += 1;
        }
        at += line.len();
    }
    (text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages assembled from byline, chrome and prose fragments in every order: no panic, and the
    /// text never holds more than the page did.
    #[test]
    fn arbitrary_fragment_pages() {
        const FRAGMENTS: &[&str] = &[
            "作者：",
            "本报记者",
            "张三",
            "来源:",
            "人民网",
            "|",
            "｜",
            " > ",
            "首页",
            "——",
            "2024年04月02日",
            " 07:56",
            "By ",
            "Jane Doe",
            " and ",
            "Published ",
            "April 2, 2024",
            "《",
            "》",
            "(",
            ")",
            "（",
            "）",
            "。",
            "，",
            "正文内容很长很长",
            "The story goes on.",
            "\u{3000}",
            "\u{feff}",
            "\r",
            "\n",
            "\n\n",
            "责任编辑：",
            "相关新闻",
            "Share this article",
            "#2楼",
            "发表于",
            "文/",
            "記者",
            "台北2日電",
            "\u{e000}",
            "é",
            "\t",
            "-",
            "_",
        ];
        let mut random = crate::testing::Random(0x9e37_79b9_7f4a_7c15);
        for _ in 0..1500 {
            let len = random.below(60);
            let page: String = (0..len).map(|_| random.pick(FRAGMENTS)).collect();
            let extracted = extract(&page);
            let text = extracted.text();
            assert!(text.chars().count() <= page.chars().count(), "{page:?}");
            assert!(extracted.blocks.iter().all(|b| !b.text.trim().is_empty()), "{page:?}");
        }
    }

    /// Every line dropped as chrome reaches the spam stage, runs of them as one aside, with
    /// where they stood relative to the kept text.
    #[test]
    fn chrome_lines_are_set_aside_with_their_position() {
        use crate::content::{AsideKind, AsidePosition};
        let page = "人民网|时政频道\n首页 > 时政\n改革迈出新步伐\n作者：本报记者 张三\n\
                    第一段文字，内容很长很长很长，说的是改革的事情。\n分享到： 微信 微博\n\
                    第二段文字，内容也很长很长，说的是后来的事情。\n责任编辑：李四\n\
                    版权所有 人民网股份有限公司\n关于我们 | 联系我们 | 网站地图";
        let extracted = extract(page);
        assert_eq!(extracted.blocks.len(), 2, "{:?}", extracted.blocks);
        let asides: Vec<(AsidePosition, &str)> = extracted
            .asides
            .iter()
            .map(|a| {
                assert_eq!(a.kind, AsideKind::Chrome);
                assert!(a.links.is_empty());
                (a.position, a.text.as_str())
            })
            .collect();
        assert_eq!(
            asides,
            [
                (AsidePosition::Head, "人民网|时政频道\n首页 > 时政"),
                (AsidePosition::Inline, "分享到： 微信 微博"),
                (
                    AsidePosition::Tail,
                    "版权所有 人民网股份有限公司\n关于我们 | 联系我们 | 网站地图"
                ),
            ]
        );
        // Nothing kept: chrome is the page's tail.
        let bare = extract("首页 > 时政\n分享到： 微信 微博");
        assert!(bare.blocks.is_empty());
        assert!(bare.asides.iter().all(|a| a.position == AsidePosition::Tail));
    }

    #[test]
    fn lines_past_the_bound_are_left_out() {
        // Blank lines (spaces, zero-width spaces) are not counted; the cut is before the first
        // line past the bound, whatever breaks the lines.
        let text = "one\n\n \u{200b}\ntwo\nthree\nfour\n";
        assert_eq!(within_lines(text, 2), ("one\n\n \u{200b}\ntwo\n", true));
        assert_eq!(within_lines(text, 3), ("one\n\n \u{200b}\ntwo\nthree\n", true));
        assert_eq!(within_lines(text, 4), (text, false));
        assert_eq!(within_lines("a\rb\rc", 2), ("a\rb\r", true));
        assert_eq!(within_lines("a\r\nb\r\n\r\n", 2), ("a\r\nb\r\n\r\n", false));
        // What is kept reads as the first lines of the whole.
        let many = "短行\n\n".repeat(50);
        let (kept, truncated) = within_lines(&many, 20);
        assert!(truncated);
        assert_eq!(extract(kept).blocks, extract(&many).blocks[..20]);
    }

    #[test]
    fn long_lines_and_many_lines() {
        let long = "长".repeat(50_000);
        assert_eq!(extract(&long).text(), long);
        let many = "短行\n".repeat(20_000);
        assert_eq!(extract(&many).blocks.len(), 20_000);
        let pipes = "甲|".repeat(30_000);
        let _ = extract(&pipes);
    }
}
