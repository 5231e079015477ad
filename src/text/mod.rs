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

/// Reads a plain-text page: the article's paragraphs and headings in order, and its metadata.
pub fn extract(text: &str) -> Extracted {
    extract_with_site(text, None)
}

/// [`extract`] with the lines the page's site repeats across other documents of the batch
/// ([`crate::boilerplate`]): strong evidence of chrome.
pub fn extract_with_site(text: &str, site: Option<&SiteLines>) -> Extracted {
    let lines = lines::split(text);
    layout::Page::read_with_site(&lines, site).into_extracted()
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
    fn long_lines_and_many_lines() {
        let long = "长".repeat(50_000);
        assert_eq!(extract(&long).text(), long);
        let many = "短行\n".repeat(20_000);
        assert_eq!(extract(&many).blocks.len(), 20_000);
        let pipes = "甲|".repeat(30_000);
        let _ = extract(&pipes);
    }
}
